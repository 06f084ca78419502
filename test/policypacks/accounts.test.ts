import { assertViolations, change, check, happyOrganization, TYPES } from "./guardrailFixture";

describe("guardrails: accounts", () => {
    describe("accounts-protected", () => {
        it("fails when an account is not protected", () => {
            const stack = change(happyOrganization(), TYPES.account, "hipaa-prod", { options: { protect: false } });
            assertViolations(check(stack), [
                { policy: "accounts-protected", enforcementLevel: "mandatory", resource: "hipaa-prod", message: /`hipaa-prod` must have `protect: true`.*retire it in the org file first/ },
            ]);
        });

        it("lets a retired account be unprotected", () => {
            const stack = change(happyOrganization(), TYPES.account, "hipaa-prod", {
                inputs: { tags: { "managed-by": "pulumi", "aws-org:retired": "true" } },
                options: { protect: false },
            });
            assertViolations(check(stack), []);
        });

        it("fails when an account would be closed on deletion without being allowed", () => {
            const stack = change(happyOrganization(), TYPES.account, "pci-prod", { inputs: { closeOnDeletion: true } });
            assertViolations(check(stack), [
                { policy: "accounts-protected", resource: "pci-prod", message: /must not have `closeOnDeletion: true`.*list `pci-prod` in `closeOnDeletionAllowed`/ },
            ]);
        });

        it("lets the accounts listed in `closeOnDeletionAllowed` be closed on deletion", () => {
            const stack = change(happyOrganization(), TYPES.account, "pci-prod", { inputs: { closeOnDeletion: true } });
            assertViolations(check(stack, { "accounts-protected": { closeOnDeletionAllowed: ["pci-prod"] } }), []);
        });

    });

    describe("account-name-explicit", () => {
        it("fails on an account without a name", () => {
            const stack = change(happyOrganization(), TYPES.account, "hipaa-prod", { inputs: { name: undefined } });
            assertViolations(check(stack), [
                { policy: "account-name-explicit", enforcementLevel: "mandatory", resource: "hipaa-prod", message: /must set `name` explicitly: .*creates a new AWS account/ },
            ]);
        });

        it("fails on a name Pulumi autonamed", () => {
            const stack = change(happyOrganization(), TYPES.account, "hipaa-prod", { inputs: { name: "hipaa-prod-1a2b3c4" } });
            assertViolations(check(stack), [{ policy: "account-name-explicit", resource: "hipaa-prod", message: /autonamed `hipaa-prod-1a2b3c4`/ }]);
        });

        it("accepts a name that merely extends the logical name", () => {
            const stack = change(happyOrganization(), TYPES.account, "hipaa-prod", { inputs: { name: "hipaa-prod-account" } });
            assertViolations(check(stack), []);
        });
    });

    describe("account-email-domains", () => {
        const config = { "account-email-domains": { allowedDomains: ["Example.com"] } };

        it("passes emails in an allowed domain, whatever their case", () => {
            const stack = change(happyOrganization(), TYPES.account, "hipaa-prod", { inputs: { email: "aws+hipaa-prod@EXAMPLE.COM" } });
            assertViolations(check(stack, config), []);
        });

        it("fails an email outside the allowed domains", () => {
            const stack = change(happyOrganization(), TYPES.account, "hipaa-prod", { inputs: { email: "someone@gmail.com" } });
            assertViolations(check(stack, config), [
                { policy: "account-email-domains", enforcementLevel: "mandatory", resource: "hipaa-prod", message: /`someone@gmail.com`, outside the allowed domains `Example.com`/ },
            ]);
        });

        it("checks nothing until domains are configured", () => {
            const stack = change(happyOrganization(), TYPES.account, "hipaa-prod", { inputs: { email: "someone@gmail.com" } });
            assertViolations(check(stack), []);
        });
    });

    describe("account-required-tags", () => {
        it("advises when the default `managed-by` tag is missing", () => {
            const stack = change(happyOrganization(), TYPES.account, "legacy-site", { inputs: { tags: undefined } });
            assertViolations(check(stack), [
                { policy: "account-required-tags", enforcementLevel: "advisory", resource: "legacy-site", message: /must carry the tag `managed-by`.*`organization.defaults.tags`/ },
            ]);
        });

        it("checks the configured tags instead, and an empty value counts as missing", () => {
            const stack = change(happyOrganization(), TYPES.account, "hipaa-prod", { inputs: { tags: { owner: "", "managed-by": "pulumi" } } });
            const violations = check(stack, { "account-required-tags": { requiredTags: ["owner", "cost-center"] } });
            assertViolations(violations, [
                { policy: "account-required-tags", resource: "hipaa-prod", message: /tags `owner` and `cost-center`/ },
                { policy: "account-required-tags", resource: "pci-prod", message: /tags `owner` and `cost-center`/ },
                { policy: "account-required-tags", resource: "legacy-site" },
            ]);
        });
    });
});
