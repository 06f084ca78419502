import { assertViolations, change, check, happyOrganization, remove, TYPES, UNKNOWN_ARRAY } from "./guardrailFixture";

describe("guardrails: root-credentials-management", () => {
    it("accepts an organization with both root access features", () => {
        assertViolations(check(happyOrganization()), []);
    });

    it("advises when the organization leaves root access to each member account", () => {
        assertViolations(check(remove(happyOrganization(), TYPES.organizationsFeatures, "root-access")), [
            {
                policy: "root-credentials-management",
                enforcementLevel: "advisory",
                resource: null,
                message: /^The organization should manage member accounts' root access centrally; `RootCredentialsManagement` and `RootSessions` are not enabled\. .* Set `organization\.rootAccess: \{ credentialsManagement: true, rootSessions: true \}` in the org file\.$/,
            },
        ]);
    });

    it("names the one feature left off", () => {
        const stack = change(happyOrganization(), TYPES.organizationsFeatures, "root-access", { inputs: { enabledFeatures: ["RootCredentialsManagement"] } });
        assertViolations(check(stack), [{ policy: "root-credentials-management", message: /; `RootSessions` is not enabled\./ }]);
    });

    it("does not apply without all features, where the organization cannot have them", () => {
        let stack = remove(happyOrganization(), TYPES.organizationsFeatures, "root-access");
        stack = change(stack, TYPES.organization, "organization", { inputs: { featureSet: "CONSOLIDATED_BILLING", enabledPolicyTypes: undefined } });
        assertViolations(
            check(stack).filter((v) => v.policy === "root-credentials-management"),
            [],
        );
    });

    it("stays silent while the features are unknown during a preview", () => {
        const stack = change(happyOrganization(), TYPES.organizationsFeatures, "root-access", { inputs: { enabledFeatures: UNKNOWN_ARRAY } });
        assertViolations(check(stack), []);
    });
});
