import * as assert from "assert";
import fc from "fast-check";
import { AwsOrganization } from "../../components/awsOrganization";
import { orgModel, OuSpec } from "../scp/orgFixture";
import { accountsKeepAccess, DEFAULT_ESSENTIAL_ACTIONS } from "../../policypacks/aws-org-guardrails/policies";
import { GLOBAL_SERVICES, GLOBAL_SERVICES_REGION, TYPES } from "../../policypacks/aws-org-guardrails/core/names";
import { PolicyStatement } from "../../policypacks/aws-org-guardrails/core/policyDocument";
import { requestContext } from "../../policypacks/aws-org-guardrails/core/requestContext";
import { captureProgram } from "../../src/plan/captureProgram";
import { NO_POLICY_PACK_CONFIG } from "../../src/plan/policyConfig";
import { runPolicies } from "../../src/plan/runPolicies";
import { ScpEvaluator } from "../../src/scp/evaluate";
import { accountTargets } from "../../src/scp/policyPath";
import { FULL_AWS_ACCESS, OrgModel } from "../../src/model/types";

/**
 * Over random small organizations, run through the real components under mocks, the lockout
 * guardrail names exactly the accounts for which the model's evaluator denies an essential
 * action to the access role, in some Region the organization uses (IAM: in us-east-1).
 */

const REGIONS = ["us-east-1", "eu-west-1"];
const POLICY_NAMES = [FULL_AWS_ACCESS, "P0", "P1", "P2"];

const condition = fc.oneof(
    fc.constant(undefined),
    fc.record({ op: fc.constantFrom("StringEquals", "StringNotEquals"), regions: fc.subarray(REGIONS, { minLength: 1 }) }).map(({ op, regions }) => ({ [op]: { "aws:RequestedRegion": regions } })),
    fc.record({ op: fc.constantFrom("ArnLike", "ArnNotLike"), role: fc.constantFrom("OrganizationAccountAccessRole", "Other*") }).map(({ op, role }) => ({ [op]: { "aws:PrincipalArn": `arn:aws:iam::*:role/${role}` } })),
);
const statement: fc.Arbitrary<PolicyStatement> = fc
    .record({
        effect: fc.constantFrom<"Allow" | "Deny">("Allow", "Allow", "Deny"),
        not: fc.boolean(),
        actions: fc.subarray(["*", "iam:*", "sts:*", "sts:AssumeRole", "iam:GetRole", "iam:Put*", "s3:*"], { minLength: 1, maxLength: 3 }),
        condition,
    })
    .map(({ effect, not, actions, condition: c }) => ({ Effect: effect, ...(not ? { NotAction: actions } : { Action: actions }), Resource: "*", ...(c === undefined ? {} : { Condition: c }) }));
const policySet = fc.subarray(POLICY_NAMES, { minLength: 1, maxLength: 2 });

interface UnnamedOu {
    readonly quarantine: boolean;
    readonly policies: string[];
    readonly accounts: string[][];
    readonly ous: UnnamedOu[];
}

const ou = (depth: number): fc.Arbitrary<UnnamedOu> =>
    fc.record({
        quarantine: fc.boolean().map((b) => b && depth === 1),
        policies: policySet,
        accounts: fc.array(policySet, { minLength: 1, maxLength: 2 }),
        ous: depth >= 2 ? fc.constant([]) : fc.array(ou(depth + 1), { maxLength: 1 }),
    });

function named(ous: readonly UnnamedOu[], counter = { n: 0 }): OuSpec[] {
    return ous.map((o) => {
        const id = counter.n++;
        // Sibling OUs need distinct names: only the first OU may be the quarantine.
        return { name: o.quarantine && id === 0 ? "Quarantine" : `ou${id}`, policies: o.policies, accounts: Object.fromEntries(o.accounts.map((p, i) => [`acct-${id}-${i}`, p])), ous: named(o.ous, counter) };
    });
}

/** What the evaluator says: the non-exempt accounts that lose an essential action somewhere. */
function lockedOut(model: OrgModel, ids: ReadonlyMap<string, string>): string[] {
    const locked: string[] = [];
    for (const target of accountTargets(model)) {
        if (target.kind !== "account") continue;
        const a = target.account;
        if (a.isManagementAccount || a.ouPath === "Quarantine" || a.ouPath?.startsWith("Quarantine/") === true) continue;
        const id = ids.get(a.name) ?? "";
        const role = `arn:aws:iam::${id}:role/${a.roleName}`;
        const denied = DEFAULT_ESSENTIAL_ACTIONS.some((action) =>
            (GLOBAL_SERVICES.has(action.split(":")[0] ?? "") ? [GLOBAL_SERVICES_REGION] : REGIONS).some((region) => {
                const context = requestContext([["aws:RequestedRegion", region], ["aws:PrincipalArn", role], ["aws:PrincipalAccount", id], ["aws:PrincipalType", "AssumedRole"]]);
                return new ScpEvaluator(model, { resource: role, context }).evaluate(target, action).decision !== "Allowed";
            }),
        );
        if (denied) locked.push(a.name);
    }
    return locked.sort();
}

describe("accounts-keep-access against the evaluator, over random organizations", function () {
    this.timeout(120_000);

    it("fires exactly for the accounts whose access role the evaluator denies an essential action", async () => {
        const org = fc.record({
            policies: fc.array(fc.array(statement, { minLength: 1, maxLength: 2 }), { minLength: 3, maxLength: 3 }),
            // The loader insists that the root keeps FullAWSAccess; what sits beside it may still lock everyone out.
            root: fc.subarray(["P0", "P1", "P2"], { maxLength: 2 }).map((others) => [FULL_AWS_ACCESS, ...others]),
            ous: fc.array(ou(1), { minLength: 1, maxLength: 2 }),
            rootAccounts: fc.array(policySet, { maxLength: 2 }),
            managementIsFirst: fc.boolean(),
        });
        await fc.assert(
            fc.asyncProperty(org, async ({ policies, root, ous, rootAccounts, managementIsFirst }) => {
                const accounts = Object.fromEntries(rootAccounts.map((p, i) => [`root-${i}`, p]));
                const spec = { policies: Object.fromEntries(policies.map((p, i) => [`P${i}`, p])), root, ous: named(ous), accounts, ...(managementIsFirst && rootAccounts.length > 0 ? { management: "root-0" } : {}) };
                const base = orgModel(spec);
                const model: OrgModel = { ...base, organization: { ...base.organization, regions: REGIONS } };
                const resources = await captureProgram({ run: () => {
                        new AwsOrganization("aws-org", { model });
                    }, config: { "aws:region": "us-east-1" }, model, stack: "property" });
                const ids = new Map(resources.filter((r) => r.type === TYPES.accountComponent).map((r) => [r.name, String(r.outputs?.id)]));
                const violations = runPolicies(resources, [accountsKeepAccess], NO_POLICY_PACK_CONFIG);
                const reported = [...new Set(violations.flatMap((v) => [...v.message.matchAll(/`((?:acct|root)-\d+(?:-\d+)?)`/g)].map((m) => m[1] ?? "")))].sort();
                const expected = lockedOut(model, ids);
                const messages = violations.map((v) => v.message).join("\n");
                // A message names 8 accounts, then says "and N more": those are checked by count.
                if (/`(?:acct|root)-[\d-]+` and \d+ more/.test(messages)) {
                    assert.ok(reported.every((a) => expected.includes(a)), messages);
                    assert.ok(reported.length >= 8 && expected.length > 8, messages);
                } else assert.deepStrictEqual(reported, expected, messages);
            }),
            { numRuns: 100 },
        );
    });
});
