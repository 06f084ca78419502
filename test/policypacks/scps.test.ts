import { ALLOW_HIPAA, asPreview, assertViolations, change, check, happyOrganization, StackBuilder, TYPES, UNKNOWN_STRING } from "./guardrailFixture";
import { CapturedResource } from "../../src/plan/types";
import { present } from "../support/present";

/** A document of about `chars` characters once minified. */
function bigDocument(chars: number): string {
    // Each action takes about 25 characters: `"s3:GetObjectVersion123",`.
    const actions = Array.from({ length: Math.ceil(chars / 25) }, (_, i) => `s3:GetObjectVersion${i}`);
    return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: actions, Resource: "*" }] });
}

/** `count` plain PolicyAttachments of new SCPs to the resource `target`. */
function withPlainAttachments(resources: readonly CapturedResource[], target: CapturedResource, count: number): CapturedResource[] {
    const b = new StackBuilder();
    for (let i = 0; i < count; i++) {
        const policy = b.add(TYPES.policy, `Extra${i}`, { inputs: { name: `Extra${i}`, content: ALLOW_HIPAA.replace("s3:*", `s3:Get${i}`), type: "SERVICE_CONTROL_POLICY" } });
        b.add(TYPES.policyAttachment, `extra-${i}`, { inputs: { policyId: UNKNOWN_STRING, targetId: UNKNOWN_STRING }, from: { policyId: [policy], targetId: [target] } });
    }
    return [...resources, ...b.resources];
}

function find(resources: readonly CapturedResource[], type: string, name: string): CapturedResource {
    return present(resources.find((r) => r.type === type && r.name === name), `${type} ${name}`);
}

describe("guardrails: SCPs", () => {
    describe("scp-document-valid", () => {
        it("fails content that is not JSON", () => {
            const stack = change(happyOrganization(), TYPES.policy, "DenyLeaveOrganization", { inputs: { content: "{ \"Version\": " } });
            assertViolations(check(stack), [
                { policy: "scp-document-valid", enforcementLevel: "mandatory", resource: "DenyLeaveOrganization", message: /content of SCP `DenyLeaveOrganization` is not valid JSON; fix its policy file/ },
            ]);
        });

        it("fails an SCP that names a principal", () => {
            const content = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "*", Principal: "*" }] });
            const stack = change(happyOrganization(), TYPES.policy, "DenyLeaveOrganization", { inputs: { content } });
            assertViolations(check(stack), [{ policy: "scp-document-valid", resource: "DenyLeaveOrganization", message: /cannot use `Principal`/ }]);
        });

        it("tells to minify an SCP that fits only without its whitespace", () => {
            const content = JSON.stringify(JSON.parse(bigDocument(9000)), null, 8);
            const stack = change(happyOrganization(), TYPES.policy, "DenyLeaveOrganization", { inputs: { content } });
            assertViolations(check(stack), [{ policy: "scp-document-valid", resource: "DenyLeaveOrganization", message: /over the limit of 10240 .*upload it minified \(\d+ characters\)/ }]);
        });

        it("tells to split an SCP too large even minified, with the configured limit", () => {
            const stack = change(happyOrganization(), TYPES.policy, "DenyLeaveOrganization", { inputs: { content: bigDocument(3000) } });
            assertViolations(check(stack), []);
            assertViolations(check(stack, { "scp-document-valid": { maxChars: 2000 } }), [
                { policy: "scp-document-valid", resource: "DenyLeaveOrganization", message: /even minified, over the limit of 2000 \(config `maxChars`\); split it/ },
            ]);
        });

        it("leaves other policy types alone", () => {
            const stack = change(happyOrganization(), TYPES.policy, "DenyLeaveOrganization", { inputs: { type: "TAG_POLICY", content: "{\"tags\":{}}" } });
            assertViolations(check(stack), []);
        });
    });

    describe("scp-attachment-limit", () => {
        it("fails an SCP set over the configured limit", () => {
            assertViolations(check(happyOrganization(), { "scp-attachment-limit": { maxPerTarget: 1 } }), [
                { policy: "scp-attachment-limit", enforcementLevel: "mandatory", resource: "root", message: /`root` would have 2 SCPs attached directly \(`FullAWSAccess` and `DenyLeaveOrganization`\), over the limit of 1/ },
            ]);
        });

        it("counts plain attachments on a target with no SCP set beside the FullAWSAccess AWS attached", () => {
            const stack = happyOrganization();
            const account = find(stack, TYPES.account, "pci-prod");
            assertViolations(check(withPlainAttachments(stack, account, 9)), []);
            assertViolations(check(withPlainAttachments(stack, account, 10)), [
                { policy: "scp-attachment-limit", resource: "extra-0", message: /`account\/pci-prod` would have 11 SCPs .*`FullAWSAccess`, `Extra0`/ },
            ]);
        });

        it("adds plain attachments to the target's SCP set, even while their ids are unknown", () => {
            const stack = happyOrganization();
            const hipaa = find(stack, TYPES.organizationalUnit, "HIPAA");
            assertViolations(check(asPreview(withPlainAttachments(stack, hipaa, 10))), [
                { policy: "scp-attachment-limit", resource: "ou/HIPAA", message: /`ou\/HIPAA` would have 11 SCPs/ },
            ]);
        });
    });

    describe("allow-list-effective", () => {
        it("advises when an allow-list sits beside FullAWSAccess", () => {
            const stack = change(happyOrganization(), TYPES.scpAttachments, "ou/HIPAA", { inputs: { policyNames: ["FullAWSAccess", "AllowHipaaServices"] } });
            assertViolations(check(stack), [
                { policy: "allow-list-effective", enforcementLevel: "advisory", resource: "ou/HIPAA", message: /`AllowHipaaServices` on `ou\/HIPAA` is an allow-list.*restricts nothing.*Remove `FullAWSAccess`/ },
            ]);
        });

        it("accepts a deny-list beside FullAWSAccess", () => {
            const stack = change(happyOrganization(), TYPES.scpAttachments, "ou/HIPAA", { inputs: { policyNames: ["FullAWSAccess", "DenyLeaveOrganization"] } });
            assertViolations(check(stack), []);
        });
    });
});
