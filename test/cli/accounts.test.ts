import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run as accountsCommand } from "../../src/cli/accounts";
import { npmRun, runInProcess } from "../support/runCommand";
import { present } from "../support/present";

const ROOT = path.resolve(__dirname, "..", "..");
const OUTPUTS = path.join(ROOT, "test", "fixtures", "registry", "dev-stack-outputs.json");
const PROFILE = /\[profile sandbox-pci-dev\]\nrole_arn = arn:aws:iam::432109876543:role\/OrganizationAccountAccessRole\nsource_profile = mgmt\n/;

const accounts = (...args: string[]) => runInProcess(accountsCommand, args);

describe("npm run accounts", () => {
    it("prints the registry of a stack's org file as one JSON document with --json", async () => {
        const r = await accounts("--stack", "prod", "--json");
        assert.strictEqual(r.status, 0, r.stderr);
        const doc = JSON.parse(r.stdout) as { accounts: Record<string, { id: string | null; switchRoleUrl: string | null }> };
        assert.strictEqual(doc.accounts["legacy-site"]?.id, "222222222222");
        assert.strictEqual(present(doc.accounts["website-dev"]).id, null);
    });

    it("turns a deployed stack's outputs into ~/.aws/config profiles", async () => {
        const r = await accounts("--from-outputs", OUTPUTS, "--format", "aws-config", "--source-profile", "mgmt");
        assert.strictEqual(r.status, 0, r.stderr);
        assert.match(r.stdout, PROFILE);
        assert.match(r.stdout, /no profile until `pulumi up`: sandbox-general-dev/);
    });

    it("reads the stack outputs from stdin with `--from-outputs -`, piped as in the docs (a real process)", async () => {
        const r = await npmRun("accounts", ["--from-outputs", "-", "--format", "aws-config", "--source-profile", "mgmt"], { stdin: fs.readFileSync(OUTPUTS, "utf8") });
        assert.strictEqual(r.status, 0, r.stderr);
        assert.match(r.stdout, PROFILE);
    });

    it("reports broken stack outputs at their position and exits with 1", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-accounts-"));
        after(() => fs.rmSync(dir, { recursive: true, force: true }));
        const file = path.join(dir, "outputs.json");
        const text = '{\n  "accounts": { "web": { "id": "12", "email": "w@example.com", "ouPath": null, "joined": "created", "roleName": "R" } }\n}\n';
        fs.writeFileSync(file, text);
        const r = await accounts("--from-outputs", file);
        assert.strictEqual(r.status, 1);
        assert.match(r.stderr, /outputs\.json:2:32: Account `web`: `id` must be a 12-digit account id or null, got `"12"`\. \[error\/outputs-invalid-account\]/);
        const json = await accounts("--from-outputs", file, "--json");
        assert.strictEqual(json.status, 1);
        assert.strictEqual((JSON.parse(json.stdout) as { errors: unknown[] }).errors.length, 2);
        const piped = await runInProcess(accountsCommand, ["--from-outputs", "-"], { stdin: text });
        assert.strictEqual(piped.status, 1);
        assert.match(piped.stderr, /^<stdin>:2:32: Account `web`: `id` must be a 12-digit account id/);
    });

    it("reads --from-outputs only if it is a regular file: a FIFO is refused at once, not waited on", async () => {
        const fifo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-outputs-")), "outputs.json");
        execFileSync("mkfifo", [fifo]);
        const r = await accounts("--from-outputs", fifo, "--json");
        assert.strictEqual(r.status, 1, r.stderr);
        const { errors } = JSON.parse(r.stdout) as { errors: { message: string }[] };
        assert.match(errors[0]?.message ?? "", /Stack outputs file `.*outputs\.json` is a named pipe \(FIFO\), not a regular file/);
    });

    it("rejects an unknown format with the list of formats, exit status 64", async () => {
        const r = await accounts("--format", "yaml");
        assert.strictEqual(r.status, 64);
        assert.match(r.stderr, /Unknown format `yaml`; expected one of `table`, `csv`, `markdown`, `json`, `aws-config`, `extend-switch-roles`\./);
        assert.strictEqual(r.stdout, "");
    });

    it("suggests the option meant by a misspelt one", async () => {
        const r = await accounts("--source-profil", "mgmt");
        assert.strictEqual(r.status, 64);
        assert.match(r.stderr, /^Unknown option `--source-profil`\. Did you mean `--source-profile`\?\n\nUsage: npm run accounts/);
    });

    it("prints its usage with --help, exit 0", async () => {
        const r = await accounts("--help");
        assert.strictEqual(r.status, 0);
        assert.match(r.stdout, /^Usage: npm run accounts -- /);
        assert.match(r.stdout, /\nExit status: 0 listed, 1 invalid org file or stack outputs, 64 bad arguments, 70 unexpected error/);
    });
});
