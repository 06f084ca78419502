import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadOrgFile } from "../../src/config/loadOrgFile";
import { assertDiagnostics, loadModel, loadYaml, yaml } from "../support/orgFiles";
import { present } from "../support/present";

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** A data-perimeter RCP: no S3 object read without TLS. */
const RCP_TLS = json({
    Version: "2012-10-17",
    Statement: [{ Sid: "EnforceTls", Effect: "Deny", Principal: "*", Action: ["s3:*", "sqs:*"], Resource: "*", Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } }],
});
const TAG_COST_CENTER = json({
    tags: { "cost-center": { tag_key: { "@@assign": "cost-center" }, tag_value: { "@@assign": ["100", "200"] }, enforced_for: { "@@assign": ["s3:bucket"] } } },
});
const BACKUP_DAILY = json({
    plans: {
        daily: {
            regions: { "@@append": ["us-east-1"] },
            rules: { daily: { schedule_expression: { "@@assign": "cron(0 5 ? * * *)" }, target_backup_vault_name: { "@@assign": "Default" } } },
            selections: { tags: { all: { iam_role_arn: { "@@assign": "arn:aws:iam::$account:role/Backup" }, tag_key: { "@@assign": "backup" }, tag_value: { "@@assign": ["daily"] } } } },
        },
    },
});
const AI_OPT_OUT = json({ services: { default: { opt_out_policy: { "@@assign": "optOut" } } } });

const FILES = {
    "policies/rcp-tls.json": RCP_TLS,
    "policies/tag.json": TAG_COST_CENTER,
    "policies/backup.json": BACKUP_DAILY,
    "policies/ai.json": AI_OPT_OUT,
};

const LIBRARY = `policies:
  DenyLeave: { file: policies/deny-leave.json }
  EnforceTls: { type: RCP, file: policies/rcp-tls.json }
  CostCenter: { type: TAG, file: policies/tag.json }
  DailyBackup: { type: BACKUP, file: policies/backup.json }
  NoAiTraining: { type: AI_OPT_OUT, file: policies/ai.json }
`;

