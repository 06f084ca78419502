import type { StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { UNKNOWN } from "./known";
import { levelKey, OrganizationTree, organizationTree } from "./organizationTree";
import { configSchemaOf, settingsOf } from "./settings";
import { listNames, ofType, policySets } from "./shared";
import { POLICY_TYPE_FACTS } from "../core/policyTypes";
import { GLOBAL_SERVICES, GLOBAL_SERVICES_REGION, RETIRED_OU_NAME } from "../core/names";
import { Evaluation, PathEvaluator, PathLevel } from "../core/pathEvaluation";
import { requestContext } from "../core/requestContext";
import { RCP_SERVICES } from "../core/rcpServices";
import { readString } from "./known";
import { TYPES } from "../core/names";

/**
 * What the access role must keep being allowed to do, so that someone can reach the account
 * and repair it: read the role and its trust policy, give it permissions back, remove a bad
 * one, and assume roles from it. docs/guardrails.md explains the choice.
 */
export const DEFAULT_ESSENTIAL_ACTIONS: readonly string[] = [
    "sts:AssumeRole",
    "iam:GetRole",
    "iam:UpdateAssumeRolePolicy",
    "iam:AttachRolePolicy",
    "iam:PutRolePolicy",
    "iam:DetachRolePolicy",
];

const accountsKeepAccessSettings = z.object({
    essentialActions: z
        .array(z.string().regex(/^[A-Za-z0-9-]+:[A-Za-z0-9]+$/))
        .min(1)
        .default([...DEFAULT_ESSENTIAL_ACTIONS])
        .describe("Actions every account's access role must keep, as `service:Action` without wildcards."),
    exemptAccounts: z.array(z.string().min(1)).default([]).describe("Names of accounts that may lose them (e.g. locked on purpose)."),
    exemptOrganizationalUnits: z
        .array(z.string().min(1))
        .default([RETIRED_OU_NAME, "Quarantine"])
        .describe("OU paths whose accounts (and those of the OUs below) may lose them: retirement and quarantine OUs."),
});

/**
 * Stands for the id of an account not created yet: no SCP written before it exists can name
 * it, so it matches no specific account id a condition or resource could name.
 */
const NEW_ACCOUNT_ID = "000000000000";

/** How many accounts and actions a message names, so that it stays readable. */
const NAMED_IN_MESSAGE = 8;

/** The Regions a request for `action` can carry: the global services' own, or each the organization uses. */
function regionsFor(action: string, regions: readonly string[]): readonly string[] {
    const service = action.slice(0, action.indexOf(":")).toLowerCase();
    return GLOBAL_SERVICES.has(service) ? [GLOBAL_SERVICES_REGION] : regions;
}

/** One denial, and the accounts, actions and Regions it hits. */
interface Denial {
    readonly evaluation: Evaluation;
    readonly level: PathLevel;
    readonly accounts: Set<string>;
    readonly roles: Set<string>;
    readonly actions: Set<string>;
    readonly regions: Set<string>;
}

function denialKey(e: Evaluation, level: PathLevel): string {
    return [e.decidedBy?.policyType ?? "SCP", e.decision, levelKey(level), e.decidedBy?.policy ?? "", e.decidedBy?.statement ?? ""].join("\n");
}

/** A stand-in for the organization's id while it is not known (during a preview, or before it exists). */
const THIS_ORGANIZATION = "o-thisorganization";

function where(level: PathLevel): string {
    if (level.kind === "root") return "at the root";
    return level.kind === "ou" ? `at OU \`${level.name}\`` : `on account \`${level.name}\``;
}

function named(names: ReadonlySet<string>): string {
    const all = [...names];
    const shown = all.slice(0, NAMED_IN_MESSAGE);
    return listNames(shown, all.length - shown.length);
}

function message(d: Denial): string {
    const accounts = `${d.accounts.size === 1 ? "account" : "accounts"} ${named(d.accounts)}`;
    const role = d.roles.size === 1 ? ` (\`${[...d.roles].join("")}\`)` : "";
    const actions = `${d.actions.size === 1 ? "the essential action" : "the essential actions"} ${named(d.actions)}`;
    const regions = `in ${[...d.regions].join(", ")}`;
    const by = d.evaluation.decidedBy;
    const type = by?.policyType ?? "SCP";
    const cause = d.evaluation.decision === "ExplicitlyDenied"
        ? `${type} \`${by?.policy ?? "?"}\` (statement \`${by?.statement ?? "?"}\`) ${where(d.level)} denies ${d.actions.size === 1 ? "it" : "them"}`
        : `no SCP attached ${where(d.level)} allows ${d.actions.size === 1 ? "it" : "them"} (${listNames(d.level.policies)})`;
    const fix = d.evaluation.decision === "ExplicitlyDenied"
        ? `Attach that ${type} lower down, or give its statement a condition that spares the access role (\`aws:PrincipalArn\`)`
        : "Allow them in an SCP attached there (`iam:*` and `sts:*` cover the defaults)";
    return (
        `The access role of ${accounts}${role} would lose ${actions} ${regions}: ${cause}. ` +
        "Nobody could then reach these accounts to repair them. " +
        `${fix}, or list the accounts in \`exemptAccounts\` (or their OU in \`exemptOrganizationalUnits\`) of this policy's config if that is intended.`
    );
}

/** Whether an account is exempt: the management account, a retired one, or one the settings name. */
function isExempt(
    account: OrganizationTree["accounts"][number],
    settings: { readonly exemptAccounts: readonly string[]; readonly exemptOrganizationalUnits: readonly string[] },
): boolean {
    if (account.managementAccount || account.retired === true || settings.exemptAccounts.includes(account.name)) return true;
    const ou = account.ouPath;
    return typeof ou === "string" && settings.exemptOrganizationalUnits.some((path) => ou === path || ou.startsWith(`${path}/`));
}

/**
 * SCPs that deny the access role what it needs lock an account out: nobody can reach it to
 * repair it, and only the management account's AWS support case gets it back. The policy
 * evaluates, for every member account, the SCPs on its path (root, OUs, the account) for each
 * essential action in each Region the organization uses, as the account's access role
 * (`arn:aws:iam::<id>:role/<roleName>`) acting on itself. Exempt: the management account
 * (SCPs never apply to it), retired accounts, and the accounts and OUs the settings name.
 *
 * Where the stack has RCPs, the request is also evaluated against the RCPs on the account's
 * own path (the role is the resource, in the account itself), for the actions of the services
 * RCPs cover (`sts:AssumeRole` among the defaults): a Deny there locks the account out just as
 * well. The caller is taken to be of the organization (`aws:PrincipalOrgID` and
 * `aws:ResourceOrgID` alike) and not an AWS service.
 */
export const accountsKeepAccess: StackValidationPolicy = {
    name: "accounts-keep-access",
    description: "Checks that every member account's access role keeps the essential actions in every Region the organization uses, by evaluating the SCPs on its path.",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(accountsKeepAccessSettings),
    validateStack: (args, reportViolation) => {
        const tree = organizationTree(args.resources);
        if (tree === undefined) return args.notApplicable("This stack has no organization.");
        const settings = settingsOf(args, accountsKeepAccessSettings);
        const lookup = (name: string) => tree.policies.get(name);
        const rcpTree = policySets(args.resources, POLICY_TYPE_FACTS.RCP.apiName).length > 0 ? organizationTree(args.resources, "RCP") : undefined;
        const rcpLevels = new Map((rcpTree?.accounts ?? []).map((a) => [a.urn, a.levels]));
        const rcpLookup = (name: string) => rcpTree?.policies.get(name);
        const organizationId = readString(ofType(args.resources, TYPES.organization)[0]?.props, "id");
        const orgId = typeof organizationId === "string" ? organizationId : THIS_ORGANIZATION;
        const denials = new Map<string, Denial>();
        for (const account of tree.accounts) {
            // An account that cannot be placed (or whose tags are unknown) is judged once it can be.
            if (account.levels === undefined || account.retired === UNKNOWN || isExempt(account, settings)) continue;
            const id = account.id ?? NEW_ACCOUNT_ID;
            const roleArn = `arn:aws:iam::${id}:role/${account.roleName}`;
            const evaluators = new Map<string, { scp: PathEvaluator; rcp: PathEvaluator }>();
            const accountRcpLevels = rcpLevels.get(account.urn);
            for (const action of settings.essentialActions) {
                for (const region of regionsFor(action, tree.regions)) {
                    let evaluator = evaluators.get(region);
                    if (evaluator === undefined) {
                        const context = requestContext([
                            ["aws:RequestedRegion", region],
                            ["aws:PrincipalArn", roleArn],
                            ["aws:PrincipalAccount", id],
                            ["aws:PrincipalType", "AssumedRole"],
                        ]);
                        const rcpContext = new Map([...context, ["aws:principalorgid", [orgId]], ["aws:resourceorgid", [orgId]], ["aws:principalisawsservice", ["false"]]]);
                        evaluator = { scp: new PathEvaluator(lookup, { resource: roleArn, context }), rcp: new PathEvaluator(rcpLookup, { resource: roleArn, context: rcpContext }) };
                        evaluators.set(region, evaluator);
                    }
                    const scp = evaluator.scp.evaluatePath(account.levels, action);
                    const coveredByRcps = accountRcpLevels !== undefined && RCP_SERVICES.includes(action.slice(0, action.indexOf(":")).toLowerCase());
                    const rcp = coveredByRcps ? evaluator.rcp.evaluatePath(accountRcpLevels, action) : undefined;
                    const rcpDenies = rcp !== undefined && rcp.decision !== "Allowed" && rcp.decidedBy !== undefined;
                    const evaluation: Evaluation = scp.decision !== "ExplicitlyDenied" && rcpDenies ? { ...rcp, decidedBy: { ...rcp.decidedBy, policyType: "RCP" } } : scp;
                    const level = evaluation.decidedBy?.level;
                    if (evaluation.decision === "Allowed" || level === undefined) continue;
                    const key = denialKey(evaluation, level);
                    let denial = denials.get(key);
                    if (denial === undefined) {
                        denial = { evaluation, level, accounts: new Set(), roles: new Set(), actions: new Set(), regions: new Set() };
                        denials.set(key, denial);
                    }
                    denial.accounts.add(account.name);
                    denial.roles.add(account.roleName);
                    denial.actions.add(action);
                    denial.regions.add(region);
                }
            }
        }
        for (const denial of denials.values()) {
            const sets = denial.evaluation.decidedBy?.policyType === "RCP" ? rcpTree?.sets : tree.sets;
            reportViolation(message(denial), sets?.get(levelKey(denial.level))?.urn);
        }
    },
};
