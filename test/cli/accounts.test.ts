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
        assert.match(r.stdout, /\nExit status: 0 listed or merged, 1 invalid org file or stack outputs \(or --merge FILE defines the block's profiles outside it\), 73 cannot write --merge FILE, 64 bad arguments, 70 unexpected error/);
    });
});

describe("npm run accounts --merge", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-merge-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const merge = (file: string, ...extra: string[]) => accounts("--from-outputs", OUTPUTS, "--format", "aws-config", "--source-profile", "mgmt", "--merge", file, ...extra);
    const headers = (text: string) => text.split("\n").filter((l) => l.startsWith("["));

    it("adds the profiles in a marked block after what the file had, and a second run changes nothing", async () => {
        const file = path.join(dir, "config");
        fs.writeFileSync(file, "[default]\nregion = us-east-1\n", { mode: 0o600 });
        const first = await merge(file);
        assert.strictEqual(first.status, 0, first.stderr);
        assert.strictEqual(first.stdout, "");
        assert.match(first.stderr, /^Added 3 profiles in the block `npm run accounts \(aws-org\)` of .*config\.\n$/);
        const written = fs.readFileSync(file, "utf8");
        assert.ok(written.startsWith("[default]\nregion = us-east-1\n\n# >>> npm run accounts (aws-org): kept up to date by --merge; edits between these lines are replaced\n"), written);
        assert.match(written, PROFILE);
        assert.ok(written.endsWith("# <<< npm run accounts (aws-org)\n"));
        assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600, "the file keeps its permissions");
        const second = await merge(file);
        assert.strictEqual(second.status, 0, second.stderr);
        assert.match(second.stderr, /is up to date: 3 profiles/);
        assert.strictEqual(fs.readFileSync(file, "utf8"), written);
        assert.deepStrictEqual(headers(written), ["[default]", "[profile sandbox-hipaa-dev]", "[profile sandbox-hipaa-pci-dev]", "[profile sandbox-pci-dev]"]);
    });

    it("replaces the block in place when the accounts change, keeping what is before and after it", async () => {
        const file = path.join(dir, "config-replace");
        fs.writeFileSync(file, "[default]\nregion = us-east-1\n");
        assert.strictEqual((await merge(file)).status, 0);
        fs.appendFileSync(file, "\n[profile mine]\nregion = eu-west-1\n");
        const outputs = JSON.parse(fs.readFileSync(OUTPUTS, "utf8")) as Record<string, unknown>;
        const changed = path.join(dir, "outputs.json");
        fs.writeFileSync(changed, JSON.stringify(outputs).replace(/432109876543/g, "499999999999"));
        const r = await accounts("--from-outputs", changed, "--format", "aws-config", "--source-profile", "mgmt", "--merge", file);
        assert.strictEqual(r.status, 0, r.stderr);
        assert.match(r.stderr, /^Updated 3 profiles/);
        const text = fs.readFileSync(file, "utf8");
        assert.match(text, /role_arn = arn:aws:iam::499999999999:role\/OrganizationAccountAccessRole/);
        assert.doesNotMatch(text, /432109876543/);
        assert.deepStrictEqual(headers(text), ["[default]", "[profile sandbox-hipaa-dev]", "[profile sandbox-hipaa-pci-dev]", "[profile sandbox-pci-dev]", "[profile mine]"]);
    });

    it("creates a missing file, and names the block after the stack so that two organizations keep two blocks", async () => {
        const file = path.join(dir, "fresh");
        const r = await accounts("--stack", "dev", "--format", "aws-config", "--merge", file);
        assert.strictEqual(r.status, 0, r.stderr);
        const text = fs.readFileSync(file, "utf8");
        assert.ok(text.startsWith("# >>> npm run accounts (dev): "), text);
        assert.strictEqual((await merge(file)).status, 0);
        const both = fs.readFileSync(file, "utf8");
        assert.ok(both.includes("# <<< npm run accounts (dev)\n") && both.includes("# <<< npm run accounts (aws-org)\n"));
    });

    it("refuses, writing nothing, when the file defines a profile of the block outside it (an earlier `>>`), naming the line", async () => {
        const file = path.join(dir, "appended");
        const appended = (await accounts("--from-outputs", OUTPUTS, "--format", "aws-config", "--source-profile", "mgmt")).stdout;
        fs.writeFileSync(file, `[default]\n${appended}`);
        const before = fs.readFileSync(file, "utf8");
        const r = await merge(file);
        assert.strictEqual(r.status, 1);
        assert.match(r.stderr, /^Nothing was written: .*appended already defines `\[profile sandbox-hipaa-dev\]` at line 4, `\[profile sandbox-hipaa-pci-dev\]` at line 8, `\[profile sandbox-pci-dev\]` at line 12, outside the block this command maintains \(left by an earlier `>>`\?\)\. A second definition makes the AWS CLI reject the file: remove those sections, then run the command again\.\n$/);
        assert.strictEqual(fs.readFileSync(file, "utf8"), before);
        assert.deepStrictEqual(fs.readdirSync(dir).filter((f) => f.includes(".aws-org-")), [], "no temporary file left behind");
    });

    it("refuses a block with one marker only, another format, --json, and an unwritable file (73)", async () => {
        const file = path.join(dir, "half");
        fs.writeFileSync(file, "# >>> npm run accounts (aws-org): kept up to date by --merge; edits between these lines are replaced\n[profile x]\n");
        const half = await merge(file);
        assert.strictEqual(half.status, 1);
        assert.match(half.stderr, /has the line `# >>> npm run accounts \(aws-org\): [^`]*` without its pair/);
        const csv = await accounts("--stack", "prod", "--format", "csv", "--merge", file);
        assert.strictEqual(csv.status, 64);
        assert.match(csv.stderr, /^--merge writes AWS CLI profiles; it goes with `--format aws-config`, not `--format csv`\./);
        assert.strictEqual((await accounts("--stack", "prod", "--json", "--merge", file)).status, 64);
        const missing = await merge(path.join(dir, "no-such-dir", "config"));
        assert.strictEqual(missing.status, 73);
        assert.match(missing.stderr, /^Cannot write `--merge .*config`: no such file or directory \(ENOENT\)\./);
    });
});
