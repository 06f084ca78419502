import * as assert from "assert";
import { buildUnderMocks, Resources, TYPES } from "../support/capture";
import { loadModel, yaml } from "../support/orgFiles";

const BEFORE = yaml`
    policies:
      AllowS3: { file: policies/allow-s3.json }
    organizationalUnits:
      - name: HIPAA
        policies: [AllowS3]
        organizationalUnits:
          - name: PCI
            policies: [AllowS3]
            accounts:
              - { name: payments, email: payments@example.com, policies: [AllowS3] }
`;

/** The URNs a resource answers to: its own and its aliases'. */
function identities(res: Resources, type: string, name: string): string[] {
    const r = res.get(type, name);
    return [r.urn, ...r.options.aliases.map((a) => a.urn)];
}

describe("Stable identity: keys make logical names, previous names and paths make aliases", () => {
    let old: Resources;
    before(async () => {
        old = await buildUnderMocks(loadModel(BEFORE));
    });

    it("a renamed account answers, with every resource of it, to its old URNs", async () => {
        const after = await buildUnderMocks(loadModel(BEFORE.replace("{ name: payments,", "{ name: card-payments, previousNames: [payments],")));
        assert.strictEqual(after.get(TYPES.account, "card-payments").inputs.name, "card-payments");
        for (const [type, now, was] of [
            [TYPES.accountComponent, "card-payments", "payments"],
            [TYPES.account, "card-payments", "payments"],
            [TYPES.attachments, "account/card-payments", "account/payments"],
        ] as const) {
            assert.ok(identities(after, type, now).includes(old.get(type, was).urn), `${now} [${type}] answers to ${was}`);
        }
    });

    it("the sets of other policy types keep their old URNs too when their OU or account is renamed", async () => {
        const rcp = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] });
        const withRcp = BEFORE.replace("  AllowS3: { file: policies/allow-s3.json }\n", "  AllowS3: { file: policies/allow-s3.json }\n  TlsOnly: { type: RCP, file: policies/tls-only.json }\n")
            .replace("    policies: [AllowS3]\n    organizationalUnits:", "    policies: [AllowS3, TlsOnly]\n    organizationalUnits:")
            .replace("email: payments@example.com, policies: [AllowS3] }", "email: payments@example.com, policies: [AllowS3, TlsOnly] }");
        const files = { "policies/tls-only.json": rcp };
        const before = await buildUnderMocks(loadModel(withRcp, files));
        const after = await buildUnderMocks(loadModel(withRcp.replace("  - name: HIPAA\n", "  - name: Health\n    previousPaths: [HIPAA]\n").replace("{ name: payments,", "{ name: card-payments, previousNames: [payments],"), files));
        assert.ok(identities(after, TYPES.attachments, "RCP:ou/Health").includes(before.get(TYPES.attachments, "RCP:ou/HIPAA").urn));
        assert.ok(identities(after, TYPES.attachments, "RCP:account/card-payments").includes(before.get(TYPES.attachments, "RCP:account/payments").urn));
    });

    it("an account with an explicit key is named by it, and answers to the names it had", async () => {
        const after = await buildUnderMocks(loadModel(BEFORE.replace("{ name: payments,", "{ key: pay, name: card-payments, previousNames: [payments],")));
        const account = after.get(TYPES.account, "pay");
        assert.deepStrictEqual(account.options.aliases.map((a) => a.urn), [old.get(TYPES.account, "payments").urn]);
        assert.ok(identities(after, TYPES.attachments, "account/pay").includes(old.get(TYPES.attachments, "account/payments").urn));
    });

    it("renaming an OU renames the path of every OU below it, and each keeps its old URNs", async () => {
        const after = await buildUnderMocks(loadModel(BEFORE.replace("  - name: HIPAA\n", "  - name: Health\n    previousPaths: [HIPAA]\n")));
        for (const [type, now, was] of [
            [TYPES.ouComponent, "Health", "HIPAA"],
            [TYPES.ou, "Health", "HIPAA"],
            [TYPES.attachments, "ou/Health", "ou/HIPAA"],
            [TYPES.ouComponent, "Health/PCI", "HIPAA/PCI"],
            [TYPES.ou, "Health/PCI", "HIPAA/PCI"],
            [TYPES.attachments, "ou/Health/PCI", "ou/HIPAA/PCI"],
        ] as const) {
            assert.ok(identities(after, type, now).includes(old.get(type, was).urn), `${now} [${type}] answers to ${was}`);
        }
        assert.strictEqual(after.get(TYPES.ou, "Health").inputs.name, "Health");
    });

    it("an OU moved to another depth, with its move acknowledged, answers to its URN at the old depth", async () => {
        const moved = yaml`
            policies:
              AllowS3: { file: policies/allow-s3.json }
            organizationalUnits:
              - name: HIPAA
                policies: [AllowS3]
              - name: PCI
                previousPaths: [HIPAA/PCI]
                allowReplacement: true
                policies: [AllowS3]
                accounts:
                  - { name: payments, email: payments@example.com, policies: [AllowS3] }
        `;
        const after = await buildUnderMocks(loadModel(moved));
        for (const [type, now, was] of [
            [TYPES.ouComponent, "PCI", "HIPAA/PCI"],
            [TYPES.ou, "PCI", "HIPAA/PCI"],
            [TYPES.attachments, "ou/PCI", "ou/HIPAA/PCI"],
        ] as const) {
            assert.ok(identities(after, type, now).includes(old.get(type, was).urn), `${now} [${type}] answers to ${was}`);
        }
    });

    it("ignores later changes to the create-only inputs of every account, created or adopted", async () => {
        const res = await buildUnderMocks(loadModel(BEFORE));
        assert.deepStrictEqual(res.get(TYPES.account, "payments").options.ignoreChanges, ["roleName", "iamUserAccessToBilling"]);
        assert.strictEqual(res.get(TYPES.account, "payments").inputs.roleName, "OrganizationAccountAccessRole", "a new account is still created with the role");
    });
});
