import * as assert from "assert";
import * as awsOrganizations from "@pulumi/aws/organizations";
import { ScpAttachments } from "../../components/scpAttachments";
import { captureProgram } from "../../src/plan/captureProgram";
import { NO_POLICY_PACK_CONFIG } from "../../src/plan/policyConfig";
import { runPolicies } from "../../src/plan/runPolicies";
import { guardrailPolicies } from "../../policypacks/aws-org-guardrails/policies";
import { present } from "../support/present";

/**
 * The plan machinery (program under mocks, then the pack's policies) over program variants
 * that someone might write by hand: the guardrail must catch what the components never do.
 */
describe("plan machinery: root-keeps-full-aws-access on program variants", () => {
    async function planOf(variant: () => void) {
        const resources = await captureProgram({ run: variant, config: { "aws:region": "us-east-1" }, stack: "variant" });
        return runPolicies(resources, guardrailPolicies, NO_POLICY_PACK_CONFIG).filter((v) => v.policy === "root-keeps-full-aws-access");
    }

    function organization() {
        const org = new awsOrganizations.Organization("organization", { featureSet: "ALL", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"] }, { protect: true });
        return org.roots.apply((r) => present(r[0], "the root").id);
    }

    it("reports a root attachment set that is not protected", async () => {
        const violations = await planOf(() => {
            new ScpAttachments("root", { targetId: organization(), targetKind: "root", targetName: "root", policyIds: ["p-FullAWSAccess"], policyNames: ["FullAWSAccess"] });
        });
        assert.deepStrictEqual(violations.map((v) => [v.enforcementLevel, v.resource]), [["mandatory", "root"]]);
        assert.match(present(violations[0]).message, /protect/);
    });

    it("reports a program that has no attachment set for the root", async () => {
        const violations = await planOf(() => {
            organization();
        });
        assert.strictEqual(violations.length, 1);
        assert.strictEqual(violations[0]?.enforcementLevel, "mandatory");
    });

    it("accepts the protected root set that keeps FullAWSAccess", async () => {
        const violations = await planOf(() => {
            new ScpAttachments("root", { targetId: organization(), targetKind: "root", targetName: "root", policyIds: ["p-FullAWSAccess"], policyNames: ["FullAWSAccess"] }, { protect: true });
        });
        assert.deepStrictEqual(violations, []);
    });
});
