import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LiveOrganization } from "../../src/aws/liveOrganization";
import { kebabCase, orgFileFromLive, policyFileNames } from "../../src/aws/orgFileFromLive";
import { loadOrgFile } from "../../src/config/loadOrgFile";
import { RETIRED_SCP_NAME } from "../../src/config/retirement";
import { existingTargets, OrgFileExistsError, renderOrgFile, writeOrgFile } from "../../src/config/writeOrgFile";
import { FULL_AWS_ACCESS_ID } from "../../src/model/types";
import { modelOf } from "../support/orgFiles";
import { present } from "../support/present";

const FULL = { id: FULL_AWS_ACCESS_ID, name: "FullAWSAccess", description: "Allows access to every operation", content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', awsManaged: true };
const DENY_LEAVE = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}';
const ALLOW_S3 = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';

/** A small live organization: Apps (allow-list, FullAWSAccess detached) with one account, a management account at the root. */
function live(overrides: Partial<LiveOrganization> = {}): LiveOrganization {
    return {
        id: "o-abcdefghij",
        featureSet: "ALL",
        managementAccountId: "111111111111",
        rootId: "r-ab12",
        enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"],
        serviceAccessPrincipals: ["sso.amazonaws.com", "cloudtrail.amazonaws.com"],
        rootPolicyIds: [FULL_AWS_ACCESS_ID, "p-deny0001"],
        policies: [
            FULL,
            { id: "p-deny0001", name: "DenyLeaveOrganization", description: "No leaving", content: DENY_LEAVE, awsManaged: false, tags: { owner: "security" } },
            { id: "p-allow001", name: "AllowS3", description: "", content: ALLOW_S3, awsManaged: false, tags: {} },
        ],
        organizationalUnits: [{ id: "ou-ab12-00000001", name: "Apps", path: "Apps", parentId: "r-ab12", parentPath: null, policyIds: ["p-allow001"], tags: { team: "apps" } }],
        accounts: [
            { id: "111111111111", name: "management", email: "mgmt@example.com", state: "ACTIVE", parentId: "r-ab12", ouPath: null, policyIds: [FULL_AWS_ACCESS_ID], tags: {} },
            { id: "222222222222", name: "shop", email: "Shop@Example.com", state: "ACTIVE", parentId: "ou-ab12-00000001", ouPath: "Apps", policyIds: [FULL_AWS_ACCESS_ID], tags: { env: "prod", cost: "42" } },
        ],
        delegatedAdministrators: [],
        ...overrides,
    };
}

function tmpFile(): string {
    return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-import-")), "config", "prod.yaml");
}

