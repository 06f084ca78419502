import { Diagnostic } from "../diagnostics/diagnostic";
import { Account, FULL_AWS_ACCESS, OrganizationalUnit, OrgModel, ServiceControlPolicy } from "../model/types";
import { RETIRED_OU_NAME } from "../../policypacks/aws-org-guardrails/core/names";
import { scpStrategy } from "../../policypacks/aws-org-guardrails/core/scpDocument";
import { PolicyDocument } from "../../policypacks/aws-org-guardrails/core/policyDocument";

export { RETIRED_OU_NAME };
/** The reserved name of the built-in SCP that denies everything in the `Retired` OU. */
export const RETIRED_SCP_NAME = "DenyAllRetired";

const DENY_ALL: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [{ Sid: "DenyAllRetired", Effect: "Deny", Action: "*", Resource: "*" }],
};

/**
 * Moves every account marked `retired: true` into the top-level `Retired` OU, where nothing
 * is allowed, until it is removed from the file. A `Retired` OU declared in the file is used
 * as it is; otherwise the OU is added with FullAWSAccess and the built-in `DenyAllRetired`
 * SCP (an explicit deny wins over every allow, so nothing needs detaching). Keeps the model's
 * invariants: OUs parents-first, accounts in file order, each account's `ouPath`.
 *
 * Errors go into `diagnostics`; the result is then undefined.
 */
export function applyRetirement(model: OrgModel, diagnostics: Diagnostic[]): OrgModel | undefined {
    const before = diagnostics.length;
    for (const a of model.allAccounts.filter((a) => a.retired && a.isManagementAccount)) {
        diagnostics.push({
            code: "retired-management-account",
            severity: "error",
            message: `Account \`${a.name}\` is the management account, which can be neither removed nor closed from the organization; remove \`retired: true\`.`,
            ...a.source,
        });
    }
    if (diagnostics.length > before) return undefined;

    const moving = model.allAccounts.filter((a) => a.retired && a.ouPath !== RETIRED_OU_NAME);
    const [firstMoving] = moving;
    if (firstMoving === undefined) return model;
    const movingSet = new Set<Account>(moving);
    const moved = new Map<Account, Account>(moving.map((a) => [a, { ...a, ouPath: RETIRED_OU_NAME }]));
    const origin = firstMoving.source;
    const scpsEnabled = model.organization.featureSet === "ALL";
    const existing = model.organizationalUnits.find((ou) => ou.name === RETIRED_OU_NAME);

    const rebuilt = new Map<OrganizationalUnit, OrganizationalUnit>();
    const rebuild = (ou: OrganizationalUnit): OrganizationalUnit => {
        const kept = ou.accounts.filter((a) => !movingSet.has(a));
        const copy: OrganizationalUnit = {
            ...ou,
            accounts: ou === existing ? [...kept, ...moved.values()] : kept,
            organizationalUnits: ou.organizationalUnits.map(rebuild),
        };
        rebuilt.set(ou, copy);
        return copy;
    };
    const organizationalUnits = model.organizationalUnits.map(rebuild);
    const allOrganizationalUnits = model.allOrganizationalUnits.map((ou) => rebuilt.get(ou) as OrganizationalUnit);
    const policies = new Map(model.policies);

    if (existing !== undefined && scpsEnabled && !existing.policies.includes(RETIRED_SCP_NAME)) {
        diagnostics.push({
            code: "retired-ou-not-locked",
            severity: "warning",
            message: `Retired accounts move to your \`${RETIRED_OU_NAME}\` OU, which does not carry \`${RETIRED_SCP_NAME}\`, so they can still act; add \`${RETIRED_SCP_NAME}\` to its \`policies\`.`,
            ...existing.policiesSource,
        });
    }
    if (existing === undefined) {
        const retiredOu: OrganizationalUnit = {
            key: RETIRED_OU_NAME,
            name: RETIRED_OU_NAME,
            path: RETIRED_OU_NAME,
            previousPaths: [],
            allowReplacement: false,
            depth: 1,
            parentPath: null,
            policies: scpsEnabled ? [FULL_AWS_ACCESS, RETIRED_SCP_NAME] : [FULL_AWS_ACCESS],
            otherPolicies: {},
            policiesSource: origin,
            tags: {},
            organizationalUnits: [],
            accounts: [...moved.values()],
            source: origin,
        };
        organizationalUnits.push(retiredOu);
        allOrganizationalUnits.push(retiredOu);
        if (scpsEnabled) {
            // A declared `DenyAllRetired` (an import writes it with its id) is adopted, not created again.
            if (!policies.has(RETIRED_SCP_NAME)) policies.set(RETIRED_SCP_NAME, denyAllRetired(origin));
        } else {
            diagnostics.push({
                code: "retired-without-scp",
                severity: "warning",
                message: `Retired accounts move to the \`${RETIRED_OU_NAME}\` OU, but with \`featureSet: CONSOLIDATED_BILLING\` no SCP can lock them; remove them from the file soon, or set \`organization.featureSet: ALL\`.`,
                ...origin,
            });
        }
    }

    return {
        ...model,
        policies,
        organizationalUnits,
        accounts: model.accounts.filter((a) => !movingSet.has(a)),
        allOrganizationalUnits,
        allAccounts: model.allAccounts.map((a) => moved.get(a) ?? a),
    };
}

/** The built-in deny-all SCP of the `Retired` OU. */
export function denyAllRetired(source: Account["source"]): ServiceControlPolicy {
    return {
        name: RETIRED_SCP_NAME,
        description: "Built in: denies every action in retired accounts",
        content: JSON.stringify(DENY_ALL),
        document: DENY_ALL,
        awsManaged: false,
        external: false,
        strategy: scpStrategy(DENY_ALL),
        tags: {},
        source,
    };
}
