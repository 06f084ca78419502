import * as assert from "assert";
import * as path from "path";
import { loadOrgFile } from "../../src/config/loadOrgFile";
import { assertDiagnostics, loadModel, loadYaml, modelOf, yaml } from "../support/orgFiles";
import { present } from "../support/present";

describe("loadOrgFile: the example org files", () => {
    it("loads config/prod.yaml: HIPAA, HIPAA/PCI, PCI and General with their accounts", () => {
        const result = loadOrgFile(path.join(__dirname, "..", "..", "config", "prod.yaml"));
        assert.deepStrictEqual(result.diagnostics, []);
        const model = modelOf(result);
        assert.deepStrictEqual(model.allOrganizationalUnits.map((o) => o.path), ["HIPAA", "HIPAA/PCI", "PCI", "General"]);
        assert.deepStrictEqual(model.root.policies, ["FullAWSAccess", "DenyLeaveOrganization", "DenyRootUser"]);
        const ou = (p: string) => present(model.allOrganizationalUnits.find((o) => o.path === p), `OU ${p}`);
        assert.deepStrictEqual(ou("HIPAA").policies, ["AllowHipaaServices"]);
        assert.deepStrictEqual(ou("HIPAA/PCI").policies, ["AllowPciServices"]);
        assert.deepStrictEqual(ou("General").policies, ["FullAWSAccess"]);
        assert.strictEqual(ou("HIPAA/PCI").depth, 2);
        const payments = present(model.allAccounts.find((a) => a.name === "patient-payments-prod"));
        assert.strictEqual(payments.ouPath, "HIPAA/PCI");
        assert.strictEqual(payments.iamUserAccessToBilling, "DENY");
        assert.deepStrictEqual(payments.tags, { "managed-by": "pulumi", company: "healthco", team: "patient-payments", environment: "prod" });
        const legacy = present(model.allAccounts.find((a) => a.name === "legacy-site"));
        assert.strictEqual(legacy.joined, "adopted");
        assert.strictEqual(model.allAccounts.find((a) => a.name === "management")?.isManagementAccount, true);
        assert.ok(Object.isFrozen(model) && Object.isFrozen(payments), "the model is immutable");
    });

    it("loads config/dev.yaml", () => {
        const result = loadOrgFile(path.join(__dirname, "..", "..", "config", "dev.yaml"));
        assert.deepStrictEqual(result.diagnostics, []);
        assert.strictEqual(result.model?.allAccounts.length, 4);
    });

    it("minifies policy documents and classifies them", () => {
        const model = loadModel(yaml`
            policies:
              AllowS3: { file: policies/allow-s3.json }
              DenyLeave: { file: policies/deny-leave.json }
        `);
        const allow = present(model.policies.get("AllowS3"));
        assert.strictEqual(allow.content, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}');
        assert.strictEqual(allow.strategy, "allow-list");
        assert.strictEqual(model.policies.get("DenyLeave")?.strategy, "deny-list");
        assert.strictEqual(model.policies.get("FullAWSAccess")?.strategy, "full-access");
    });

    it("applies defaults to accounts and lets an account override them", () => {
        const model = loadModel(yaml`
            organization:
              defaults: { roleName: Admin, iamUserAccessToBilling: DENY, closeOnDeletion: true, tags: { a: "1" } }
            accounts:
              - { name: one, email: one@example.com }
              - { name: two, email: two@example.com, roleName: Other, closeOnDeletion: false, tags: { a: "2", b: "3" } }
        `);
        const [one, two] = model.allAccounts;
        assert.ok(one !== undefined && two !== undefined, "both accounts are in the model");
        assert.deepStrictEqual([one.roleName, one.iamUserAccessToBilling, one.closeOnDeletion, one.tags], ["Admin", "DENY", true, { a: "1" }]);
        assert.deepStrictEqual([two.roleName, two.closeOnDeletion, two.tags], ["Other", false, { a: "2", b: "3" }]);
        assert.deepStrictEqual(one.policies, ["FullAWSAccess"], "an omitted list is the AWS default");
    });
});

