import * as fs from "fs";
import * as os from "os";
import * as path from "path";
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
}

/** Lines longer than this are cut, with `…`: a sample is read, not copied. */
const WIDTH = 110;

export const SAMPLES: readonly Sample[] = [
    { id: "plan-prod", files: ["README.md"], name: "plan", args: ["--stack", "prod"], command: plan, head: 9, andThen: /^(Account creation|Guardrails)/ },
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

async function runCommand(command: Command, args: readonly string[]): Promise<string> {
    let stdout = "";
    let stderr = "";
    const status = await command(args, { stdout: { write: (t) => (stdout += t) }, stderr: { write: (t) => (stderr += t) }, cwd: ROOT, readStdin: () => Promise.resolve("") });
    if (status !== 0) throw new Error(`npm run … ${args.join(" ")} ended with ${String(status)}:\n${stderr}`);
    return stdout;
}

/** The block of a sample: its command line and the lines of its output it keeps, fenced. */
export async function renderSample(sample: Sample): Promise<string> {
    let lines = (await runCommand(sample.command, sample.args)).replace(/\n+$/, "").split("\n");
    if (sample.from !== undefined) {
        const start = lines.findIndex((l) => sample.from?.test(l) === true);
        if (start < 0) throw new Error(`sample ${sample.id}: no line matches ${String(sample.from)}`);
        lines = lines.slice(start);
    }
    const head = sample.head ?? lines.length;
    if (lines.length > head) {
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
        if (values.bench) texts.set("README.md", replaceBlock(read("README.md"), "bench", figuresTable([...benchPlan(), ...benchEffective()], new Date()), "README.md"));
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
