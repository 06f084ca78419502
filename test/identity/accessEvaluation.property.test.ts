import * as assert from "assert";
import fc from "fast-check";
import { orgModel } from "../scp/orgFixture";
import { AccessEvaluator } from "../../src/identity/accessEvaluation";
import { PermissionSet } from "../../src/model/identityCenter";
import { Account, FULL_AWS_ACCESS, OrgModel } from "../../src/model/types";
import { PolicyDocument, PolicyStatement } from "../../policypacks/aws-org-guardrails/core/policyDocument";
import { statementMatches } from "../support/referenceMatching";

/*
 * The access evaluator against a reference written from AWS's policy evaluation logic page
 * ("Policy evaluation logic", the flow chart for a request within one account), independently
 * of the product: a literal glob instead of compiled patterns, the SCP path walked by hand
 * from the OU tree, and every deny collected before any allow is looked at.
 */

const ACTIONS = ["s3:GetObject", "s3:PutObject", "ec2:RunInstances", "iam:GetUser", "ce:GetCostAndUsage"];
const AT = { file: "/test/org.yaml", line: 1, column: 1 };

interface Named {
    readonly name: string;
    readonly statements: readonly PolicyStatement[];
}

function firstDeny(policies: readonly Named[], action: string): string | undefined {
    for (const p of policies) {
        const i = p.statements.findIndex((s) => s.Effect === "Deny" && statementMatches(s, action));
        if (i >= 0) return `${p.name} ${p.statements[i]?.Sid ?? String(i)}`;
    }
    return undefined;
}

const allows = (policies: readonly Named[], action: string) => policies.some((p) => p.statements.some((s) => s.Effect === "Allow" && statementMatches(s, action)));

/** The reference: the decision and who made it, as one string. */
function reference(model: OrgModel, account: Account, ps: PermissionSet, action: string): string {
    const scpLevels: { name: string; policies: Named[] }[] = [];
    if (!account.isManagementAccount) {
        const named = (names: readonly string[]) => names.map((n) => ({ name: n, statements: model.policies.get(n)?.document.Statement ?? [] }));
        scpLevels.push({ name: "root", policies: named(model.root.policies) });
        const parts = account.ouPath === null ? [] : account.ouPath.split("/");
        for (let i = 1; i <= parts.length; i++) {
            const path = parts.slice(0, i).join("/");
            const ou = model.allOrganizationalUnits.find((o) => o.path === path);
            if (ou !== undefined) scpLevels.push({ name: path, policies: named(ou.policies) });
        }
        scpLevels.push({ name: account.name, policies: named(account.policies) });
    }
    const boundary: Named[] = ps.permissionsBoundary?.kind === "managed" ? [{ name: ps.permissionsBoundary.policy.name, statements: ps.permissionsBoundary.policy.document.Statement }] : [];
    const identity: Named[] = [
        ...ps.managedPolicies.map((p) => ({ name: p.name, statements: p.document.Statement })),
        ...(ps.inlinePolicy === undefined ? [] : [{ name: "inline policy", statements: ps.inlinePolicy.document.Statement }]),
    ];
    for (const level of scpLevels) {
        const d = firstDeny(level.policies, action);
        if (d !== undefined) return `ExplicitlyDenied SCP ${level.name} ${d}`;
    }
    const b = firstDeny(boundary, action);
    if (b !== undefined) return `ExplicitlyDenied PermissionsBoundary permissions boundary ${b}`;
    const i = firstDeny(identity, action);
    if (i !== undefined) return `ExplicitlyDenied PermissionSet permission set ${ps.name} ${i}`;
    const missing = scpLevels.find((l) => !allows(l.policies, action));
    if (missing !== undefined) return `ImplicitlyDenied SCP ${missing.name}`;
    if (boundary.length > 0 && !allows(boundary, action)) return `ImplicitlyDenied PermissionsBoundary permissions boundary ${boundary[0]?.name ?? ""}`;
    if (!allows(identity, action)) return `ImplicitlyDenied PermissionSet permission set ${ps.name}`;
    return "Allowed";
}

const pattern = fc.oneof(fc.constant("*"), fc.constantFrom("s3:*", "ec2:*", "ce:*", "s3:Get*", "*:Get*", "iam:G?tUser"), fc.constantFrom(...ACTIONS));
const statement: fc.Arbitrary<PolicyStatement> = fc
    .record({ effect: fc.constantFrom<"Allow" | "Deny">("Allow", "Allow", "Deny"), not: fc.boolean(), patterns: fc.array(pattern, { minLength: 1, maxLength: 3 }), sid: fc.option(fc.constantFrom("S1", "S2")) })
    .map(({ effect, not, patterns, sid }) => ({ Effect: effect, ...(not ? { NotAction: patterns } : { Action: patterns }), Resource: "*", ...(sid === null ? {} : { Sid: sid }) }));
const document: fc.Arbitrary<PolicyDocument> = fc.array(statement, { minLength: 1, maxLength: 3 }).map((s) => ({ Version: "2012-10-17", Statement: s }));
const scpSet = fc.subarray([FULL_AWS_ACCESS, "P0", "P1", "P2"], { minLength: 1, maxLength: 2 });

const permissionSet: fc.Arbitrary<PermissionSet> = fc
    .record({ managed: fc.array(document, { maxLength: 2 }), inline: fc.option(document), boundary: fc.option(document) })
    .map(({ managed, inline, boundary }) => ({
        name: "Tested",
        managedPolicies: managed.map((d, i) => ({ name: `Managed${i}`, arn: `arn:aws:iam::aws:policy/Managed${i}`, document: d })),
        customerManagedPolicies: [],
        inlinePolicy: inline === null ? undefined : { content: JSON.stringify(inline), document: inline },
        permissionsBoundary: boundary === null ? undefined : { kind: "managed" as const, policy: { name: "Boundary", arn: "arn:aws:iam::aws:policy/Boundary", document: boundary } },
        sessionDuration: "PT1H",
        source: AT,
    }));

describe("AccessEvaluator against a reference reading of AWS's evaluation logic", () => {
    it("agrees on the decision, the kind of policy, the level, the policy and the statement", () => {
        const org = fc.record({
            scps: fc.array(fc.array(statement, { minLength: 1, maxLength: 2 }), { minLength: 3, maxLength: 3 }),
            root: scpSet,
            ou: scpSet,
            child: scpSet,
            accounts: fc.array(scpSet, { minLength: 3, maxLength: 3 }),
            permissionSet,
        });
        fc.assert(
            fc.property(org, ({ scps, root, ou, child, accounts, permissionSet: ps }) => {
                const model = orgModel({
                    policies: Object.fromEntries(scps.map((s, i) => [`P${i}`, s])),
                    root,
                    ous: [{ name: "A", policies: ou, accounts: { "in-a": accounts[0] ?? [] }, ous: [{ name: "B", policies: child, accounts: { "in-b": accounts[1] ?? [] } }] }],
                    accounts: { top: accounts[2] ?? [], management: [FULL_AWS_ACCESS] },
                    management: "management",
                });
                const evaluator = new AccessEvaluator(model);
                for (const account of model.allAccounts) {
                    for (const action of ACTIONS) {
                        const e = evaluator.evaluate(account, ps, action);
                        const by = e.decidedBy;
                        const got = [e.decision, by?.policyType, by?.level, by?.policy, by?.statement].filter((x) => x !== undefined).join(" ");
                        assert.strictEqual(got, reference(model, account, ps, action), `${account.name} ${action}`);
                    }
                }
            }),
            { numRuns: 400 },
        );
    });
});
