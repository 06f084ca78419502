import { iamActionName, iamActionsOf, iamAllActions, iamConditionKeysOf, iamGlobalConditionKeys, isIamService } from "../scp/iamCatalog";
import { conditionKeyPattern } from "../scp/conditionKeys";
import { isAwsRegion, unknownRegionHint } from "../scp/awsRegions";
import { REQUESTED_REGION } from "../scp/effectiveReport";
import { hasWildcard, wildcardMatcher } from "../../policypacks/aws-org-guardrails/core/wildcard";
import { closest, didYouMean } from "../diagnostics/suggest";
import { OrgModel } from "../model/types";
import { asList } from "../../policypacks/aws-org-guardrails/core/policyDocument";
import { at } from "../../policypacks/aws-org-guardrails/core/at";
import { ArgumentError } from "./exitStatus";

/** Actions asked about, with warnings for names the IAM catalogue does not know. */
export interface ActionArguments {
    readonly actions: string[];
    readonly warnings: string[];
}

/**
 * Reads `--action` values. `service:Action` is taken as written (a name the catalogue does
 * not know gives a warning with a suggestion); a wildcard (`ec2:Describe*`) expands to every
 * catalogue action it matches, since a request is always for one concrete action.
 */
export function actionArguments(values: readonly string[]): ActionArguments {
    if (values.length === 0) throw new ArgumentError("Give at least one `--action`, like `--action s3:GetObject`.");
    const actions: string[] = [];
    const warnings: string[] = [];
    for (const value of values) {
        const colon = value.indexOf(":");
        if (colon <= 0 || colon === value.length - 1 || /\s/.test(value)) {
            throw new ArgumentError(`\`--action ${value}\` is not an action; write \`service:Action\`, like \`s3:GetObject\`.`);
        }
        if (hasWildcard(value)) {
            const matcher = wildcardMatcher(value, true);
            const matched = iamAllActions().filter((a) => matcher.test(a));
            if (matched.length === 0) throw new ArgumentError(`\`--action ${value}\` matches no action of the IAM catalogue.`);
            actions.push(...matched);
            continue;
        }
        const service = value.slice(0, colon);
        if (iamActionName(service, value.slice(colon + 1)) === undefined) {
            const candidates = isIamService(service) ? iamActionsOf(service).map((a) => `${service.toLowerCase()}:${a}`) : iamAllActions();
            warnings.push(`\`${value}\` is not in the IAM catalogue; it is evaluated as written.${didYouMean(value, candidates)}`);
        }
        actions.push(value);
    }
    return { actions: [...new Set(actions)], warnings };
}

/** Reads `--resource`: `*` (any resource) or an ARN. */
export function resourceArgument(value: string): string {
    if (value === "*" || (value.startsWith("arn:") && value.split(":").length >= 6)) return value;
    throw new ArgumentError(`\`--resource ${value}\` is not an ARN; write \`arn:partition:service:region:account:resource\` (like \`arn:aws:s3:::my-bucket/key\`) or \`*\`.`);
}

/** Condition keys used in the org's SCPs: always accepted, even when the catalogue lacks them. */
function keysUsedIn(model: OrgModel): string[] {
    const keys = new Set<string>();
    for (const policy of model.policies.values()) {
        for (const s of policy.document.Statement) {
            for (const entries of Object.values(s.Condition ?? {})) for (const key of Object.keys(entries)) keys.add(key);
            for (const r of [...asList(s.Resource), ...asList(s.NotResource)]) for (const m of r.matchAll(/\$\{\s*([^,}\s]+)/g)) keys.add(at(m, 1));
        }
    }
    return [...keys];
}

/**
 * Reads `--context KEY=VALUE` values into pairs (a key given twice is multivalued). The key
 * must be a condition key: a global one, one of its service, or one the org's SCPs use.
 */
export function contextArguments(values: readonly string[], model: OrgModel): [string, string][] {
    const used = keysUsedIn(model);
    return values.map((value) => {
        const eq = value.indexOf("=");
        const key = eq < 0 ? value : value.slice(0, eq);
        const known = [...iamGlobalConditionKeys(), ...used, ...(key.includes(":") ? iamConditionKeysOf(key.slice(0, key.indexOf(":"))) : [])];
        if (eq <= 0 || !/^[A-Za-z0-9-]+:\S+$/.test(key)) {
            const near = closest(key, known);
            const example = near === undefined ? "`--context aws:PrincipalArn=arn:aws:iam::123456789012:root`" : `\`--context ${near}=VALUE\``;
            throw new ArgumentError(`\`--context ${value}\` is not KEY=VALUE with a condition key; write ${example}.`);
        }
        if (!known.some((k) => conditionKeyPattern(k).test(key))) {
            throw new ArgumentError(`\`${key}\` in \`--context ${value}\` is not a condition key IAM or your SCPs know.${didYouMean(key, known) || " Condition keys look like `aws:PrincipalArn` or `s3:prefix`."}`);
        }
        return [key, value.slice(eq + 1)];
    });
}

/**
 * Reads `--region R`: a Region AWS has, as the pair `aws:RequestedRegion=R`. It cannot be
 * given twice, nor beside `--context aws:RequestedRegion=…`: a request goes to one Region.
 */
export function regionArgument(region: string | undefined, context: readonly string[]): [string, string][] {
    if (region === undefined) return [];
    if (context.some((c) => c.toLowerCase().startsWith(`${REQUESTED_REGION.toLowerCase()}=`))) {
        throw new ArgumentError(`Give the Region once: \`--region ${region}\` is \`--context ${REQUESTED_REGION}=${region}\`.`);
    }
    if (!isAwsRegion(region)) throw new ArgumentError(`\`--region ${region}\` is not an AWS Region.${unknownRegionHint(region)}`);
    return [[REQUESTED_REGION, region]];
}
