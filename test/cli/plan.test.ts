import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run as planCommand } from "../../src/cli/plan";
import { npmRun, runInProcess } from "../support/runCommand";
import { writeOrgFiles } from "../support/orgFiles";
import { present } from "../support/present";

const runPlan = (...args: string[]) => runInProcess(planCommand, args);
const PROJECT = path.resolve(__dirname, "../..");

interface PlanJson {
    resources: Array<{ type: string; name: string; parent: string | null; inputs: Record<string, unknown>; options: { protect: boolean; import?: string; dependsOn: string[] } }>;
    violations: Array<{ policy: string; enforcementLevel: string; resource: string | null; message: string }>;
    warnings: Array<{ file: string; line: number; column: number; message: string }>;
}

describe("npm run plan", function () {
    this.timeout(120_000);

    it("prints the dev stack's plan as a tree and exits 0", async () => {
        const run = await runPlan();
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout, /└─ root {2}SCPs: FullAWSAccess, DenyLeaveOrganization \(exact set\)/);
        assert.match(run.stdout, /OU HIPAA\/PCI {2}create {2}SCPs: AllowPciServices \(exact set; FullAWSAccess detached\)/);
        assert.match(run.stdout, /account sandbox-hipaa-pci-dev {2}create/);
        assert.match(run.stdout, /Guardrails: no violations\./);
    });

    it("prints the prod stack as JSON through a pipe: resources with inputs and options, no violation (a real process)", async () => {
        const run = await npmRun("plan", ["--stack", "prod", "--json"]);
        assert.strictEqual(run.status, 0, run.stderr);
        const plan = JSON.parse(run.stdout) as PlanJson;
        const org = present(plan.resources.find((r) => r.type === "aws:organizations/organization:Organization"));
        assert.strictEqual(org.options.protect, true);
        assert.strictEqual(org.parent, "aws-org");
        const root = present(plan.resources.find((r) => r.name === "root"));
        assert.deepStrictEqual(root.inputs.policyNames, ["FullAWSAccess", "DenyLeaveOrganization", "DenyRootUser"]);
        assert.ok(!("__provider" in root.inputs), "serialized provider code is not part of the plan");
        const legacy = present(plan.resources.find((r) => r.type === "aws:organizations/account:Account" && r.name === "legacy-site"));
        assert.strictEqual(legacy.options.import, "222222222222");
        assert.match(String(present(plan.resources.find((r) => r.name === "patient-payments-prod" && r.type.startsWith("aws:"))).inputs.parentId), /^ou-/);
        assert.deepStrictEqual(plan.violations, []);
        assert.deepStrictEqual(plan.warnings, []);
    });

    it("exits 1 with file:line:column when the root loses FullAWSAccess, and registers nothing", async () => {
        const file = writeOrgFiles("policies:\n  DenyLeave: { file: policies/deny-leave.json }\nroot:\n  policies: [DenyLeave]\n");
        const text = await runPlan("--file", file);
        assert.strictEqual(text.status, 1);
        assert.match(text.stderr, /org\.yaml:4:13: `root\.policies` must contain `FullAWSAccess`/);
        assert.strictEqual(text.stdout, "");
        const json = await runPlan("--file", file, "--json");
        assert.strictEqual(json.status, 1);
        const { errors } = JSON.parse(json.stdout) as { errors: Array<{ file: string; line: number; column: number; message: string }> };
        assert.deepStrictEqual(errors.map((e) => [path.basename(e.file), e.line, e.column]), [["org.yaml", 4, 13]]);
    });

    it("exits 2 naming the account when a policy config allows only example.com emails", async () => {
        const file = writeOrgFiles("accounts:\n  - { name: good, email: good@example.com }\n  - { name: outsider, email: someone@elsewhere.org }\n");
        const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-policy-")), "config.json");
        fs.writeFileSync(config, JSON.stringify({ "account-email-domains": { allowedDomains: ["example.com"] } }));
        const run = await runPlan("--file", file, "--policy-config", config, "--json");
        assert.strictEqual(run.status, 2, run.stderr);
        const plan = JSON.parse(run.stdout) as PlanJson;
        const found = plan.violations.filter((v) => v.policy === "account-email-domains");
        assert.deepStrictEqual(found.map((v) => [v.resource, v.enforcementLevel]), [["outsider", "mandatory"]]);
        assert.match(present(found[0]).message, /elsewhere\.org/);
    });

    it("reads the pack's config.json by default, the file CI's previews get: an email outside its domains fails", async () => {
        const file = writeOrgFiles("accounts:\n  - { name: outsider, email: someone@elsewhere.org }\n");
        const run = await runPlan("--file", file, "--json");
        assert.strictEqual(run.status, 2, run.stderr);
        const found = (JSON.parse(run.stdout) as PlanJson).violations.filter((v) => v.policy === "account-email-domains");
        assert.deepStrictEqual(found.map((v) => v.resource), ["outsider"]);
        assert.match(present(found[0], "the violation").message, /outside the allowed domains `healthco\.example`/);
        const other = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-policy-")), "config.json");
        fs.writeFileSync(other, JSON.stringify({ "account-email-domains": { allowedDomains: ["elsewhere.org"] } }));
        assert.strictEqual((await runPlan("--file", file, "--policy-config", other)).status, 0);
    });

    it("exits 1 at the config's position for an essential action the IAM catalogue does not have", async () => {
        const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-policy-")), "config.json");
        fs.writeFileSync(config, '{\n  "accounts-keep-access": {\n    "essentialActions": ["sts:AssumeRole", "iam:GetRol"]\n  }\n}\n');
        const run = await runPlan("--policy-config", config);
        assert.strictEqual(run.status, 1);
        assert.match(run.stderr, /config\.json:3:44: Policy `accounts-keep-access`: `iam:GetRol` in `essentialActions` is not an IAM action, so no request carries it and its check always passes\. Did you mean `iam:GetRole`\? \[error\/policy-config-unknown-action\]/);
        assert.strictEqual(run.stdout, "");
    });

    it("exits 2 naming every account a deny-all SCP on the root locks out, though the root keeps FullAWSAccess", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-lockout-"));
        fs.cpSync(path.join(PROJECT, "config", "policies"), path.join(dir, "policies"), { recursive: true });
        const dev = fs.readFileSync(path.join(PROJECT, "config", "dev.yaml"), "utf8");
        const edited = dev.replace("policies: [FullAWSAccess, DenyLeaveOrganization]", "policies: [FullAWSAccess, DenyLeaveOrganization, DenyAllRetired]");
        assert.notStrictEqual(edited, dev);
        const file = path.join(dir, "dev.yaml");
        fs.writeFileSync(file, edited);
        const run = await runPlan("--file", file, "--json");
        assert.strictEqual(run.status, 2, run.stderr);
        const { violations } = JSON.parse(run.stdout) as PlanJson;
        assert.deepStrictEqual(violations.map((v) => [v.policy, v.enforcementLevel, v.resource]), [["accounts-keep-access", "mandatory", "root"]]);
        const [lockout] = violations;
        for (const account of ["sandbox-hipaa-dev", "sandbox-hipaa-pci-dev", "sandbox-pci-dev", "sandbox-general-dev"]) assert.match(present(lockout, "the violation").message, new RegExp(`\`${account}\``));
        assert.match(present(lockout, "the violation").message, /`sts:AssumeRole`.* in us-east-1: SCP `DenyAllRetired` \(statement `DenyAllRetired`\) at the root denies them/);
    });

    it("exits 1 at the policy file's positions, with suggestions, for a misspelled condition key and Region", async () => {
        const denyRegions = (key: string, region: string) =>
            `{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Deny",\n    "NotAction": ["iam:*", "sts:*"],\n    "Resource": "*",\n` +
            `    "Condition": { "StringNotEquals": { "${key}": ["${region}", "us-east-1"] } }\n  }]\n}\n`;
        const org = "policies:\n  DenyRegions: { file: policies/deny-regions.json }\nroot:\n  policies: [FullAWSAccess, DenyRegions]\n";
        const key = await runPlan("--file", writeOrgFiles(org, { "policies/deny-regions.json": denyRegions("aws:RequestedRegoin", "eu-west-1") }));
        assert.strictEqual(key.status, 1);
        assert.match(key.stderr, /policies\/deny-regions\.json:7:41: SCP `DenyRegions`: Unknown condition key `aws:RequestedRegoin`: .* Did you mean `aws:RequestedRegion`\? \[error\/scp-unknown-condition-key\]/);
        const region = await runPlan("--file", writeOrgFiles(org, { "policies/deny-regions.json": denyRegions("aws:RequestedRegion", "eu-wst-1") }));
        assert.strictEqual(region.status, 1);
        assert.match(region.stderr, /policies\/deny-regions\.json:7:65: SCP `DenyRegions`: `eu-wst-1` is not an AWS Region, so it never matches\. Did you mean `eu-west-1`\? \[error\/scp-unknown-region\]/);
        assert.strictEqual(region.stdout, "");
    });

    it("reports an error in a policy's first statement and an unknown action in its second, both", async () => {
        const policy = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:*", "Resource": 42 },\n    { "Effect": "Deny", "Action": "s3:GetObjekt", "Resource": "*" }\n  ]\n}\n';
        const file = writeOrgFiles("policies:\n  Scp: { file: policies/scp.json }\nroot:\n  policies: [FullAWSAccess, Scp]\n", { "policies/scp.json": policy });
        const run = await runPlan("--file", file, "--json");
        assert.strictEqual(run.status, 1);
        const { errors } = JSON.parse(run.stdout) as { errors: Array<{ line: number; column: number; message: string }> };
        assert.deepStrictEqual(errors.map((e) => [e.line, e.column]), [[4, 56], [5, 35]]);
        assert.match(present(errors[0], "the first error").message, /Statement 0: `Resource` must be a string or a non-empty list of strings/);
        assert.match(present(errors[1], "the second error").message, /Unknown action `s3:GetObjekt`.*Did you mean `s3:GetObject`\?/);
    });

    it("refuses limits above AWS's, which AWS does not raise, before the guardrails run with them", async () => {
        const names = Array.from({ length: 11 }, (_, i) => `Deny${i}`);
        const file = writeOrgFiles(
            `organization: { limits: { scpsPerTarget: 12 } }\npolicies:\n${names.map((n) => `  ${n}: { file: policies/deny-leave.json }`).join("\n")}\n` +
                `root:\n  policies: [FullAWSAccess, ${names.join(", ")}]\n`,
        );
        const run = await runPlan("--file", file, "--json");
        assert.strictEqual(run.status, 1, run.stdout);
        const errors = (JSON.parse(run.stdout) as { errors: { line: number; column: number; message: string }[] }).errors;
        assert.deepStrictEqual(errors.map((e) => [e.line, e.column]), [[1, 42], [15, 13]]);
        assert.match(errors[1]?.message ?? "", /lists 12 SCPs; AWS allows at most 10/);
        assert.match(errors[0]?.message ?? "", /`limits.scpsPerTarget` is 12, above AWS's limit of 10/);
    });

    it("refuses a policy config that loosens AWS's fixed limits, or sets a key twice, at its line and column", async () => {
        const file = writeOrgFiles("organization: {}\nroot: {}\n");
        const config = path.join(path.dirname(file), "policy-config.json");
        fs.writeFileSync(config, '{\n  "scp-attachment-limit": { "maxPerTarget": 12 },\n  "ou-depth-limit": "advisory",\n  "ou-depth-limit": "disabled"\n}\n');
        const run = await runPlan("--file", file, "--policy-config", config, "--json");
        assert.strictEqual(run.status, 1, run.stderr);
        const errors = (JSON.parse(run.stdout) as { errors: { file: string; line: number; column: number; message: string }[] }).errors;
        assert.deepStrictEqual(errors.map((e) => [path.basename(e.file), e.line, e.column]), [["policy-config.json", 4, 3]]);
        assert.match(errors[0]?.message ?? "", /`ou-depth-limit` is set twice in this object of the policy pack config; keep one/);

        fs.writeFileSync(config, '{\n  "scp-attachment-limit": { "maxPerTarget": 12 }\n}\n');
        const capped = await runPlan("--file", file, "--policy-config", config, "--json");
        assert.strictEqual(capped.status, 1, capped.stderr);
        const [error] = (JSON.parse(capped.stdout) as { errors: { line: number; column: number; message: string }[] }).errors;
        assert.deepStrictEqual([error?.line, error?.column], [2, 29]);
        assert.match(error?.message ?? "", /`maxPerTarget` must be at most 10/);
    });

    it("reads a policy config only if it is a regular file: a folder is a diagnostic, not a crash", async () => {
        const file = writeOrgFiles("organization: {}\nroot: {}\n");
        const run = await runPlan("--file", file, "--policy-config", path.dirname(file), "--json");
        assert.strictEqual(run.status, 1, run.stderr);
        const [error] = (JSON.parse(run.stdout) as { errors: { message: string }[] }).errors;
        assert.match(error?.message ?? "", /Policy pack config `.*` is a directory/);
    });

    it("exits 64 on an unknown flag, with the usage", async () => {
        const run = await runPlan("--frobnicate");
        assert.strictEqual(run.status, 64);
        assert.match(run.stderr, /Usage: npm run plan/);
    });

    it("suggests the option meant by a misspelt one, and prints nothing on stdout", async () => {
        const run = await runPlan("--stak", "prod");
        assert.strictEqual(run.status, 64);
        assert.match(run.stderr, /^Unknown option `--stak`\. Did you mean `--stack`\?\n\nUsage: npm run plan/);
        assert.strictEqual(run.stdout, "");
    });

    it("says that npm passes options on only after `--`, when it gets a bare argument", async () => {
        const run = await runPlan("prod");
        assert.strictEqual(run.status, 64);
        assert.match(run.stderr, /^Unexpected argument `prod`: the command takes options only, and npm passes them on after a lone `--`, as in `npm run plan -- --option value`\./);
    });

    it("prints its usage and exit statuses with --help, exit 0, and plans nothing", async () => {
        const run = await runPlan("--help", "--stack", "prod");
        assert.strictEqual(run.status, 0);
        assert.match(run.stdout, /^Usage: npm run plan -- \[--stack NAME \| --file PATH\]/);
        assert.match(run.stdout, /\n {2}--debug {7}on an unexpected error, print its stack trace\n/);
        assert.match(run.stdout, /\nExit status: 0 valid, 1 invalid org file \(or policy config\), 2 a mandatory guardrail is violated, 64 bad arguments, 70 unexpected error \(--debug prints where\)\.\n$/);
        assert.strictEqual(run.stderr, "");
    });
});
