import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run as planCommand } from "../../src/cli/plan";
import { runInProcess } from "../support/runCommand";
import { present } from "../support/present";

const runPlan = (...args: string[]) => runInProcess(planCommand, args);
const FIXTURE = path.resolve(__dirname, "../fixtures/change-review");
const STATE = path.join(FIXTURE, "stack-export.json");

interface Change {
    urn: string;
    type: string;
    name: string;
    op: string;
    diffs: { property: string; old: unknown; new: unknown; replaces: boolean }[];
}

/** A git repository holding the fixture's org file as its first commit, for `--base`. */
function repositoryWithFixture(): { dir: string; file: string; commit: (message: string) => void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-review-"));
    fs.cpSync(path.join(FIXTURE, "org.yaml"), path.join(dir, "config", "org.yaml"), { recursive: true });
    fs.cpSync(path.join(FIXTURE, "policies"), path.join(dir, "config", "policies"), { recursive: true });
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
    git("init", "-q");
    const commit = (message: string) => {
        git("add", "-A");
        git("-c", "user.email=review@example.com", "-c", "user.name=review", "commit", "-qm", message);
    };
    commit("the deployed file");
    return { dir, file: path.join(dir, "config", "org.yaml"), commit };
}

/** The fixture's file, changed: `shop` renamed (with its previous name), `lab` moved to Apps, the SCP narrowed. */
function changeFixture(file: string): void {
    const text = fs.readFileSync(file, "utf8")
        .replace("{ name: shop, email", "{ name: web-shop, previousNames: [shop], email")
        .replace("    accounts:\n      - { name: lab, email: aws+lab@healthco.example }\n", "    accounts: []\n")
        .replace("      - { name: web-shop", "      - { name: lab, email: aws+lab@healthco.example }\n      - { name: web-shop");
    fs.writeFileSync(file, text);
    fs.writeFileSync(path.join(path.dirname(file), "policies", "allow-s3.json"), JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:*", "iam:*", "sts:AssumeRole"], Resource: "*" }] }));
}

const summary = (changes: readonly Change[]) => changes.map((c) => `${c.op} ${c.name} [${c.type}] ${c.diffs.map((d) => `${d.property}${d.replaces ? "!" : ""}`).join(",")}`.trim()).sort();

describe("npm run plan: the change review", function () {
    this.timeout(120_000);

    it("--state: a stack export of the file as it is deployed shows no change, with its real ids and secrets", async () => {
        const run = await runPlan("--file", path.join(FIXTURE, "org.yaml"), "--state", STATE, "--json");
        assert.strictEqual(run.status, 0, run.stderr);
        const doc = JSON.parse(run.stdout) as { changes: Change[]; impactByService: unknown[] };
        assert.deepStrictEqual(doc.changes, []);
        assert.deepStrictEqual(doc.impactByService, []);
    });

    it("--base: a renamed account with its previous name is one in-place update of its name; the text shows it", async () => {
        const repo = repositoryWithFixture();
        fs.writeFileSync(repo.file, fs.readFileSync(repo.file, "utf8").replace("{ name: shop, email", "{ name: web-shop, previousNames: [shop], email"));
        const json = await runPlan("--file", repo.file, "--base", "HEAD", "--json");
        assert.strictEqual(json.status, 0, json.stderr);
        const changes = (JSON.parse(json.stdout) as { changes: Change[] }).changes;
        assert.deepStrictEqual(summary(changes), ["update web-shop [aws:organizations/account:Account] name"]);
        assert.deepStrictEqual(present(changes[0]).diffs, [{ property: "name", old: "shop", new: "web-shop", replaces: false }]);
        assert.match(present(changes[0]).urn, /^urn:pulumi:dev::aws-org::aws-org:index:Organization\$aws-org:account:Account\$aws:organizations\/account:Account::web-shop$/);
        const text = await runPlan("--file", repo.file, "--base", "HEAD");
        assert.match(text.stdout, /^Change review for .* against HEAD: ~ 1 to update, \d+ unchanged/m);
        assert.match(text.stdout, /^~ .*account web-shop {2}update/m);
        assert.match(text.stdout, /~ name: "shop" → "web-shop"$/m);
    });

    it("a stack export and a git base give the same changes for the same deployed file", async () => {
        const repo = repositoryWithFixture();
        changeFixture(repo.file);
        const base = await runPlan("--file", repo.file, "--base", "HEAD", "--json");
        const state = await runPlan("--file", repo.file, "--state", STATE, "--json");
        assert.strictEqual(base.status, 0, base.stderr);
        assert.strictEqual(state.status, 0, state.stderr);
        const fromBase = summary((JSON.parse(base.stdout) as { changes: Change[] }).changes);
        assert.deepStrictEqual(fromBase, [
            "update AllowS3 [aws:organizations/policy:Policy] content",
            "update lab [aws:organizations/account:Account] parentId",
            "update web-shop [aws:organizations/account:Account] name",
        ]);
        assert.deepStrictEqual(summary((JSON.parse(state.stdout) as { changes: Change[] }).changes), fromBase);
        const impact = (text: string) => (JSON.parse(text) as { impactByService: unknown[] }).impactByService;
        assert.ok(impact(base.stdout).length > 0);
        assert.deepStrictEqual(impact(state.stdout), impact(base.stdout), "the SCPs in the state judge permissions as the base file's do");
    });

    it("--base: the permission impact by service, and --action's decisions, in the JSON document and the text", async () => {
        const repo = repositoryWithFixture();
        changeFixture(repo.file);
        const run = await runPlan("--file", repo.file, "--base", "HEAD", "--action", "sts:GetCallerIdentity", "--action", "s3:GetObject", "--json");
        assert.strictEqual(run.status, 0, run.stderr);
        const doc = JSON.parse(run.stdout) as { impact: unknown[]; impactByService: { target: string; service: string; lost: number; gained: number }[] };
        // lab moves from Sandbox (FullAWSAccess) into Apps: it loses what the allow-list leaves out; web-shop loses sts but AssumeRole.
        const shop = present(doc.impactByService.find((i) => i.target === "web-shop"));
        assert.deepStrictEqual({ ...shop, lost: shop.lost > 0 }, { target: "web-shop", service: "sts", lost: true, gained: 0 });
        assert.ok(doc.impactByService.filter((i) => i.target === "lab").length > 50, "lab loses every service but s3, iam and sts");
        assert.deepStrictEqual(doc.impact, [
            { target: "lab", action: "sts:GetCallerIdentity", before: "Allowed", after: "ImplicitlyDenied" },
            { target: "lab", action: "s3:GetObject", before: "Allowed", after: "Allowed" },
            { target: "web-shop", action: "sts:GetCallerIdentity", before: "Allowed", after: "ImplicitlyDenied" },
            { target: "web-shop", action: "s3:GetObject", before: "Allowed", after: "Allowed" },
        ]);
        const text = await runPlan("--file", repo.file, "--base", "HEAD");
        assert.match(text.stdout, /^ {2}web-shop: loses sts \(\d+ of \d+ actions\); gains nothing$/m);
    });

    it("--state: the real ids of the state are the old values of a diff", async () => {
        const repo = repositoryWithFixture();
        changeFixture(repo.file);
        const run = await runPlan("--file", repo.file, "--state", STATE, "--json");
        const lab = present((JSON.parse(run.stdout) as { changes: Change[] }).changes.find((c) => c.name === "lab"));
        assert.deepStrictEqual(lab.diffs, [{ property: "parentId", old: "ou-a1b2-p7q8r9s0", new: "ou-a1b2-k3l4m5n6", replaces: false }]);
    });

    it("--state: a secret stays secret in the review", async () => {
        const state = JSON.parse(fs.readFileSync(STATE, "utf8")) as { deployment: { resources: { urn: string; inputs?: Record<string, unknown> }[] } };
        const shop = present(state.deployment.resources.find((r) => r.urn.endsWith("aws:organizations/account:Account::shop")));
        shop.inputs = { ...shop.inputs, email: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify("old-shop@healthco.example") } };
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-state-")), "export.json");
        fs.writeFileSync(file, JSON.stringify(state));
        const run = await runPlan("--file", path.join(FIXTURE, "org.yaml"), "--state", file);
        assert.match(run.stdout, /± email: \[secret\] → "aws\+shop@healthco\.example" {2}\(replaces: /);
        assert.ok(!run.stdout.includes("old-shop"), "the secret's value is never printed");
    });

    it("refuses a stack export that is not one, at its place in the file, and registers nothing", async () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-state-")), "export.json");
        fs.writeFileSync(file, '{\n  "version": 2,\n  "deployment": {}\n}\n');
        const run = await runPlan("--file", path.join(FIXTURE, "org.yaml"), "--state", file);
        assert.strictEqual(run.status, 1);
        assert.match(run.stderr, /export\.json:2:14: The stack export is deployment version 2; only version 3/);
        assert.strictEqual(run.stdout, "");
    });

    it("--base: a ref git does not know, and a base file that is invalid, are exit 1 with what to do", async () => {
        const repo = repositoryWithFixture();
        const unknown = await runPlan("--file", repo.file, "--base", "no-such-ref");
        assert.strictEqual(unknown.status, 1);
        assert.match(unknown.stderr, /--base no-such-ref: git knows no commit by that name\. Fetch it first/);
        fs.writeFileSync(repo.file, fs.readFileSync(repo.file, "utf8").replace("featureSet: ALL", "featureSet: SOME"));
        repo.commit("a broken file");
        fs.writeFileSync(repo.file, fs.readFileSync(repo.file, "utf8").replace("featureSet: SOME", "featureSet: ALL"));
        const broken = await runPlan("--file", repo.file, "--base", "HEAD");
        assert.strictEqual(broken.status, 1);
        assert.match(broken.stderr, /^HEAD:config\/org\.yaml:3:15: /m);
    });

    it("--action without a before is a usage error that names the way", async () => {
        const run = await runPlan("--file", path.join(FIXTURE, "org.yaml"), "--action", "s3:GetObject");
        assert.strictEqual(run.status, 64);
        assert.match(run.stderr, /--action compares decisions before and after a change: give --base, --state or --live/);
    });

    it("--base and --state together are a usage error", async () => {
        const run = await runPlan("--file", path.join(FIXTURE, "org.yaml"), "--base", "HEAD", "--state", STATE);
        assert.strictEqual(run.status, 64);
        assert.match(run.stderr, /Use one of --base, --state and --live/);
    });
});