describe("orgFileFromLive: an org file from a live organization", () => {
    it("writes the organization's ids, exact names and emails, and attachments as they are", () => {
        const text = renderOrgFile(orgFileFromLive(live()));
        assert.strictEqual(
            text.split("\n").filter((l) => !l.startsWith("#")).join("\n"),
            [
                "",
                "organization:",
                "  featureSet: ALL",
                "  id: o-abcdefghij",
                "  rootId: r-ab12",
                '  managementAccountId: "111111111111"',
                "  serviceAccessPrincipals:",
                "    - cloudtrail.amazonaws.com",
                "    - sso.amazonaws.com",
                "",
                "policies:",
                "  AllowS3:",
                "    file: policies/allow-s3.json",
                "    id: p-allow001",
                "  DenyLeaveOrganization:",
                "    file: policies/deny-leave-organization.json",
                "    id: p-deny0001",
                "    description: No leaving",
                "    tags: {owner: security}",
                "",
                "root:",
                "  policies: [FullAWSAccess, DenyLeaveOrganization]",
                "",
                "organizationalUnits:",
                "  - name: Apps",
                "    key: Apps",
                "    id: ou-ab12-00000001",
                "    policies: [AllowS3]",
                "    tags: {team: apps}",
                "    accounts:",
                "      - name: shop",
                "        key: shop",
                "        email: Shop@Example.com",
                '        id: "222222222222"',
                '        tags: {cost: "42", env: prod}',
                "",
                "accounts:",
                "  - name: management",
                "    key: management",
                "    email: mgmt@example.com",
                '    id: "111111111111"',
                "",
            ].join("\n"),
        );
        assert.match(text, /^# Imported from a live AWS organization/);
    });

    it("writes pretty-printed policy documents that load back to the same content", () => {
        const file = tmpFile();
        writeOrgFile(file, orgFileFromLive(live()));
        assert.strictEqual(fs.readFileSync(path.join(path.dirname(file), "policies", "allow-s3.json"), "utf8"), `${JSON.stringify(JSON.parse(ALLOW_S3), null, 2)}\n`);
        const loaded = loadOrgFile(file);
        assert.deepStrictEqual(loaded.diagnostics, []);
        const model = modelOf(loaded);
        assert.strictEqual(present(model.policies.get("DenyLeaveOrganization")).content, DENY_LEAVE);
        assert.deepStrictEqual(model.allAccounts.map((a) => [a.name, a.id, a.ouPath]), [["shop", "222222222222", "Apps"], ["management", "111111111111", null]]);
        assert.strictEqual(model.allAccounts[1]?.isManagementAccount, true);
    });

    it("gives the same file for the same organization, whatever order AWS lists things in", () => {
        const a = live();
        const b = live({ policies: [...a.policies].reverse(), accounts: [...a.accounts].reverse(), serviceAccessPrincipals: [...a.serviceAccessPrincipals].reverse() });
        assert.strictEqual(renderOrgFile(orgFileFromLive(b)), renderOrgFile(orgFileFromLive(a)));
    });

    it("omits `policies` where FullAWSAccess alone is attached, but lists it on such a root, so the file loads without the loader's `root-policies-omitted` warning", () => {
        const imported = orgFileFromLive(live({ rootPolicyIds: [FULL_AWS_ACCESS_ID] }));
        assert.deepStrictEqual(imported.document.root, { policies: ["FullAWSAccess"] });
        assert.strictEqual(present(imported.document.accounts?.[0]).policies, undefined);
        const file = tmpFile();
        writeOrgFile(file, imported);
        assert.deepStrictEqual(loadOrgFile(file).diagnostics, []);
    });

    it("leaves out closed accounts and says so", () => {
        const base = live();
        const result = orgFileFromLive(live({ accounts: [...base.accounts, { id: "333333333333", name: "old", email: "old@example.com", state: "SUSPENDED", parentId: "r-ab12", ouPath: null, policyIds: [] }] }));
        assert.deepStrictEqual(result.document.accounts?.map((a) => a.name), ["management"]);
        assert.deepStrictEqual(result.notices, ["Account `old` (333333333333) is suspended: it was closed and AWS lists it for 90 more days, so it is left out."]);
    });

    it("keeps other enabled policy types, so that `pulumi up` does not disable them", () => {
        const result = orgFileFromLive(live({ enabledPolicyTypes: ["SERVICE_CONTROL_POLICY", "TAG_POLICY", "BACKUP_POLICY"] }));
        assert.deepStrictEqual(result.document.organization.enabledPolicyTypes, ["BACKUP_POLICY", "TAG_POLICY"]);
        assert.deepStrictEqual(result.notices, []);
    });

    it("warns about a policy type the org file cannot express", () => {
        const result = orgFileFromLive(live({ enabledPolicyTypes: ["SERVICE_CONTROL_POLICY", "FUTURE_POLICY"] }));
        assert.match(present(result.notices[0]), /`FUTURE_POLICY` enabled, which the org file cannot express yet; `pulumi up` would disable it/);
    });

    it("writes the program's own `Retired` OU and its deny-all SCP with their ids, and its accounts as `retired: true`", () => {
        const base = live();
        const file = tmpFile();
        const denyAll = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "DenyAllRetired", Effect: "Deny", Action: "*", Resource: "*" }] });
        const content = orgFileFromLive(
            live({
                policies: [...base.policies, { id: "p-retired1", name: RETIRED_SCP_NAME, description: "", content: denyAll, awsManaged: false }],
                organizationalUnits: [...base.organizationalUnits, { id: "ou-ab12-00000009", name: "Retired", path: "Retired", parentId: "r-ab12", parentPath: null, policyIds: [FULL_AWS_ACCESS_ID, "p-retired1"] }],
                accounts: [...base.accounts, { id: "444444444444", name: "old-shop", email: "old-shop@example.com", state: "ACTIVE", parentId: "ou-ab12-00000009", ouPath: "Retired", policyIds: [FULL_AWS_ACCESS_ID] }],
            }),
        );
        writeOrgFile(file, content);
        assert.deepStrictEqual([...present(content.document.policies).keys()], ["AllowS3", RETIRED_SCP_NAME, "DenyLeaveOrganization"]);
        const loaded = loadOrgFile(file);
        assert.deepStrictEqual(loaded.diagnostics, []);
        const model = modelOf(loaded);
        const retired = present(model.allOrganizationalUnits.find((ou) => ou.path === "Retired"));
        assert.deepStrictEqual([retired.id, retired.policies, retired.accounts.map((a) => [a.name, a.retired])], ["ou-ab12-00000009", ["FullAWSAccess", RETIRED_SCP_NAME], [["old-shop", true]]]);
        assert.strictEqual(model.policies.get(RETIRED_SCP_NAME)?.id, "p-retired1", "the deny-all SCP is adopted, not created again");
        assert.strictEqual(model.allOrganizationalUnits.filter((ou) => ou.name === "Retired").length, 1);
    });
});

describe("policy file names", () => {
    it("are the kebab-case SCP names", () => {
        assert.deepStrictEqual(
            ["DenyLeaveOrganization", "AllowHIPAAServices", "allow_s3 v2", "SCP-1", "Ünïcode", "!!!"].map(kebabCase),
            ["deny-leave-organization", "allow-hipaa-services", "allow-s3-v2", "scp-1", "n-code", ""],
        );
    });

    it("never collide: `-2`, `-3`... and `policy` for names without letters", () => {
        const names = policyFileNames(["DenyS3", "deny-s3", "Deny_S3", "!!!"].map((name, i) => ({ id: `p-${i}`, name, description: "", content: "{}", awsManaged: false })));
        assert.deepStrictEqual([...names.values()], ["policies/deny-s3.json", "policies/deny-s3-2.json", "policies/deny-s3-3.json", "policies/policy.json"]);
    });
});

