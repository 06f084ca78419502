import { assertViolations, check, change, happyOrganization, TYPES } from "./guardrailFixture";
import { policyAttachmentLimit, policyDocumentValid } from "../../policypacks/aws-org-guardrails/policies";
import { buildUnderMocks } from "../support/capture";
import { loadModel, yaml } from "../support/orgFiles";
import { CapturedResource } from "../../src/plan/types";

const RCP = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" }] });
const TAG = JSON.stringify({ tags: { owner: { tag_key: { "@@assign": "owner" } } } });

/** The program's stack for an org whose OU carries an RCP and a tag policy. */
async function typed(): Promise<readonly CapturedResource[]> {
    const model = loadModel(
        yaml`
            policies:
              Perimeter: { type: RCP, file: policies/rcp.json }
              Owner: { type: TAG, file: policies/tag.json }
            organizationalUnits:
              - { name: HIPAA, policies: [Perimeter, Owner], accounts: [{ name: one, email: one@example.com }] }
        `,
        { "policies/rcp.json": RCP, "policies/tag.json": TAG },
    );
    return (await buildUnderMocks(model)).all;
}

describe("guardrails: policies of other types", () => {
    it("pass the program's RCPs and tag policies, and leave SCPs to scp-document-valid", async () => {
        assertViolations(check(await typed(), undefined, [policyDocumentValid, policyAttachmentLimit]), []);
        assertViolations(check(happyOrganization(), undefined, [policyDocumentValid, policyAttachmentLimit]), []);
    });

    it("policy-document-valid: an RCP that allows, a tag policy with an unknown key, an unknown type, an oversized document", async () => {
        const stack = await typed();
        const allowing = change(stack, TYPES.policy, "Perimeter", { inputs: { content: RCP.replace("Deny", "Allow") } });
        assertViolations(check(allowing, undefined, [policyDocumentValid]), [{ policy: "policy-document-valid", resource: "Perimeter", message: /^The content of RCP `Perimeter` is not valid: Statement 0: a custom RCP can only `Deny`/ }]);
        const badTag = change(stack, TYPES.policy, "Owner", { inputs: { content: JSON.stringify({ tag: {} }) } });
        assertViolations(check(badTag, undefined, [policyDocumentValid]), [{ policy: "policy-document-valid", resource: "Owner", message: /tag policy `Owner` is not valid: Unknown key `tag`/ }]);
        const unknown = change(stack, TYPES.policy, "Owner", { inputs: { type: "TAGS_POLICY" } });
        assertViolations(check(unknown, undefined, [policyDocumentValid]), [{ policy: "policy-document-valid", resource: "Owner", message: /type `TAGS_POLICY`, which is no Organizations policy type/ }]);
        const padded = change(stack, TYPES.policy, "Perimeter", { inputs: { content: `${RCP}${" ".repeat(5200)}` } });
        assertViolations(check(padded, undefined, [policyDocumentValid]), [{ policy: "policy-document-valid", resource: "Perimeter", message: /over AWS's limit of 5120, because AWS counts whitespace too; upload it minified/ }]);
    });

    it("policy-attachment-limit: six RCPs on one target, RCPFullAWSAccess counted", async () => {
        const stack = await typed();
        const names = ["RCPFullAWSAccess", "Perimeter", "R2", "R3", "R4", "R5"];
        const crowded = change(stack, TYPES.scpAttachments, "RCP:ou/HIPAA", { inputs: { policyNames: names, policyIds: names.map((n, i) => `p-${n.toLowerCase()}000${i}`) } });
        assertViolations(check(crowded, undefined, [policyAttachmentLimit]), [{ policy: "policy-attachment-limit", resource: "RCP:ou/HIPAA", message: /6 policies of type `RESOURCE_CONTROL_POLICY` attached directly .*over AWS's limit of 5/ }]);
    });
});
