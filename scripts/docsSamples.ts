import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { benchChangeReview } from "../bench/changeReview";
import { benchEffective } from "../bench/effective";
import { BenchFigure } from "../bench/figure";
import { benchPlan } from "../bench/plan";
import { run as access } from "../src/cli/access";
import { Command } from "../src/cli/commandIo";
import { run as diagram } from "../src/cli/diagram";
import { run as effective } from "../src/cli/effective";
import { defineCommand } from "../src/cli/defineCommand";
import { CommandError, EXIT } from "../src/cli/exitStatus";
import { run as plan } from "../src/cli/plan";
import { runAsProcess } from "../src/cli/runAsProcess";

/*
 * The sample outputs and figures of the README and docs, made by running the commands: each
 * sits between `<!-- sample:ID -->` and `<!-- /sample:ID -->` in its file and is rewritten
 * from a fresh run, so what the docs show is what the commands print. `--check` rewrites
 * nothing and fails when a block differs; `--bench` also runs the benchmarks (a minute or
 * two) and rewrites the README's table of timings.
 */

const ROOT = path.resolve(__dirname, "..");

/** A sample: the command line shown, the command run in-process, and which lines to keep. */
export interface Sample {
    readonly id: string;
    /** Files (relative to the project) holding the sample's block. */
    readonly files: readonly string[];
    /** The arguments after `npm run NAME --`, as shown and as run. */
    readonly name: string;
    readonly args: readonly string[];
    readonly command: Command;
    /** Keep the output from the first line matching this on. Default: all of it. */
    readonly from?: RegExp;
    /** Keep the first `head` lines, with `…` after them when the output is longer, */
    readonly head?: number;
    /** and then the later lines that match this. */
    readonly andThen?: RegExp;
    /**
     * Run in a git repository holding a copy of `config/`, committed, then changed by this: a
     * pull request's change, reviewed against `HEAD`. The copy is removed afterwards.
     */
    readonly change?: (dir: string) => void;
    /** The lines to show, `…` standing for those left out (after `from`, instead of `head`). */
    readonly select?: (lines: readonly string[]) => string[];
}

/** The prod example's pull request in the README: an account renamed in place, Lambda taken from the PCI list. */
function renameAndNarrow(dir: string): void {
    const edit = (file: string, from: string, to: string) => {
        const full = path.join(dir, file);
        const text = fs.readFileSync(full, "utf8");
        if (!text.includes(from)) throw new Error(`sample review-prod: ${file} no longer holds ${JSON.stringify(from)}`);
        fs.writeFileSync(full, text.replace(from, to));
    };
    edit("config/prod.yaml", "          - name: patient-payments-prod\n", "          - name: card-payments-prod\n            previousNames: [patient-payments-prod]\n");
    edit("config/policies/allow-pci-services.json", '"lambda:*",', "");
}

/** What changes in a review: the summary, the lines with a marker and their diffs, the head of the permission impact. */
function changedLines(lines: readonly string[]): string[] {
    const impact = lines.findIndex((l) => l.startsWith("Permission impact"));
    const changed = (line: string, i: number) =>
        i === 0 || line.startsWith("Guardrails") || /^[+~±→-] /.test(line) || /^[\s│├└─]*[~±] [a-zA-Z]+: /.test(line) || (impact >= 0 && i >= impact && i <= impact + 4);
    // A section's heading stays when a line under it (up to the next blank line) does.
    const keep = lines.map((line, i) => {
        if (changed(line, i)) return true;
        if (!/^[A-Z]/.test(line)) return false;
        const end = lines.indexOf("", i);
        return lines.slice(i + 1, end < 0 ? undefined : end).some((l, j) => changed(l, i + 1 + j));
    });
    const kept: string[] = [];
    for (const [i, line] of lines.entries()) {
        if (keep[i] === true) kept.push(line);
        else if (line === "" && kept.at(-1) !== "" && kept.length > 0) kept.push("");
        else if (line !== "" && kept.at(-1) === "" && kept.at(-2) === "   …") kept.pop();
        else if (line !== "" && kept.at(-1) !== "   …") kept.push("   …");
    }
    return kept;
}

