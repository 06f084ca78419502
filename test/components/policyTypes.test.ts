import * as assert from "assert";
import { buildUnderMocks, Resources, TYPES } from "../support/capture";
import { loadModel, yaml } from "../support/orgFiles";

const RCP = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] });
const TAG = JSON.stringify({ tags: { owner: { tag_key: { "@@assign": "owner" } } } });

describe("AwsOrganization component: policies of every type", () => {
    let res: Resources;
    before(async () => {
        res = await buildUnderMocks(
            loadModel(
                yaml`
                    policies:
                      DenyLeave: { file: policies/deny-leave.json }
                      EnforceTls: { type: RCP, file: policies/rcp.json, description: TLS only }
                      Owner: { type: TAG, file: policies/tag.json, id: p-tag12345 }
                    root:
                      policies: [FullAWSAccess, DenyLeave, Owner]
                    organizationalUnits:
                      - name: HIPAA
                        policies: [EnforceTls]
                        accounts: [{ name: one, email: one@example.com, policies: [Owner] }]
                `,
                { "policies/rcp.json": RCP, "policies/tag.json": TAG },
            ),
        );
    });

    it("enables the types the library uses", () => {
        assert.deepStrictEqual(res.get(TYPES.organization, "organization").inputs.enabledPolicyTypes, ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY", "TAG_POLICY"]);
    });

    it("creates each policy with its type and minified document, adopting one with an id", () => {
        const rcp = res.get(TYPES.policy, "EnforceTls");
        assert.deepStrictEqual(rcp.inputs, { name: "EnforceTls", description: "TLS only", content: RCP, type: "RESOURCE_CONTROL_POLICY" });
        const tag = res.get(TYPES.policy, "Owner");
        assert.strictEqual(tag.inputs.type, "TAG_POLICY");
        assert.strictEqual(tag.options.import, "p-tag12345");
        assert.strictEqual(res.get(TYPES.policy, "DenyLeave").inputs.type, "SERVICE_CONTROL_POLICY");
    });

    it("gives each listed type its own exact set, named after the type, and leaves unlisted types alone", () => {
        const sets = res.ofType(TYPES.attachments).map((r) => [r.name, r.inputs.policyType ?? null, r.inputs.policyNames]);
        assert.deepStrictEqual(sets.sort(), [
            ["RCP:ou/HIPAA", "RESOURCE_CONTROL_POLICY", ["RCPFullAWSAccess", "EnforceTls"]],
            ["TAG:account/one", "TAG_POLICY", ["Owner"]],
            ["TAG:root", "TAG_POLICY", ["Owner"]],
            ["root", null, ["FullAWSAccess", "DenyLeave"]],
        ]);
        const rcpSet = res.get(TYPES.attachments, "RCP:ou/HIPAA");
        assert.deepStrictEqual((rcpSet.inputs.policyIds as string[])[0], "p-RCPFullAWSAccess", "the AWS-managed RCP by its id, never created");
        assert.strictEqual(res.find(TYPES.policy, "RCPFullAWSAccess"), undefined);
        assert.strictEqual(res.get(TYPES.attachments, "root").inputs.policyType, undefined, "an SCP set's state stays as before");
    });
});