describe("loadOrgFile: each error names the file, line and column", () => {
    it("reports a missing file", () => {
        const result = loadOrgFile("/nonexistent/org.yaml");
        assert.strictEqual(result.diagnostics[0]?.code, "file-missing");
        assert.strictEqual(result.model, undefined);
    });

    it("rejects YAML syntax errors", () => {
        const r = loadYaml("organizationalUnits:\n  - name: [HIPAA\n");
        assert.strictEqual(r.model, undefined);
        assert.strictEqual(r.diagnostics[0]?.code, "yaml-syntax");
        assert.strictEqual(r.diagnostics[0].line, 3);
    });

    it("rejects a key given twice", () => {
        assertDiagnostics(loadYaml("root:\n  policies: [FullAWSAccess]\nroot: {}\n"), [{ code: "yaml-syntax", line: 3, column: 1, message: /unique/ }]);
    });

    it("rejects unknown keys with a suggestion and the allowed keys", () => {
        assertDiagnostics(
            loadYaml(yaml`
                accounts:
                  - name: a
                    emial: a@example.com
            `),
            [
                { code: "missing-key", line: 2, column: 5, message: /Missing required key `email` in `accounts\[0\]`/ },
                { code: "unknown-key", line: 3, column: 5, message: /Unknown key `emial` in `accounts\[0\]`\. Did you mean `email`\? Allowed keys: `name`, `email`/ },
            ],
        );
    });

    it("rejects wrong types, and says to quote an account id", () => {
        assertDiagnostics(
            loadYaml(yaml`
                organization:
                  featureSet: all
                accounts:
                  - { name: a, email: a@example.com, id: 123456789012 }
                organizationalUnits: HIPAA
            `),
            [
                { code: "invalid-value", line: 2, column: 15, message: /`organization.featureSet` must be one of `ALL`, `CONSOLIDATED_BILLING`, got `all`/ },
                { code: "wrong-type", line: 4, column: 42, message: /must be a string, got 123456789012\. Quote it: "123456789012"/ },
                { code: "wrong-type", line: 5, column: 22, message: /`organizationalUnits` must be a list, got HIPAA/ },
            ],
        );
    });

    it("rejects a file whose top level is not a map", () => {
        assertDiagnostics(loadYaml("- name: A\n"), [{ code: "wrong-type", line: 1, column: 1, message: /^The file must be a map, got a list\.$/ }]);
        assertDiagnostics(loadYaml("hello\n"), [{ code: "wrong-type", line: 1, column: 1, message: /^The file must be a map, got hello\.$/ }]);
    });

    it("rejects invalid account emails by AWS's rules", () => {
        assertDiagnostics(
            loadYaml(yaml`
                accounts:
                  - { name: a, email: a@b }
                  - { name: b, email: "two@@example.com" }
                  - { name: c, email: "with space@example.com" }
                  - { name: d, email: "${"x".repeat(60)}@example.com" }
            `),
            [
                { code: "invalid-email", line: 2, column: 23, message: /6 to 64 characters long \(it has 3\)/ },
                { code: "invalid-email", line: 3, column: 23, message: /exactly one `@`/ },
                { code: "invalid-email", line: 4, column: 23, message: /without spaces/ },
                { code: "invalid-email", line: 5, column: 23, message: /6 to 64 characters long \(it has 72\)/ },
            ],
        );
    });

    it("rejects an email without a dotted domain", () => {
        assertDiagnostics(loadYaml("accounts:\n  - { name: a, email: admin@localhost }\n"), [{ code: "invalid-email", line: 2, column: 23, message: /domain with a dot/ }]);
    });

    it("rejects duplicated emails, compared without case, anywhere in the org", () => {
        assertDiagnostics(
            loadYaml(yaml`
                organizationalUnits:
                  - name: A
                    accounts:
                      - { name: one, email: Team@Example.com }
                accounts:
                  - { name: two, email: team@example.com }
            `),
            [{ code: "duplicate-email", line: 6, column: 25, message: /already used at line 4, column 29/ }],
        );
    });

    it("rejects account names that are empty, too long, non-ASCII or duplicated", () => {
        assertDiagnostics(
            loadYaml(yaml`
                accounts:
                  - { name: "", email: e1@example.com }
                  - { name: "${"n".repeat(51)}", email: e2@example.com }
                  - { name: "café", email: e3@example.com }
                  - { name: dup, email: e4@example.com }
                  - { name: dup, email: e5@example.com }
            `),
            [
                { code: "invalid-account-name", line: 2, column: 13, message: /must not be empty/ },
                { code: "invalid-account-name", line: 3, column: 13, message: /at most 50 characters \(it has 51\)/ },
                { code: "invalid-account-name", line: 4, column: 13, message: /printable ASCII/ },
                { code: "duplicate-account-name", line: 6, column: 13, message: /Account name `dup` is already used at line 5/ },
            ],
        );
    });

    it("rejects account ids that are not 12 digits or are duplicated", () => {
        assertDiagnostics(
            loadYaml(yaml`
                accounts:
                  - { name: a, email: a1@example.com, id: "12345" }
                  - { name: b, email: b1@example.com, id: "222222222222" }
                  - { name: c, email: c1@example.com, id: "222222222222" }
            `),
            [
                { code: "invalid-account-id", line: 2, column: 43, message: /exactly 12 digits/ },
                { code: "duplicate-account-id", line: 4, column: 43, message: /already used at line 3/ },
            ],
        );
    });

    it("rejects OU names that are empty or too long, and sibling OUs with the same name", () => {
        assertDiagnostics(
            loadYaml(yaml`
                organizationalUnits:
                  - name: ""
                  - name: "${"o".repeat(129)}"
                  - name: Same
                  - name: Same
            `),
            [
                { code: "invalid-ou-name", line: 2, column: 11, message: /must not be empty/ },
                { code: "invalid-ou-name", line: 3, column: 11, message: /at most 128 characters/ },
                { code: "duplicate-ou", line: 5, column: 11, message: /OU `Same` appears twice under the root \(first at line 4\)/ },
            ],
        );
    });

    it("allows the same OU name under different parents", () => {
        const r = loadYaml(yaml`
            organizationalUnits:
              - name: A
                organizationalUnits: [{ name: Dev }]
              - name: B
                organizationalUnits: [{ name: Dev }]
        `);
        assert.deepStrictEqual(r.model?.allOrganizationalUnits.map((o) => o.path), ["A", "A/Dev", "B", "B/Dev"]);
    });

    it("rejects OUs nested deeper than limits.ouMaxDepth", () => {
        assertDiagnostics(
            loadYaml(yaml`
                organization: { limits: { ouMaxDepth: 2 } }
                organizationalUnits:
                  - name: L1
                    organizationalUnits:
                      - name: L2
                        organizationalUnits:
                          - name: L3
            `),
            [{ code: "ou-too-deep", line: 7, column: 19, message: /`L1\/L2\/L3` is nested 3 levels deep, over the limit of 2 \(`limits.ouMaxDepth`/ }],
        );
    });

    it("rejects a policies entry naming an SCP that is not in the library, with a suggestion", () => {
        assertDiagnostics(
            loadYaml(yaml`
                policies:
                  AllowS3: { file: policies/allow-s3.json }
                organizationalUnits:
                  - name: A
                    policies: [AlowS3]
            `),
            [{ code: "unknown-policy", line: 5, column: 16, message: /Policy `AlowS3` on OU `A` is not in the `policies` library\. Did you mean `AllowS3`\?/ }],
        );
    });

    it("rejects a missing policy file at the `file` key", () => {
        assertDiagnostics(loadYaml("policies:\n  Missing:\n    file: policies/nope.json\n"), [
            { code: "policy-file-missing", line: 3, column: 11, message: /Policy file `policies\/nope.json` of SCP `Missing` does not exist/ },
        ]);
    });

    it("rejects a policy file that is not JSON, pointing into the policy file", () => {
        const r = loadYaml("policies:\n  Broken: { file: policies/broken.json }\n", { "policies/broken.json": '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", }\n  ]\n}\n' });
        assertDiagnostics(r, [{ code: "scp-not-json", line: 4, column: 26, message: /SCP `Broken`: Policy file is not valid JSON/, file: path.join(path.dirname(r.file), "policies", "broken.json") }]);
    });

    it("rejects invalid SCPs: wrong Version, no Action, a Principal", () => {
        const doc = '{\n  "Version": "2012-10-18",\n  "Statement": [\n    { "Effect": "Allow", "Resource": "*" },\n    { "Effect": "Deny", "Action": "*", "Principal": "*" }\n  ]\n}\n';
        const r = loadYaml("policies:\n  Bad: { file: policies/bad.json }\n", { "policies/bad.json": doc });
        const file = path.join(path.dirname(r.file), "policies", "bad.json");
        assertDiagnostics(r, [
            { code: "scp-invalid", file, line: 2, column: 14, message: /`Version` must be `2012-10-17`/ },
            { code: "scp-invalid", file, line: 4, column: 5, message: /Statement 0 needs `Action` or `NotAction`/ },
            { code: "scp-principal", file, line: 5, column: 40, message: /SCPs cannot use `Principal`/ },
        ]);
    });

    it("rejects a minified document over limits.scpMaxChars", () => {
        assertDiagnostics(loadYaml("organization: { limits: { scpMaxChars: 50 } }\npolicies:\n  AllowS3: { file: policies/allow-s3.json }\n"), [
            { code: "scp-too-large", line: 3, column: 20, message: /SCP `AllowS3` is 88 characters once minified, over the limit of 50/ },
        ]);
    });

    it("rejects more than limits.scpsPerTarget SCPs on one target", () => {
        assertDiagnostics(
            loadYaml(yaml`
                organization: { limits: { scpsPerTarget: 2 } }
                policies:
                  AllowS3: { file: policies/allow-s3.json }
                  DenyLeave: { file: policies/deny-leave.json }
                root:
                  policies: [FullAWSAccess, AllowS3, DenyLeave]
            `),
            [
                { code: "too-many-scps", line: 6, column: 13, message: /The root lists 3 SCPs; AWS allows at most 2/ },
                { code: "ineffective-allow-list", severity: "warning", line: 6, column: 29 },
            ],
        );
    });

    it("rejects an empty policies list", () => {
        assertDiagnostics(loadYaml("organizationalUnits:\n  - name: A\n    policies: []\n"), [{ code: "empty-policies", line: 3, column: 15, message: /`policies` of OU `A` is empty/ }]);
    });

    it("rejects root.policies without FullAWSAccess", () => {
        assertDiagnostics(loadYaml("policies:\n  DenyLeave: { file: policies/deny-leave.json }\nroot:\n  policies: [DenyLeave]\n"), [
            { code: "root-without-full-access", line: 4, column: 13, message: /`root.policies` must contain `FullAWSAccess`/ },
        ]);
    });

    it("rejects SCPs with featureSet CONSOLIDATED_BILLING", () => {
        assertDiagnostics(
            loadYaml(yaml`
                organization: { featureSet: CONSOLIDATED_BILLING }
                policies:
                  DenyLeave: { file: policies/deny-leave.json }
                accounts:
                  - { name: a, email: a@example.com, policies: [DenyLeave] }
            `),
            [
                { code: "scp-without-all-features", line: 2, column: 1, message: /cannot have an SCP library/ },
                { code: "scp-without-all-features", line: 5, column: 38, message: /`policies` on account `a` needs `featureSet: ALL`/ },
            ],
        );
    });

    it("rejects malformed or duplicated OU and SCP ids", () => {
        assertDiagnostics(
            loadYaml(yaml`
                policies:
                  AllowS3: { file: policies/allow-s3.json, id: p-abc }
                  DenyLeave: { file: policies/deny-leave.json, id: p-abcdefgh }
                  Other: { file: policies/deny-leave.json, id: p-abcdefgh }
                organizationalUnits:
                  - { name: A, id: ou-ab12-12345678 }
                  - { name: B, id: ou-ab12-12345678 }
                  - { name: C, id: "123" }
            `),
            [
                { code: "invalid-policy-id", line: 2, column: 48, message: /SCP id `p-abc` of `AllowS3` must look like/ },
                { code: "duplicate-policy-id", line: 4, column: 48, message: /also the id of `DenyLeave`/ },
                { code: "duplicate-ou-id", line: 7, column: 20, message: /OU id `ou-ab12-12345678` is already used at line 6/ },
                { code: "invalid-ou-id", line: 8, column: 20, message: /must look like `ou-xxxx-xxxxxxxx`/ },
            ],
        );
    });

    it("rejects other policy types without all features", () => {
        assertDiagnostics(loadYaml("organization:\n  featureSet: CONSOLIDATED_BILLING\n  enabledPolicyTypes: [TAG_POLICY]\n"), [
            { code: "policy-types-without-all-features", line: 3, column: 23, message: /need `featureSet: ALL`/ },
        ]);
    });

    it("counts an account's own tags and the default tags together against AWS's 50", () => {
        const tags = (prefix: string) => `{ ${Array.from({ length: 30 }, (_, i) => `${prefix}${i}: x`).join(", ")} }`;
        assertDiagnostics(loadYaml(`organization:\n  defaults:\n    tags: ${tags("d")}\naccounts:\n  - { name: a, email: a@example.com, tags: ${tags("a")} }\n`), [
            { code: "invalid-tags", line: 5, column: 44, message: /Tags of account `a` \(its own and the defaults\) must have at most 50 tags \(it has 60\)/ },
        ]);
    });

    it("reports every error of the file at once and builds no model", () => {
        const r = loadYaml(yaml`
            accounts:
              - { name: a, email: bad }
              - { name: a, email: a@example.com, id: "1" }
        `);
        assert.strictEqual(r.model, undefined);
        assert.deepStrictEqual(r.diagnostics.map((d) => d.code), ["invalid-email", "duplicate-account-name", "invalid-account-id"]);
    });
});

describe("loadOrgFile: warnings", () => {
    it("warns about an allow-list beside FullAWSAccess, and still loads", () => {
        const r = loadYaml(yaml`
            policies:
              AllowS3: { file: policies/allow-s3.json }
            organizationalUnits:
              - name: A
                policies: [FullAWSAccess, AllowS3]
        `);
        assert.ok(r.model);
        assertDiagnostics(r, [{ code: "ineffective-allow-list", severity: "warning", line: 5, column: 31, message: /has no effect while `FullAWSAccess` is also attached/ }]);
    });

    it("warns when an adopted organization omits root.policies, which would detach the root's other SCPs", () => {
        const r = loadYaml("organization:\n  id: o-abcdefghij\n");
        assert.ok(r.model);
        assertDiagnostics(r, [{ code: "root-policies-omitted", severity: "warning", line: 2, column: 7, message: /detaching any other SCP attached there now/ }]);
    });

    it("warns when the management account is placed in an OU", () => {
        const r = loadYaml(yaml`
            organization: { managementAccountId: "111111111111" }
            organizationalUnits:
              - name: A
                accounts:
                  - { name: mgmt, email: m@example.com, id: "111111111111" }
        `);
        assert.ok(r.model);
        assertDiagnostics(r, [{ code: "management-account-restricted", severity: "warning", line: 5, column: 9, message: /management account: SCPs never apply to it/ }]);
    });
});

describe("loadOrgFile: the account quota (limits.accounts)", () => {
    const accounts = (n: number) => Array.from({ length: n }, (_, i) => `  - { name: a${String(i)}, email: a${String(i)}@example.com }`).join("\n");

    it("warns at `organization` when the file needs more than AWS's default quota of 10, the management account counted, with how to ask for more", () => {
        const r = loadYaml(`organization: {}\nroot: {}\naccounts:\n${accounts(10)}\n`, {}, true);
        assert.ok(r.model);
        assertDiagnostics(r, [{ code: "account-quota-exceeded", severity: "warning", line: 1, column: 15, message: /would hold 11 accounts \(the management account included\), over AWS's default quota of 10 accounts: creating or inviting the account after the 10th fails\. From the management account, request more in the Service Quotas console \(Region us-east-1, AWS Organizations, "Default maximum number of accounts"\), then set `organization\.limits\.accounts` to the quota granted\./ }]);
        const nine = loadYaml(`organization: {}\nroot: {}\naccounts:\n${accounts(9)}\n`, {}, true);
        assert.deepStrictEqual(nine.diagnostics, []);
    });

    it("counts a listed management account once", () => {
        const r = loadYaml(`organization: { managementAccountId: "111111111111" }\nroot: {}\naccounts:\n  - { name: mgmt, email: m@example.com, id: "111111111111" }\n${accounts(9)}\n`, {}, true);
        assert.deepStrictEqual(r.diagnostics, []);
    });

    it("takes the quota AWS granted from `limits.accounts` and warns at that key beyond it; it may be above 10, unlike the fixed limits", () => {
        const over = loadYaml(`organization:\n  limits: { accounts: 5 }\nroot: {}\naccounts:\n${accounts(5)}\n`, {}, true);
        assertDiagnostics(over, [{ code: "account-quota-exceeded", severity: "warning", line: 2, column: 23, message: /would hold 6 accounts .*over its quota of 5 \(`limits\.accounts`\)/ }]);
        const raised = loadYaml(`organization:\n  limits: { accounts: 50 }\nroot: {}\naccounts:\n${accounts(20)}\n`, {}, true);
        assert.deepStrictEqual(raised.diagnostics, []);
        assert.strictEqual(raised.model?.organization.accountQuota, 50);
        const zero = loadYaml("organization:\n  limits: { accounts: 0 }\nroot: {}\n", {}, true);
        assert.strictEqual(zero.model, undefined);
        assert.ok(zero.diagnostics.some((d) => d.severity === "error" && d.line === 2), JSON.stringify(zero.diagnostics));
    });
});

describe("loadOrgFile: organization.regions", () => {
    it("keeps the Regions as written, and leaves them undefined when omitted", () => {
        const r = loadYaml("organization:\n  regions: [eu-west-1, us-east-1]\n");
        assert.deepStrictEqual(r.model?.organization.regions, ["eu-west-1", "us-east-1"]);
        assert.strictEqual(loadYaml("organization: {}\n").model?.organization.regions, undefined);
    });

    it("rejects a Region AWS does not have (with the closest one), one listed twice, and an empty list", () => {
        assertDiagnostics(loadYaml("organization:\n  regions: [eu-wst-1, us-east-1, us-east-1]\n"), [
            { code: "unknown-region", line: 2, column: 13, message: /^`eu-wst-1` in `organization.regions` is not an AWS Region\. Did you mean `eu-west-1`\?$/ },
            { code: "duplicate-region", line: 2, column: 34, message: /^Region `us-east-1` is listed twice/ },
        ]);
        assertDiagnostics(loadYaml("organization:\n  regions: []\n"), [{ code: "empty-regions", line: 2, column: 12, message: /lists no Region/ }]);
    });
});
