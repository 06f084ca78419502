import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run as planCommand } from "../../src/cli/plan";
import { npmRun, runInProcess } from "../support/runCommand";
import { writeOrgFiles } from "../support/orgFiles";
import { present } from "../support/present";

const runPlan = (...args: string[]) => runInProcess(planCommand, args);

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