describe("policy types: the library and the exact set of each type", () => {
    it("keeps today's files as they were: no type means SCP, nothing else enabled", () => {
        const model = loadModel(yaml`
            policies:
              DenyLeave: { file: policies/deny-leave.json }
            root:
              policies: [FullAWSAccess, DenyLeave]
        `);
        assert.deepStrictEqual(model.root.policies, ["FullAWSAccess", "DenyLeave"]);
        assert.deepStrictEqual(model.root.otherPolicies, {});
        assert.deepStrictEqual(model.organization.enabledPolicyTypes, []);
        assert.deepStrictEqual([...model.otherPolicies.keys()], ["RCPFullAWSAccess"], "only the AWS-managed RCP, as FullAWSAccess for SCPs");
    });

    it("splits a target's list by type; each type's names are its set, a type without names keeps AWS's default", () => {
        const model = loadModel(`${LIBRARY}root:
  policies: [FullAWSAccess, DenyLeave, NoAiTraining]
organizationalUnits:
  - name: HIPAA
    policies: [EnforceTls, CostCenter, DailyBackup]
    accounts:
      - { name: one, email: one@example.com, policies: [CostCenter] }
`, FILES);
        assert.deepStrictEqual(model.root.policies, ["FullAWSAccess", "DenyLeave"]);
        assert.deepStrictEqual(model.root.otherPolicies, { AI_OPT_OUT: ["NoAiTraining"] });
        const hipaa = present(model.allOrganizationalUnits[0]);
        assert.deepStrictEqual(hipaa.policies, ["FullAWSAccess"], "no SCP named: the SCPs keep the AWS default");
        assert.deepStrictEqual(hipaa.otherPolicies, { RCP: ["RCPFullAWSAccess", "EnforceTls"], TAG: ["CostCenter"], BACKUP: ["DailyBackup"] }, "an RCP set always holds RCPFullAWSAccess");
        assert.deepStrictEqual(present(model.allAccounts[0]).otherPolicies, { TAG: ["CostCenter"] });
        const rcp = present(model.otherPolicies.get("EnforceTls"));
        assert.strictEqual(rcp.type, "RCP");
        assert.strictEqual(rcp.content, JSON.stringify(JSON.parse(RCP_TLS)), "minified as uploaded");
        assert.strictEqual(rcp.document?.Statement[0]?.Effect, "Deny");
        assert.deepStrictEqual(present(model.otherPolicies.get("CostCenter")).value, JSON.parse(TAG_COST_CENTER));
        assert.strictEqual(model.policies.has("EnforceTls"), false, "the SCP library holds SCPs only");
    });

    it("enables every type the library uses, by API name, beside those the file lists", () => {
        const model = loadModel(`organization:
  enabledPolicyTypes: [CHATBOT_POLICY]
${LIBRARY}root: {}
`, FILES);
        assert.deepStrictEqual(model.organization.enabledPolicyTypes, ["AISERVICES_OPT_OUT_POLICY", "BACKUP_POLICY", "CHATBOT_POLICY", "RESOURCE_CONTROL_POLICY", "TAG_POLICY"]);
        assert.deepStrictEqual(model.organization.serviceAccessPrincipals, []);
    });

    it("adds the trusted access that Security Hub and Inspector policies need", () => {
        const model = loadModel(yaml`
            organization:
              serviceAccessPrincipals: [cloudtrail.amazonaws.com]
            policies:
              Hub: { type: SECURITYHUB, file: policies/hub.json }
              Scan: { type: INSPECTOR, file: policies/scan.json }
        `, {
            "policies/hub.json": json({ securityhub: { enable_in_regions: { "@@assign": ["us-east-1"] } } }),
            "policies/scan.json": json({ inspector: { enablement: { ec2_scanning: { enable_in_regions: { "@@assign": ["us-east-1"] } } } } }),
        });
        assert.deepStrictEqual(model.organization.serviceAccessPrincipals, ["cloudtrail.amazonaws.com", "securityhub.amazonaws.com", "inspector2.amazonaws.com"]);
        assert.deepStrictEqual(model.organization.enabledPolicyTypes, ["INSPECTOR_POLICY", "SECURITYHUB_POLICY"]);
    });

    it("accepts every listed type", () => {
        const types = ["SCP", "RCP", "TAG", "BACKUP", "AI_OPT_OUT", "CHATBOT", "DECLARATIVE_EC2", "SECURITYHUB", "INSPECTOR", "BEDROCK", "S3", "UPGRADE_ROLLOUT"];
        const documents: Record<string, unknown> = {
            SCP: JSON.parse(DENY_LEAVE_TEXT),
            RCP: JSON.parse(RCP_TLS),
            TAG: JSON.parse(TAG_COST_CENTER),
            BACKUP: JSON.parse(BACKUP_DAILY),
            AI_OPT_OUT: JSON.parse(AI_OPT_OUT),
            CHATBOT: { chatbot: { platforms: { slack: { client: { "@@assign": "enabled" } } } } },
            DECLARATIVE_EC2: { ec2_attributes: { image_block_public_access: { state: { "@@assign": "block_new_sharing" } } } },
        };
        const files = Object.fromEntries(types.map((t) => [`policies/${t}.json`, json(documents[t] ?? { settings: { mode: { "@@assign": "on" } } })]));
        const model = loadModel(`policies:\n${types.map((t) => `  P${t}: { type: ${t}, file: policies/${t}.json }`).join("\n")}\n`, files);
        assert.deepStrictEqual([...model.otherPolicies.values()].filter((p) => !p.awsManaged).map((p) => p.type), types.slice(1));
        assert.ok(model.policies.has("PSCP"));
    });
});

const DENY_LEAVE_TEXT = json({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }] });