/** Lines longer than this are cut, with `…`: a sample is read, not copied. */
const WIDTH = 110;

export const SAMPLES: readonly Sample[] = [
    { id: "plan-prod", files: ["README.md"], name: "plan", args: ["--stack", "prod"], command: plan, head: 9, andThen: /^(Account creation|Guardrails)/ },
    {
        id: "review-prod",
        files: ["README.md"],
        name: "plan",
        args: ["--file", "config/prod.yaml", "--base", "HEAD"],
        command: plan,
        change: renameAndNarrow,
        select: changedLines,
    },
    {
        id: "effective-prod",
        files: ["README.md"],
        name: "effective",
        args: ["--stack", "prod", "--target", "patient-payments-prod", "--action", "s3:GetObject", "--action", "healthlake:CreateFHIRDatastore", "--action", "frauddetector:GetDetectors"],
        command: effective,
        from: /^patient-payments-prod \(account/,
    },
    {
        id: "effective-prod-full",
        files: ["docs/effective-scps.md"],
        name: "effective",
        args: ["--stack", "prod", "--target", "patient-payments-prod", "--action", "s3:GetObject", "--action", "healthlake:CreateFHIRDatastore", "--action", "frauddetector:GetDetectors"],
        command: effective,
    },
    {
        id: "access-prod",
        files: ["README.md", "docs/identity-center.md"],
        name: "access",
        args: ["--stack", "prod", "--group", "developers", "--target", "patient-payments-dev", "--action", "healthlake:CreateFHIRDatastore", "--action", "s3:GetObject"],
        command: access,
        from: /^developers in /,
    },
];

/** `npm run NAME -- ARGS`, wrapped like a shell line at about 90 characters. */
function commandLine(sample: Sample): string {
    // An option and its value stay on one line.
    const words = [`$ npm run ${sample.name} --`];
    for (const arg of sample.args) {
        const last = words[words.length - 1] ?? "";
        if (!arg.startsWith("--") && /^--[a-z-]+$/.test(last)) words[words.length - 1] = `${last} ${arg}`;
        else words.push(arg);
    }
    const lines: string[] = [];
    let line = "";
    for (const word of words) {
        if (line !== "" && line.length + word.length + 1 > 90) {
            lines.push(`${line} \\`);
            line = `    ${word}`;
        } else line = line === "" ? word : `${line} ${word}`;
    }
    return [...lines, line].join("\n");
}

async function runCommand(command: Command, args: readonly string[], cwd: string): Promise<string> {
    let stdout = "";
    let stderr = "";
    const status = await command(args, { stdout: { write: (t) => (stdout += t) }, stderr: { write: (t) => (stderr += t) }, cwd, readStdin: () => Promise.resolve("") });
    if (status !== 0) throw new Error(`npm run … ${args.join(" ")} ended with ${String(status)}:\n${stderr}`);
    return stdout;
}

/** The block of a sample: its command line and the lines of its output it keeps, fenced. */
/** The output of a sample's command: in the project, or in a changed copy of its `config/`. */
async function sampleOutput(sample: Sample): Promise<string> {
    if (sample.change === undefined) return runCommand(sample.command, sample.args, ROOT);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-sample-"));
    try {
        fs.cpSync(path.join(ROOT, "config"), path.join(dir, "config"), { recursive: true });
        const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.email=sample@docs.example", "-c", "user.name=docs", "commit", "-qm", "base");
        sample.change(dir);
        return await runCommand(sample.command, sample.args, dir);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

export async function renderSample(sample: Sample): Promise<string> {
    let lines = (await sampleOutput(sample)).replace(/\n+$/, "").split("\n");
    if (sample.from !== undefined) {
        const start = lines.findIndex((l) => sample.from?.test(l) === true);
        if (start < 0) throw new Error(`sample ${sample.id}: no line matches ${String(sample.from)}`);
        lines = lines.slice(start);
    }
    const head = sample.head ?? lines.length;
    if (sample.select !== undefined) lines = sample.select(lines);
    else if (lines.length > head) {
        const later = sample.andThen === undefined ? [] : lines.slice(head).filter((l) => sample.andThen?.test(l) === true);
        lines = [...lines.slice(0, head), "   …", ...later];
    }
    const cut = lines.map((l) => (l.length > WIDTH ? `${l.slice(0, WIDTH - 1)}…` : l));
    return ["```", commandLine(sample), ...cut, "```"].join("\n");
}

/** `text` with the block `id` replaced by `content`; throws when the markers are missing. */
export function replaceBlock(text: string, id: string, content: string, file: string): string {
    const begin = `<!-- sample:${id} -->`;
    const end = `<!-- /sample:${id} -->`;
    const start = text.indexOf(begin);
    const stop = text.indexOf(end);
    if (start < 0 || stop < start) throw new Error(`${file} has no block ${begin} … ${end}`);
    return `${text.slice(0, start + begin.length)}\n${content}\n${text.slice(stop)}`;
}

/** The README's table of timings, from a run of the benchmarks on this machine. */
export function figuresTable(figures: readonly BenchFigure[], when: Date): string {
    const rows = figures.map((f) => `| ${f.name} | ${f.seconds.toFixed(2)} s | ${f.limitSeconds.toFixed(2)} s |`);
    const machine = `${String(os.cpus().length)} cores, Node.js ${process.versions.node}, ${when.toISOString().slice(0, 10)}`;
    return [`Measured by \`npm run docs:samples -- --bench\` (${machine}):`, "", "| what | time | limit |", "|---|---|---|", ...rows].join("\n");
}

const USAGE = `Usage: npm run docs:samples [-- --check] [-- --bench]

Runs the commands whose output the README and docs show, and rewrites each sample between its
markers (<!-- sample:ID --> … <!-- /sample:ID -->); also redraws docs/images/org-diagram.png.

  --check   rewrite nothing: exit 1 when a sample differs from what the commands print now
  --bench   also run the benchmarks (a minute or two) and rewrite the README's timings`;

export const run = defineCommand({
    name: "docs:samples",
    usage: USAGE,
    exitStatus: "0 rewritten (with --check: up to date), 1 with --check: a sample is stale",
    options: { check: { type: "boolean", default: false }, bench: { type: "boolean", default: false } },
    async main(values, io) {
        const texts = new Map<string, string>();
        const read = (file: string) => texts.get(file) ?? fs.readFileSync(path.join(ROOT, file), "utf8");
        for (const sample of SAMPLES) {
            const content = await renderSample(sample);
            for (const file of sample.files) texts.set(file, replaceBlock(read(file), sample.id, content, file));
        }
        if (values.bench) texts.set("README.md", replaceBlock(read("README.md"), "bench", figuresTable([...benchPlan(), ...benchEffective(), ...benchChangeReview()], new Date()), "README.md"));
        let stale = 0;
        for (const [file, text] of texts) {
            if (fs.readFileSync(path.join(ROOT, file), "utf8") === text) continue;
            stale++;
            if (values.check) io.stderr.write(`${file}: a sample differs from what the commands print now; run \`npm run docs:samples\`.\n`);
            else {
                fs.writeFileSync(path.join(ROOT, file), text);
                io.stderr.write(`Rewrote the samples of ${file}.\n`);
            }
        }
        if (!values.check) {
            let said = "";
            const status = await diagram(["--stack", "prod", "--out", "docs/images/org-diagram.png"], { ...io, cwd: ROOT, stderr: { write: (t) => (said += t) } });
            if (status !== 0) throw new CommandError(status, `Drawing docs/images/org-diagram.png failed:\n${said}`);
            io.stderr.write(said);
        }
        return values.check && stale > 0 ? EXIT.invalidConfig : EXIT.ok;
    },
});

if (require.main === module) runAsProcess(run);