describe("writeOrgFile", () => {
    it("refuses to overwrite the org file or a policy file without force, and writes nothing then", () => {
        const file = tmpFile();
        const content = orgFileFromLive(live());
        fs.mkdirSync(path.join(path.dirname(file), "policies"), { recursive: true });
        const existing = path.join(path.dirname(file), "policies", "allow-s3.json");
        fs.writeFileSync(existing, "{}");
        assert.deepStrictEqual(existingTargets(file, content), [existing]);
        assert.throws(() => writeOrgFile(file, content), (e: unknown) => e instanceof OrgFileExistsError && /Not overwriting `.*allow-s3.json`; pass --force/.test(e.message));
        assert.strictEqual(fs.existsSync(file), false);
        assert.strictEqual(fs.readFileSync(existing, "utf8"), "{}");
        writeOrgFile(file, content, true);
        assert.notStrictEqual(fs.readFileSync(existing, "utf8"), "{}");
    });

    // `import --force` wrote the files one by one: a failure half-way left old and new policy files mixed.
    it("with force, replaces every file or none: a place that cannot take a file leaves the old files as they were", () => {
        const file = tmpFile();
        const content = orgFileFromLive(live());
        const dir = path.dirname(file);
        fs.mkdirSync(path.join(dir, "policies", "deny-leave-organization.json"), { recursive: true });
        fs.writeFileSync(path.join(dir, "policies", "allow-s3.json"), "old allow-s3");
        fs.writeFileSync(file, "# old org file\n");
        assert.throws(() => writeOrgFile(file, content, true), /^Error: Cannot write `.*deny-leave-organization\.json`: it is a directory\. Move it away or choose another --out; nothing was written\.$/);
        assert.strictEqual(fs.readFileSync(path.join(dir, "policies", "allow-s3.json"), "utf8"), "old allow-s3");
        assert.strictEqual(fs.readFileSync(file, "utf8"), "# old org file\n");
        assert.deepStrictEqual(fs.readdirSync(dir).sort(), ["policies", "prod.yaml"], "no temporary folder is left behind");
    });

    it("writes every file through a temporary folder it removes", () => {
        const file = tmpFile();
        const written = writeOrgFile(file, orgFileFromLive(live()));
        assert.deepStrictEqual(written.map((f) => path.relative(path.dirname(file), f)), [path.basename(file), "policies/allow-s3.json", "policies/deny-leave-organization.json"]);
        assert.deepStrictEqual(fs.readdirSync(path.dirname(file)).sort(), ["policies", path.basename(file)]);
        assert.deepStrictEqual(loadOrgFile(file).diagnostics, []);
    });
});

describe("orgFileFromLive: policies of other types", () => {
    const TAG = '{"tags":{"owner":{"tag_key":{"@@assign":"owner"}}}}';
    const typed = () =>
        live({
            enabledPolicyTypes: ["SERVICE_CONTROL_POLICY", "TAG_POLICY", "RESOURCE_CONTROL_POLICY"],
            policies: [
                ...live().policies,
                { id: "p-RCPFullAWSAccess", type: "RESOURCE_CONTROL_POLICY", name: "RCPFullAWSAccess", description: "", content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}', awsManaged: true },
                { id: "p-tag00001", type: "TAG_POLICY", name: "Owner", description: "", content: TAG, awsManaged: false, tags: {} },
                { id: "p-tag00002", type: "TAG_POLICY", name: "AllowS3", description: "", content: TAG, awsManaged: false, tags: {} },
            ],
            organizationalUnits: [{ id: "ou-ab12-00000001", name: "Apps", path: "Apps", parentId: "r-ab12", parentPath: null, policyIds: ["p-allow001", "p-RCPFullAWSAccess", "p-tag00001", "p-tag00002"], tags: {} }],
        });

    it("writes their type, leaves RCPFullAWSAccess out, and lists them after the SCPs", () => {
        const result = orgFileFromLive(typed());
        const library = present(result.document.policies);
        assert.strictEqual(present(library.get("Owner")).type, "TAG");
        assert.strictEqual(present(library.get("DenyLeaveOrganization")).type, undefined, "an SCP names no type");
        assert.deepStrictEqual(result.document.organizationalUnits?.[0]?.policies, ["AllowS3", "Owner"]);
    });

    it("leaves out the second of two policies of different types with one name, saying so", () => {
        const result = orgFileFromLive(typed());
        assert.strictEqual(present(present(result.document.policies).get("AllowS3")).id, "p-allow001");
        assert.ok(result.notices.some((n) => /`p-allow001` \(SERVICE_CONTROL_POLICY\) and `p-tag00002` \(TAG_POLICY\) are both named `AllowS3`/.test(n)), result.notices.join("\n"));
    });
});
