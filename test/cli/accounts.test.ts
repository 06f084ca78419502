import * as assert from "assert";
import { npmRun } from "../support/runCommand";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const OUTPUTS = path.join(ROOT, "test", "fixtures", "registry", "dev-stack-outputs.json");

const accounts = (...args: string[]) => npmRun("accounts", args);

describe("npm run accounts", () => {
    it("prints the registry of a stack's org file as one JSON document with --json", () => {
        const r = accounts("--stack", "prod", "--json");
        assert.strictEqual(r.status, 0, r.stderr);
        const doc = JSON.parse(r.stdout) as { accounts: Record<string, { id: string | null; switchRoleUrl: string | null }> };
        assert.strictEqual(doc.accounts["legacy-site"].id, "222222222222");
        assert.strictEqual(doc.accounts["website-dev"].id, null);
    });

    it("turns a deployed stack's outputs into ~/.aws/config profiles", () => {
        const r = accounts("--from-outputs", OUTPUTS, "--format", "aws-config", "--source-profile", "mgmt");
        assert.strictEqual(r.status, 0, r.stderr);
        assert.match(r.stdout, /\[profile sandbox-pci-dev\]\nrole_arn = arn:aws:iam::432109876543:role\/OrganizationAccountAccessRole\nsource_profile = mgmt\n/);
        assert.match(r.stdout, /no profile until `pulumi up`: sandbox-general-dev/);
    });

    it("reports broken stack outputs at their position and exits with 1", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-accounts-"));
        after(() => fs.rmSync(dir, { recursive: true, force: true }));
        const file = path.join(dir, "outputs.json");
        fs.writeFileSync(file, '{\n  "accounts": { "web": { "id": "12", "email": "w@example.com", "ouPath": null, "joined": "created", "roleName": "R" } }\n}\n');
        const r = accounts("--from-outputs", file);
        assert.strictEqual(r.status, 1);
        assert.match(r.stderr, /outputs\.json:2:32: Account `web`: `id` must be a 12-digit account id or null, got `"12"`\. \[error\/outputs-invalid-account\]/);
        const json = accounts("--from-outputs", file, "--json");
        assert.strictEqual(json.status, 1);
        assert.strictEqual((JSON.parse(json.stdout) as { errors: unknown[] }).errors.length, 2);
    });

    it("rejects an unknown format with the list of formats, exit status 64", () => {
        const r = accounts("--format", "yaml");
        assert.strictEqual(r.status, 64);
        assert.match(r.stderr, /Unknown format `yaml`; expected one of `table`, `csv`, `markdown`, `json`, `aws-config`, `extend-switch-roles`\./);
        assert.strictEqual(r.stdout, "");
    });
});
