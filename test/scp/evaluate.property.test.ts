import * as assert from "assert";
import fc from "fast-check";
import { orgModel, OuSpec } from "./orgFixture";
import { FULL_AWS_ACCESS, OrgModel } from "../../src/model/types";
import { ScpEvaluator } from "../../src/scp/evaluate";
import { accountTargets, PathLevel, policyPath } from "../../src/scp/policyPath";
import { PolicyStatement } from "../../policypacks/aws-org-guardrails/core/policyDocument";
import { statementMatches } from "../support/referenceMatching";

const SERVICES = ["s3", "ec2", "iam"];
const NAMES = ["GetObject", "PutObject", "RunInstances", "GetUser"];
const ACTIONS = SERVICES.flatMap((s) => NAMES.map((n) => `${s}:${n}`));
const POLICY_NAMES = [FULL_AWS_ACCESS, "P0", "P1", "P2", "P3"];

function bruteForce(model: OrgModel, levels: readonly PathLevel[], action: string): string {
    const statementsAt = (level: PathLevel) =>
        level.policies.flatMap((name) => (model.policies.get(name)?.document.Statement ?? []).map((s, i) => ({ name, s, label: s.Sid ?? String(i) })));
    for (const level of levels) {
        const d = statementsAt(level).find(({ s }) => s.Effect === "Deny" && statementMatches(s, action));
        if (d !== undefined) return `ExplicitlyDenied ${level.name} ${d.name} ${d.label}`;
    }
    for (const level of levels) {
        if (!statementsAt(level).some(({ s }) => s.Effect === "Allow" && statementMatches(s, action))) return `ImplicitlyDenied ${level.name}`;
    }
    return "Allowed";
}

const casing = (text: string) => fc.boolean().map((upper) => (upper ? text.toUpperCase() : text));
const pattern = fc.oneof(
    fc.constant("*"),
    fc.constantFrom(...SERVICES).map((s) => `${s}:*`),
    fc.constantFrom(...ACTIONS).chain(casing),
    fc.constantFrom("s3:Get*", "*:Get*", "ec2:*Instances", "s3:?utObject", "*Object", "iam:G?t*"),
);
const statement: fc.Arbitrary<PolicyStatement> = fc
    .record({ effect: fc.constantFrom<"Allow" | "Deny">("Allow", "Allow", "Deny"), not: fc.boolean(), patterns: fc.array(pattern, { minLength: 1, maxLength: 3 }), sid: fc.option(fc.constantFrom("A", "B")) })
    .map(({ effect, not, patterns, sid }) => ({ Effect: effect, ...(not ? { NotAction: patterns } : { Action: patterns }), Resource: "*", ...(sid === null ? {} : { Sid: sid }) }));
const policySet = fc.subarray(POLICY_NAMES, { minLength: 1, maxLength: 3 });
/** An OU before naming: its SCPs, its accounts' SCPs and its child OUs. */
interface UnnamedOu {
    readonly policies: string[];
    readonly accounts: string[][];
    readonly ous: UnnamedOu[];
}

const ou = (depth: number): fc.Arbitrary<UnnamedOu> =>
    fc.record({
        policies: policySet,
        accounts: fc.array(policySet, { maxLength: 2 }),
        ous: depth >= 3 ? fc.constant([]) : fc.array(ou(depth + 1), { maxLength: 2 }),
    });

/** Gives every OU and account a unique name. */
function named(ous: readonly UnnamedOu[], counter = { n: 0 }): OuSpec[] {
    return ous.map((o) => {
        const id = counter.n++;
        return { name: `ou${id}`, policies: o.policies, accounts: Object.fromEntries(o.accounts.map((p, i) => [`acct-${id}-${i}`, p])), ous: named(o.ous, counter) };
    });
}

describe("ScpEvaluator against a brute-force reading of the rules", () => {
    it("agrees on the decision and the deciding level, policy and statement for random hierarchies", () => {
        const org = fc.record({
            policies: fc.array(fc.array(statement, { minLength: 1, maxLength: 3 }), { minLength: 4, maxLength: 4 }),
            root: policySet,
            ous: fc.array(ou(1), { minLength: 1, maxLength: 3 }),
        });
        fc.assert(
            fc.property(org, ({ policies, root, ous }) => {
                const model = orgModel({ policies: Object.fromEntries(policies.map((p, i) => [`P${i}`, p])), root, ous: named(ous) });
                const evaluator = new ScpEvaluator(model);
                for (const target of accountTargets(model)) {
                    const levels = policyPath(model, target);
                    for (const action of ACTIONS) {
                        const e = evaluator.evaluate(target, action);
                        const got = [e.decision, e.decidedBy?.level.name, e.decidedBy?.policy, e.decidedBy?.statement].filter((x) => x !== undefined).join(" ");
                        assert.strictEqual(got, bruteForce(model, levels, action), `${target.kind === "account" ? target.account.name : ""} ${action}`);
                    }
                }
            }),
            { numRuns: 300 },
        );
    });
});
