import { asPreview, assertViolations, change, check, happyOrganization, TYPES, UNKNOWN_ARRAY, UNKNOWN_STRING } from "./guardrailFixture";
import { CapturedResource } from "../../src/plan/types";

/** Every check configured, so that an unknown value could trip any of them. */
const ALL_CHECKS = { "account-email-domains": { allowedDomains: ["example.com"] }, "account-required-tags": { requiredTags: ["managed-by"] } };

describe("guardrails during a preview, where values are unknown", () => {
    it("report nothing for a valid organization whose ids are all unknown", () => {
        assertViolations(check(asPreview(happyOrganization()), ALL_CHECKS), []);
    });

    const unknownInputs: [string, string, string, Record<string, unknown>, Record<string, unknown>?][] = [
        ["an account's email", TYPES.account, "hipaa-prod", { email: UNKNOWN_STRING }],
        ["an account's name", TYPES.account, "hipaa-prod", { name: UNKNOWN_STRING }],
        ["an account's tags, on an unprotected account", TYPES.account, "hipaa-prod", { tags: UNKNOWN_STRING }, { protect: false }],
        ["one of an account's tags", TYPES.account, "hipaa-prod", { tags: { "managed-by": UNKNOWN_STRING } }],
        ["an account's closeOnDeletion", TYPES.account, "hipaa-prod", { closeOnDeletion: UNKNOWN_STRING }],
        ["an account's roleName", TYPES.account, "hipaa-prod", { roleName: UNKNOWN_STRING }],
        ["an SCP's content", TYPES.policy, "AllowHipaaServices", { content: UNKNOWN_STRING }],
        ["an SCP's type", TYPES.policy, "AllowHipaaServices", { type: UNKNOWN_STRING }],
        ["the SCP names of a set", TYPES.scpAttachments, "ou/HIPAA", { policyNames: UNKNOWN_ARRAY }],
        ["the kind of the root's set", TYPES.scpAttachments, "root", { targetKind: UNKNOWN_STRING }],
        ["the organization's feature set", TYPES.organization, "organization", { featureSet: UNKNOWN_STRING }],
        ["the organization's policy types", TYPES.organization, "organization", { enabledPolicyTypes: [UNKNOWN_STRING] }],
    ];
    for (const [what, type, name, inputs, options] of unknownInputs) {
        it(`neither fail nor complain when ${what} is unknown`, () => {
            const stack: CapturedResource[] = change(asPreview(happyOrganization()), type, name, { inputs, options });
            assertViolations(check(stack, ALL_CHECKS), []);
        });
    }
});
