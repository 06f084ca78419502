import { asPreview, assertViolations, change, check, happyOrganization, remove, TYPES } from "./guardrailFixture";
import { present } from "../support/present";

/** Every member account of the test organization, locked out by the root's lone deny-list. */
const LOCKED_OUT_AT_ROOT = /^The access role of accounts `hipaa-prod`, `pci-prod` and `legacy-site` .* no SCP attached at the root allows them \(`DenyLeaveOrganization`\)\./;

describe("guardrails: organization and root", () => {
    it("passes a valid organization, with nothing to report", () => {
        assertViolations(check(happyOrganization()), []);
    });

    describe("root-keeps-full-aws-access", () => {
        it("fails when the root's SCP set drops FullAWSAccess", () => {
            const stack = change(happyOrganization(), TYPES.scpAttachments, "root", { inputs: { policyIds: ["p-deny"], policyNames: ["DenyLeaveOrganization"] } });
            assertViolations(check(stack), [
                { policy: "root-keeps-full-aws-access", enforcementLevel: "mandatory", resource: "root", message: /`root` must include `FullAWSAccess`.*Add `FullAWSAccess` to `root.policies`/ },
                // The name-based check comes first; the evaluation names every account it locks out.
                { policy: "accounts-keep-access", enforcementLevel: "mandatory", resource: "root", message: LOCKED_OUT_AT_ROOT },
            ]);
        });

        it("fails when the root's SCP set is not protected", () => {
            const stack = change(happyOrganization(), TYPES.scpAttachments, "root", { options: { protect: false } });
            assertViolations(check(stack), [{ policy: "root-keeps-full-aws-access", resource: "root", message: /must have `protect: true`/ }]);
        });

        it("fails when the root has no SCP set at all", () => {
            const stack = remove(happyOrganization(), TYPES.scpAttachments, "root");
            assertViolations(check(stack), [{ policy: "root-keeps-full-aws-access", resource: null, message: /The root has no SCP set/ }]);
        });

        it("fails when two SCP sets claim the root", () => {
            const stack = happyOrganization();
            const root = present(stack.find((r) => r.name === "root"));
            stack.push({ ...root, name: "root-again", urn: `${root.urn}-again` });
            assertViolations(check(stack), [{ policy: "root-keeps-full-aws-access", resource: null, message: /2 SCP sets \(`root`, `root-again`\)/ }]);
        });

        it("still catches a root without FullAWSAccess while the ids are unknown", () => {
            const stack = change(happyOrganization(), TYPES.scpAttachments, "root", { inputs: { policyNames: ["DenyLeaveOrganization"] } });
            assertViolations(check(asPreview(stack)), [
                { policy: "root-keeps-full-aws-access", resource: "root" },
                { policy: "accounts-keep-access", resource: "root", message: LOCKED_OUT_AT_ROOT },
            ]);
        });

        it("judges by the ids the provider acts on: FullAWSAccess in the names only is not enough", () => {
            const stack = change(happyOrganization(), TYPES.scpAttachments, "root", { inputs: { policyIds: ["p-deny1234"], policyNames: ["FullAWSAccess"] } });
            assertViolations(check(stack), [{ policy: "root-keeps-full-aws-access", resource: "root", message: /must include `FullAWSAccess`/ }]);
        });

        it("accepts `p-FullAWSAccess` among the ids whatever the names say", () => {
            const stack = change(happyOrganization(), TYPES.scpAttachments, "root", { inputs: { policyIds: ["p-FullAWSAccess", "p-deny1234"], policyNames: ["Something", "Else"] } });
            assertViolations(check(stack), []);
        });

        it("does not apply to a stack without an organization", () => {
            const stack = happyOrganization().filter((r) => r.type === TYPES.account);
            assertViolations(check(stack), []);
        });
    });

    describe("organization-all-features", () => {
        it("fails on consolidated billing only, naming the fix", () => {
            let stack = change(happyOrganization(), TYPES.organization, "organization", { inputs: { featureSet: "CONSOLIDATED_BILLING", enabledPolicyTypes: undefined } });
            // The program registers no SCP sets without all features.
            stack = stack.filter((r) => r.type !== TYPES.scpAttachments);
            assertViolations(check(stack), [
                { policy: "organization-all-features", enforcementLevel: "mandatory", resource: "organization", message: /feature set `ALL`, not `CONSOLIDATED_BILLING`.*`organization.featureSet: ALL`/ },
            ]);
        });

        it("fails when SCPs are not enabled", () => {
            const stack = change(happyOrganization(), TYPES.organization, "organization", { inputs: { enabledPolicyTypes: ["TAG_POLICY"] } });
            assertViolations(check(stack), [{ policy: "organization-all-features", resource: "organization", message: /`SERVICE_CONTROL_POLICY` in `enabledPolicyTypes`/ }]);
        });

        it("takes a missing feature set as the provider's default, ALL", () => {
            const stack = change(happyOrganization(), TYPES.organization, "organization", { inputs: { featureSet: undefined } });
            assertViolations(check(stack), []);
        });
    });

    describe("organization-protected", () => {
        it("fails when the organization is not protected", () => {
            const stack = change(happyOrganization(), TYPES.organization, "organization", { options: { protect: false } });
            assertViolations(check(stack), [
                { policy: "organization-protected", enforcementLevel: "mandatory", resource: "organization", message: /would delete the AWS organization/ },
            ]);
        });
    });
});