describe("policy types: every mistake at its file, line and column", () => {
    it("rejects an unknown type at the `type` key", () => {
        assertDiagnostics(loadYaml("policies:\n  X: { type: TAGS, file: policies/deny-leave.json }\n"), [{ code: "invalid-value", line: 2, column: 14, message: /must be one of `SCP`, `RCP`, `TAG`/ }]);
    });

    it("refuses a type the installed provider cannot create, at its `type`", () => {
        assertDiagnostics(loadYaml("policies:\n  X: { type: NETWORK_SECURITY_DIRECTOR, file: policies/deny-leave.json }\n"), [{ code: "policy-type-not-deployable", line: 2, column: 14, message: /NETWORK_SECURITY_DIRECTOR_POLICY/ }]);
    });

    it("refuses to redefine RCPFullAWSAccess", () => {
        assertDiagnostics(loadYaml("policies:\n  RCPFullAWSAccess: { type: RCP, file: policies/deny-leave.json }\n"), [{ code: "reserved-policy-name", line: 2, column: 3 }]);
    });

    it("reports too many policies of one type on a target, RCPFullAWSAccess counted", () => {
        const names = ["R1", "R2", "R3", "R4", "R5"];
        const r = loadYaml(`policies:\n${names.map((n) => `  ${n}: { type: RCP, file: policies/rcp-tls.json }`).join("\n")}\nroot:\n  policies: [FullAWSAccess, ${names.join(", ")}]\n`, FILES);
        assertDiagnostics(r, [{ code: "too-many-policies", line: 8, column: 13, message: /6 RCPs \(`RCPFullAWSAccess` included.*at most 5/ }]);
    });

    it("names an unknown policy whatever its type would be", () => {
        assertDiagnostics(loadYaml(`${LIBRARY}root:\n  policies: [FullAWSAccess, CostCentre]\n`, FILES), [{ code: "unknown-policy", line: 8, column: 29, message: /Did you mean `CostCenter`/ }]);
    });

    describe("RCPs", () => {
        const rcp = (statement: Record<string, unknown>) => ({ "policies/r.json": json({ Version: "2012-10-17", Statement: [statement] }) });
        const load = (statement: Record<string, unknown>) => loadYaml("policies:\n  R: { type: RCP, file: policies/r.json }\n", rcp(statement));
        const base = { Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: "*" };
        const file = (r: { file: string }) => r.file.replace(/org\.yaml$/, "policies/r.json");

        it("accepts a Deny with Principal * on a supported service", () => {
            assert.deepStrictEqual(load(base).diagnostics, []);
        });

        it("refuses Allow in a custom RCP, at the Effect's value", () => {
            const r = load({ ...base, Effect: "Allow" });
            assertDiagnostics(r, [{ code: "rcp-allow", file: file(r), line: 5, column: 17, message: /only `Deny`/ }]);
        });

        it("requires Principal *, and refuses another principal at its value", () => {
            const missing = load({ Effect: "Deny", Action: "s3:GetObject", Resource: "*" });
            assertDiagnostics(missing, [{ code: "rcp-principal", file: file(missing), line: 4, column: 5, message: /needs `"Principal": "\*"`/ }]);
            const other = load({ ...base, Principal: { AWS: "arn:aws:iam::111111111111:root" } });
            assertDiagnostics(other, [{ code: "rcp-principal", file: file(other), line: 6, column: 20 }]);
        });

        it("refuses NotAction and a service RCPs do not support", () => {
            const notAction = load({ Effect: "Deny", Principal: "*", NotAction: "s3:GetObject", Resource: "*" });
            assertDiagnostics(notAction, [
                { code: "rcp-invalid", file: file(notAction), line: 4, column: 5, message: /needs `Action`/ },
                { code: "rcp-invalid", file: file(notAction), line: 7, column: 20, message: /cannot use `NotAction`/ },
            ]);
            const ec2 = load({ ...base, Action: ["s3:GetObject", "ec2:RunInstances"] });
            assertDiagnostics(ec2, [{ code: "rcp-unsupported-service", file: file(ec2), line: 9, column: 9, message: /`ec2`, which RCPs do not apply to/ }]);
        });

        it("checks conditions as SCPs' are checked", () => {
            const r = load({ ...base, Condition: { Bool: { "aws:SecureTransprt": "false" } } });
            assert.deepStrictEqual(r.diagnostics.map((d) => [d.code, d.line]), [["scp-unknown-condition-key", 11]], "the same lint as SCPs");
        });

        it("holds an RCP to 5,120 characters once minified, at the file key", () => {
            const actions = Array.from({ length: 300 }, (_, i) => `s3:Get${"Object".repeat(2)}${i}`);
            const r = load({ ...base, Action: actions });
            const big = r.diagnostics.filter((d) => d.code === "policy-too-large");
            assert.deepStrictEqual(big.map((d) => [d.file, d.line, d.column]), [[r.file, 2, 25]]);
            assert.match(present(big[0]).message, /over AWS's limit of 5120 for an RCP/);
        });
    });

    describe("management policies", () => {
        const load = (type: string, value: unknown) => loadYaml(`policies:\n  P: { type: ${type}, file: policies/p.json }\n`, { "policies/p.json": json(value) });
        const at = (r: { file: string }) => r.file.replace(/org\.yaml$/, "policies/p.json");

        it("refuses an unknown top key of a tag policy, naming the accepted ones", () => {
            const r = load("TAG", { tag: {} });
            assertDiagnostics(r, [{ code: "policy-unknown-key", file: at(r), line: 2, column: 3, message: /expected `tags`, `@@operators_allowed_for_child_policies`/ }]);
        });

        it("refuses an unknown key of a tag and a tag_key other than its policy key", () => {
            const r = load("TAG", { tags: { costcenter: { tag_key: { "@@assign": "Owner" }, tag_values: { "@@assign": ["a"] } } } });
            assertDiagnostics(r, [
                { code: "policy-invalid", file: at(r), line: 5, column: 21, message: /must be `costcenter` in any case/ },
                { code: "policy-unknown-key", file: at(r), line: 7, column: 7, message: /`tag_values`.*expected `tag_key`, `tag_value`/ },
            ]);
        });

        it("requires values to be set through an operator, and @@append to take a list", () => {
            const r = load("TAG", { tags: { costcenter: { tag_key: "costcenter", tag_value: { "@@append": "a" } } } });
            assertDiagnostics(r, [
                { code: "policy-invalid", file: at(r), line: 4, column: 18, message: /set through an operator, like `\{ "@@assign": "costcenter" \}`/ },
                { code: "policy-invalid", file: at(r), line: 6, column: 21, message: /`@@append`.*takes a list/ },
            ]);
        });

        it("refuses an unknown operator and a bad child-control list", () => {
            const r = load("BACKUP", { plans: { p: { regions: { "@@add": ["us-east-1"], "@@operators_allowed_for_child_policies": ["@@none", "@@assign"] } } } });
            assertDiagnostics(r, [
                { code: "policy-unknown-operator", file: at(r), line: 5, column: 9, message: /Unknown operator `@@add`/ },
                { code: "policy-child-control", file: at(r), line: 9, column: 11, message: /`@@none` stands alone/ },
            ]);
        });

        it("refuses an unknown key of a backup plan and an AI opt-out value AWS does not know", () => {
            const backup = load("BACKUP", { plans: { p: { region: { "@@assign": ["us-east-1"] } } } });
            assertDiagnostics(backup, [{ code: "policy-unknown-key", file: at(backup), line: 4, column: 7, message: /`region`.*expected `regions`, `rules`/ }]);
            const ai = load("AI_OPT_OUT", { services: { default: { opt_out_policy: { "@@assign": "optout" } } } });
            assertDiagnostics(ai, [{ code: "policy-invalid", file: at(ai), line: 5, column: 21, message: /one of `optOut`, `optIn`, got `"optout"`/ }]);
        });

        it("holds an AI opt-out policy to 2,500 characters", () => {
            const services = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`service${i}`, { opt_out_policy: { "@@assign": "optOut" } }]));
            const r = load("AI_OPT_OUT", { services });
            assertDiagnostics(r, [{ code: "policy-too-large", line: 2, column: 32, message: /over AWS's limit of 2500 for an AI services opt-out policy/ }]);
        });

        it("checks the generic grammar of the newer types", () => {
            const r = load("BEDROCK", { bedrock: { guardrails: "on" } });
            assertDiagnostics(r, [{ code: "policy-invalid", file: at(r), line: 3, column: 19, message: /set through an operator/ }]);
        });
    });
});

describe("policy types: the prod example", () => {
    const CONFIG = path.join(__dirname, "..", "..", "config");

    /** A copy of config/ with one policy file edited, loaded. */
    function loadEdited(file: string, edit: (text: string) => string) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-prod-"));
        fs.cpSync(CONFIG, dir, { recursive: true });
        const target = path.join(dir, "policies", file);
        fs.writeFileSync(target, edit(fs.readFileSync(target, "utf8")));
        return { result: loadOrgFile(path.join(dir, "prod.yaml")), target };
    }

    it("loads with its data-perimeter RCP, tag and backup policies on the HIPAA OU", () => {
        const model = loadModel(fs.readFileSync(path.join(CONFIG, "prod.yaml"), "utf8"), Object.fromEntries(fs.readdirSync(path.join(CONFIG, "policies")).map((f) => [`policies/${f}`, fs.readFileSync(path.join(CONFIG, "policies", f), "utf8")])));
        const hipaa = present(model.allOrganizationalUnits.find((o) => o.path === "HIPAA"));
        assert.deepStrictEqual(hipaa.otherPolicies, { RCP: ["RCPFullAWSAccess", "HipaaDataPerimeter"], TAG: ["HipaaRequiredTags"], BACKUP: ["HipaaDailyBackup"] });
        assert.deepStrictEqual(model.organization.enabledPolicyTypes, ["BACKUP_POLICY", "RESOURCE_CONTROL_POLICY", "TAG_POLICY"]);
    });

    for (const [file, from, to, code, line, column] of [
        ["rcp-hipaa-data-perimeter.json", '"Effect": "Deny",\n      "Principal": "*",\n      "Action": "s3:*",\n      "Resource": "*",\n      "Condition": {\n        "Bool"', '"Effect": "Deny",\n      "Principal": "*",\n      "Action": "s3:GetObjct",\n      "Resource": "*",\n      "Condition": {\n        "Bool"', "scp-unknown-action", 8, 17],
        ["tag-hipaa-required.json", '"tag_key": { "@@assign": "cost-center" }', '"tag_kee": { "@@assign": "cost-center" }', "policy-unknown-key", 4, 7],
        ["backup-hipaa-daily.json", '"target_backup_vault_name": { "@@assign": "Default" }', '"target_backup_vault_name": { "@@asign": "Default" }', "policy-unknown-operator", 11, 41],
    ] as const) {
        it(`fails at its place on a typo in ${file}`, () => {
            const { result, target } = loadEdited(file, (t) => {
                assert.ok(t.includes(from), `the fixture text is in ${file}`);
                return t.replace(from, to);
            });
            assert.strictEqual(result.model, undefined);
            assert.deepStrictEqual(result.diagnostics.map((d) => [d.code, d.file, d.line, d.column]), [[code, target, line, column]]);
        });
    }
});
