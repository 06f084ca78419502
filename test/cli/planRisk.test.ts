import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run as planCommand } from "../../src/cli/plan";
import { runInProcess } from "../support/runCommand";

const runPlan = (...args: string[]) => runInProcess(planCommand, args);
const FIXTURE = path.resolve(__dirname, "../fixtures/change-review");
const PACK_CONFIG = path.resolve(__dirname, "../../policypacks/aws-org-guardrails/config.json");

interface Violation {
    policy: string;
    enforcementLevel: string;
    resource: string | null;
    message: string;
}

/** A git repository whose first commit holds `before` (the fixture's file, changed by `edit`), then the working file `after`. */
function review(editBefore: (text: string) => string, editAfter: (text: string) => string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-risk-"));
    fs.cpSync(path.join(FIXTURE, "policies"), path.join(dir, "config", "policies"), { recursive: true });
    const file = path.join(dir, "config", "org.yaml");
    const original = fs.readFileSync(path.join(FIXTURE, "org.yaml"), "utf8");
    fs.writeFileSync(file, editBefore(original));
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
    git("init", "-q");
    git("add", "-A");
    git("-c", "user.email=review@example.com", "-c", "user.name=review", "commit", "-qm", "before");
    fs.writeFileSync(file, editAfter(editBefore(original)));
    return file;
}

async function violations(file: string, ...extra: string[]): Promise<{ status: number | null; found: string[] }> {
    const run = await runPlan("--file", file, "--base", "HEAD", "--json", ...extra);
    const doc = JSON.parse(run.stdout) as { violations: Violation[] };
    return { status: run.status, found: doc.violations.filter((v) => v.policy.startsWith("changes-")).map((v) => `${v.policy} ${v.resource ?? ""}`) };
}

const same = (text: string) => text;
const LAB = "      - { name: lab, email: aws+lab@healthco.example }\n";

