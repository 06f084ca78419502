import { Node as JsonNode } from "jsonc-parser";
import { iamActionName, iamActionsOf, iamAllActions, iamServices, isIamService } from "./iamCatalog";
import { propertyValue, statementNodes, stringNodes } from "../../policypacks/aws-org-guardrails/core/policyTree";
import { ScpProblem } from "../../policypacks/aws-org-guardrails/core/scpDocument";
import { hasWildcard, wildcardMatcher } from "../../policypacks/aws-org-guardrails/core/wildcard";
import { closest } from "../diagnostics/suggest";

const HINT = "Check the name in AWS's Service Authorization Reference.";

function suggestion(candidate: string | undefined): string {
    return candidate === undefined ? ` ${HINT}` : ` Did you mean \`${candidate}\`?`;
}

/** For a `Prefix*` pattern that matches nothing, the closest prefix real action names start with. */
function nearPrefix(action: string, names: readonly string[]): string | undefined {
    const prefix = action.slice(0, -1);
    if (!action.endsWith("*") || prefix.length < 3 || /[*?]/.test(prefix)) return undefined;
    const lengths = [prefix.length - 1, prefix.length, prefix.length + 1];
    return closest(prefix, new Set(names.flatMap((n) => lengths.map((k) => n.slice(0, k)))));
}

/**
 * Wildcards whose service part is itself a wildcard (`ec2*`, `*:Get*`) are checked against the
 * whole catalogue, some milliseconds each; a policy gets this many such checks, so that a file
 * of thousands of them cannot stall the loader. Real SCPs hold a handful.
 */
export const MAX_CATALOGUE_WIDE_CHECKS = 100;

/** Whether an entry needs a check against the whole catalogue rather than one service's actions. */
function isCatalogueWide(written: string): boolean {
    const colon = written.indexOf(":");
    return written !== "*" && hasWildcard(colon < 0 ? written : written.slice(0, colon));
}

/** What is wrong with one entry of `Action`/`NotAction`, or undefined when it names real actions. */
function actionProblem(written: string): { code: string; message: string } | undefined {
    if (written === "*") return undefined;
    const colon = written.indexOf(":");
    if (colon < 0 && hasWildcard(written)) {
        const re = wildcardMatcher(written, true);
        return iamAllActions().some((a) => re.test(a)) ? undefined : { code: "scp-wildcard-matches-nothing", message: `\`${written}\` matches no IAM action, so it has no effect. ${HINT}` };
    }
    if (colon <= 0 || colon === written.length - 1) {
        return { code: "scp-malformed-action", message: `\`${written}\` is not an action; write \`service:Action\` (like \`s3:GetObject\`), a wildcard (\`s3:Get*\`) or \`*\`.` };
    }
    const service = written.slice(0, colon);
    const action = written.slice(colon + 1);
    if (hasWildcard(service)) {
        const re = wildcardMatcher(written, true);
        const services = iamServices().filter((s) => wildcardMatcher(service, true).test(s));
        if (services.some((s) => iamActionsOf(s).some((a) => re.test(`${s}:${a}`)))) return undefined;
        return { code: "scp-wildcard-matches-nothing", message: `\`${written}\` matches no IAM action, so it has no effect. ${HINT}` };
    }
    if (!isIamService(service)) {
        const near = closest(service, iamServices());
        const full = near !== undefined && !hasWildcard(action) ? iamActionName(near, action) : undefined;
        return {
            code: "scp-unknown-service",
            message: `Unknown service prefix \`${service}\` in \`${written}\`.${suggestion(full ?? (near === undefined ? undefined : `${near}:${action}`))}`,
        };
    }
    const names = iamActionsOf(service);
    if (hasWildcard(action)) {
        const re = wildcardMatcher(action, true);
        if (names.some((a) => re.test(a))) return undefined;
        const near = nearPrefix(action, names);
        return {
            code: "scp-wildcard-matches-nothing",
            message: `\`${written}\` matches no action of service \`${service.toLowerCase()}\`, so it has no effect.${suggestion(near === undefined ? undefined : `${service.toLowerCase()}:${near}*`)}`,
        };
    }
    if (iamActionName(service, action) !== undefined) return undefined;
    const prefix = service.toLowerCase();
    return {
        code: "scp-unknown-action",
        message: `Unknown action \`${written}\`: service \`${prefix}\` has no action \`${action}\`.${suggestion(closest(written, names.map((a) => `${prefix}:${a}`)))}`,
    };
}

/**
 * Checks every entry of `Action` and `NotAction` against the IAM catalogue: the service
 * prefix and action must exist, and a wildcard must match at least one action. A typo in an
 * allow-list silently denies the action; in a deny-list it silently denies nothing.
 */
export function lintActions(tree: JsonNode): ScpProblem[] {
    const problems: ScpProblem[] = [];
    const answers = new Map<string, ReturnType<typeof actionProblem>>();
    const unchecked: JsonNode[] = [];
    let catalogueWide = 0;
    for (const statement of statementNodes(tree)) {
        for (const key of ["Action", "NotAction"]) {
            for (const node of stringNodes(propertyValue(statement, key))) {
                const written = String(node.value);
                if (!answers.has(written)) {
                    if (isCatalogueWide(written) && catalogueWide++ >= MAX_CATALOGUE_WIDE_CHECKS) {
                        unchecked.push(node);
                        continue;
                    }
                    answers.set(written, actionProblem(written));
                }
                const problem = answers.get(written);
                if (problem !== undefined) problems.push({ ...problem, offset: node.offset });
            }
        }
    }
    const first = unchecked[0];
    if (first !== undefined) {
        problems.push({
            code: "scp-wildcards-not-checked",
            severity: "warning",
            message: `${unchecked.length} more entries with a wildcard service (like \`ec2*\` or \`*:Get*\`) were not checked against the IAM catalogue: a policy gets ${MAX_CATALOGUE_WIDE_CHECKS} such checks. Name the services, like \`ec2:Describe*\`.`,
            offset: first.offset,
        });
    }
    return problems;
}
