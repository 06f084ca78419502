import * as assert from "assert";
import { buildUnderMocks, TYPES } from "../support/capture";
import { assertDiagnostics, loadModel, loadYaml, yaml } from "../support/orgFiles";
import { present } from "../support/present";

const RETIRED_ACTION = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "macie:DisassociateMemberAccount", Resource: "*" }] });

describe("loadOrgFile: external policies", () => {
    it("keeps an external policy with its id, and its document when the file gives one", () => {
        const model = loadModel(
            yaml`
                policies:
                  aws-guardrails-AbCd: { file: policies/g.json, id: p-abcd1234, external: true }
                  Lza: { id: p-efgh5678, external: true }
            `,
            { "policies/g.json": RETIRED_ACTION },
        );
        const ct = present(model.policies.get("aws-guardrails-AbCd"));
        assert.deepStrictEqual([ct.external, ct.id, ct.document.Statement.length], [true, "p-abcd1234", 1]);
        const lza = present(model.policies.get("Lza"));
        assert.deepStrictEqual([lza.external, lza.id, lza.document.Statement], [true, "p-efgh5678", []]);
    });

    it("reports its lint findings as warnings, and an external policy without a document", () => {
        const r = loadYaml(
            yaml`
                policies:
                  aws-guardrails-AbCd: { file: policies/g.json, id: p-abcd1234, external: true }
                  Lza: { id: p-efgh5678, external: true }
            `,
            { "policies/g.json": RETIRED_ACTION },
        );
        assert.ok(r.model !== undefined);
        assertDiagnostics(r, [
            { code: "external-without-file", severity: "warning", line: 3, column: 3, message: /^External SCP `Lza` has no `file`/ },
            { code: "scp-unknown-service", severity: "warning", line: 1, column: 64, file: r.file.replace(/org\.yaml$/, "policies/g.json"), message: /^SCP `aws-guardrails-AbCd` \(external: report it to whoever manages it\): / },
        ]);
    });

    it("keeps the same finding an error in a policy of our own", () => {
        const r = loadYaml("policies:\n  Ours: { file: policies/g.json }\n", { "policies/g.json": RETIRED_ACTION });
        assert.strictEqual(r.model, undefined);
        assert.strictEqual(present(r.diagnostics[0]).severity, "error");
    });

    it("rejects an external policy without its id, and a policy of our own without a file, at their place", () => {
        const r = loadYaml("policies:\n  aws-guardrails-X: { external: true }\n  Ours: { description: mine }\n");
        assert.strictEqual(r.model, undefined);
        assertDiagnostics(r, [
            { code: "external-without-id", line: 2, column: 33, message: /is `external: true` but has no `id`/ },
            { code: "policy-without-file", line: 3, column: 3, message: /^SCP `Ours` has no `file`/ },
        ]);
    });

    it("rejects an external policy of another type than SCP at its `external`, and an RCP of our own without a file", () => {
        const r = loadYaml("policies:\n  aws-guardrails-R: { type: RCP, id: p-rcpa1111, external: true }\n  Perimeter: { type: RCP }\n");
        assert.strictEqual(r.model, undefined);
        assertDiagnostics(r, [
            { code: "external-policy-type", line: 2, column: 60, message: /^Policy `aws-guardrails-R` is of type `RCP` and `external: true`: only an SCP can be external/ },
            { code: "policy-without-file", line: 3, column: 3, message: /^RCP `Perimeter` has no `file`/ },
        ]);
    });

    it("counts external policies toward a target's limit", () => {
        const r = loadYaml(yaml`
            organization:
              limits: { scpsPerTarget: 2 }
            policies:
              aws-guardrails-A: { id: p-aaaa1111, external: true }
              aws-guardrails-B: { id: p-bbbb2222, external: true }
            root:
              policies: [FullAWSAccess, aws-guardrails-A, aws-guardrails-B]
        `);
        assert.deepStrictEqual(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code), ["too-many-scps"]);
    });

    it("registers no policy resource for them and hands their ids to every SCP set, which keeps them", async () => {
        const res = await buildUnderMocks(loadModel(yaml`
            policies:
              aws-guardrails-A: { id: p-aaaa1111, external: true }
              DenyLeave: { file: policies/deny-leave.json }
            root:
              policies: [FullAWSAccess, aws-guardrails-A, DenyLeave]
            organizationalUnits:
              - { name: Apps, policies: [FullAWSAccess, DenyLeave] }
        `));
        assert.deepStrictEqual(res.ofType(TYPES.policy).map((p) => p.name), ["DenyLeave"]);
        const root = res.get(TYPES.attachments, "root");
        assert.deepStrictEqual((root.inputs.policyIds as string[]).slice(0, 2), ["p-FullAWSAccess", "p-aaaa1111"]);
        assert.deepStrictEqual(root.inputs.externalPolicyIds, ["p-aaaa1111"]);
        assert.deepStrictEqual(res.get(TYPES.attachments, "ou/Apps").inputs.externalPolicyIds, ["p-aaaa1111"], "an SCP set that does not list it still must not detach it");
    });
});