describe("npm run plan: guardrails over the change (exit 2 when a mandatory one fails)", function () {
    this.timeout(120_000);

    it("a new email replaces a protected account: refused twice, and `allowReplacement` answers only one of them", async () => {
        const email = (text: string) => text.replace("aws+lab@healthco.example", "aws+lab2@healthco.example");
        assert.deepStrictEqual(await violations(review(same, email)), { status: 2, found: ["changes-no-replacement lab", "changes-no-protected-delete lab"] });
        const allowed = (text: string) => email(text).replace("{ name: lab, email", "{ name: lab, allowReplacement: true, email");
        assert.deepStrictEqual(await violations(review(same, allowed)), { status: 2, found: ["changes-no-protected-delete lab"] });
    });

    it("an account removed from the file is refused, with the way to retire it; removed after its retirement, it passes", async () => {
        const run = await runPlan("--file", review(same, (text) => text.replace(`    accounts:\n${LAB}`, "    accounts: []\n")), "--base", "HEAD", "--json");
        const doc = JSON.parse(run.stdout) as { violations: Violation[] };
        assert.strictEqual(run.status, 2);
        assert.match(doc.violations.find((v) => v.policy === "changes-no-replacement")?.message ?? "", /Account `lab` would be deleted.*Retire it first \(`retired: true`\)/);
        assert.ok(doc.violations.some((v) => v.policy === "changes-no-protected-delete"), "a protected account cannot be deleted");
        const retired = (text: string) => text.replace(LAB, LAB.replace(" }", ", retired: true }"));
        const gone = (text: string) => text.replace(`    accounts:\n${LAB.replace(" }", ", retired: true }")}`, "    accounts: []\n");
        assert.deepStrictEqual(await violations(review(retired, gone)), { status: 0, found: [] });
    });

    it("an OU the file lists in `removed` may go; one it does not is refused", async () => {
        const withoutSandbox = (text: string) => text.replace("  - name: Sandbox\n    accounts:\n" + LAB, "").replace("      - { name: shop, email: aws+shop@healthco.example }\n", "      - { name: shop, email: aws+shop@healthco.example }\n" + LAB);
        assert.deepStrictEqual(await violations(review(same, withoutSandbox)), { status: 2, found: ["changes-no-replacement Sandbox"] });
        assert.deepStrictEqual(await violations(review(same, (text) => `${withoutSandbox(text)}removed:\n  organizationalUnits: [Sandbox]\n`)), { status: 0, found: [] });
    });

    it("an SCP change that takes an essential action from an account is refused", async () => {
        const dir = path.dirname(review(same, same));
        const file = path.join(dir, "org.yaml");
        fs.writeFileSync(path.join(dir, "policies", "allow-s3.json"), JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:*"], Resource: "*" }] }));
        const run = await runPlan("--file", file, "--base", "HEAD", "--json");
        const doc = JSON.parse(run.stdout) as { violations: Violation[] };
        assert.strictEqual(run.status, 2);
        const lost = doc.violations.find((v) => v.policy === "changes-keep-essential-access");
        assert.strictEqual(lost?.resource, "shop");
        assert.match(lost.message, /would lose the essential actions `sts:AssumeRole` \(us-east-1\), `iam:GetRole`/);
    });

    it("each is configurable: a team that relaxes one knowingly gets exit 0", async () => {
        const config = JSON.parse(fs.readFileSync(PACK_CONFIG, "utf8")) as Record<string, unknown>;
        const relaxed = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-config-")), "config.json");
        fs.writeFileSync(relaxed, JSON.stringify({ ...config, "changes-no-replacement": { enforcementLevel: "advisory", kinds: ["organization"] }, "changes-no-protected-delete": { enforcementLevel: "advisory" } }));
        const email = review(same, (text) => text.replace("aws+lab@healthco.example", "aws+lab2@healthco.example"));
        const run = await runPlan("--file", email, "--base", "HEAD", "--json", "--policy-config", relaxed);
        assert.strictEqual(run.status, 0, run.stderr);
        const doc = JSON.parse(run.stdout) as { violations: Violation[] };
        // The change guardrails only, as `violations` reads them: the file's own findings (root access advice) are not the subject.
        assert.deepStrictEqual(doc.violations.filter((v) => v.policy.startsWith("changes-")).map((v) => `${v.policy} ${v.enforcementLevel}`), ["changes-no-protected-delete advisory"]);
    });
});

describe("npm run plan --format markdown: the pull-request comment", function () {
    this.timeout(120_000);

    it("leads with the summary and the verdict, the dangerous changes first, the impact and every change collapsed", async () => {
        const file = review(same, (text) => text.replace("aws+lab@healthco.example", "aws+lab2@healthco.example"));
        const run = await runPlan("--file", file, "--base", "HEAD", "--format", "markdown");
        assert.strictEqual(run.status, 2, run.stderr);
        const lines = run.stdout.split("\n");
        assert.strictEqual(lines[0], "<!-- aws-org-change-review -->", "the marker the workflow finds its comment by");
        assert.match(run.stdout, /^\*\*± 1 to replace, \d+ unchanged\*\*$/m);
        assert.match(run.stdout, /^\*\*Guardrails: 2 mandatory violations\*\*: this change must not be applied as it is\.$/m);
        const dangerous = lines.indexOf("#### Dangerous changes");
        assert.ok(dangerous > 0 && dangerous < lines.findIndex((l) => l.startsWith("<details><summary>Every change")));
        assert.match(run.stdout, /^\| ± replace \| `lab` \| account \| `email`: AWS cannot change an account's email from the organization: a new account \|$/m);
        assert.match(run.stdout, /^Permission impact: no account's SCPs change\.$/m);
        assert.match(run.stdout, /^- \*\*mandatory\*\* `changes-no-replacement` \(`lab`\): Account `lab` would be replaced/m);
    });

    it("names the line that keeps a renamed account in place", async () => {
        const file = review(same, (text) => text.replace("{ name: lab, email", "{ name: lab-two, email"));
        const run = await runPlan("--file", file, "--base", "HEAD", "--format", "markdown");
        assert.match(run.stdout, /^- Account `lab-two` looks like `lab` renamed: Pulumi would create a new account and delete the old one\. Add `previousNames: \[lab\]` to it to keep it in place\.$/m);
    });

    it("refuses an unknown format, and --json with --format", async () => {
        const file = path.join(FIXTURE, "org.yaml");
        assert.strictEqual((await runPlan("--file", file, "--format", "html")).status, 64);
        assert.strictEqual((await runPlan("--file", file, "--format", "markdown", "--json")).status, 64);
    });
});
