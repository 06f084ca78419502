import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { run as bench } from "../../bench/index";
import { Command } from "../../src/cli/commandIo";
import { run as accounts } from "../../src/cli/accounts";
import { run as compliance } from "../../src/cli/compliance";
import { run as docsSamples } from "../../scripts/docsSamples";
import { defineCommand } from "../../src/cli/defineCommand";
import { run as diagram } from "../../src/cli/diagram";
import { run as drift } from "../../src/cli/drift";
import { run as effective } from "../../src/cli/effective";
import { run as access } from "../../src/cli/access";
import { CommandError } from "../../src/cli/exitStatus";
import { run as importCommand } from "../../src/cli/import";
import { run as invite } from "../../src/cli/invite";
import { run as plan } from "../../src/cli/plan";
import { npmRun, PROJECT_DIR, runInProcess } from "../support/runCommand";
import { present } from "../support/present";

/** Every command, with an option misspelt as users do and the option they meant. */
const COMMANDS: readonly { name: string; run: Command; misspelt: string; meant: string }[] = [
    { name: "plan", run: plan, misspelt: "--policy-confg", meant: "--policy-config" },
    { name: "effective", run: effective, misspelt: "--actoin", meant: "--action" },
    { name: "access", run: access, misspelt: "--grup", meant: "--group" },
    { name: "accounts", run: accounts, misspelt: "--from-output", meant: "--from-outputs" },
    { name: "diagram", run: diagram, misspelt: "--fromat", meant: "--format" },
    { name: "import", run: importCommand, misspelt: "--forc", meant: "--force" },
    { name: "drift", run: drift, misspelt: "--endpiont", meant: "--endpoint" },
    { name: "invite", run: invite, misspelt: "--dryrun", meant: "--dry-run" },
    { name: "compliance", run: compliance, misspelt: "--programme", meant: "--program" },
    { name: "bench", run: bench, misspelt: "--hepl", meant: "--help" },
    { name: "docs:samples", run: docsSamples, misspelt: "--chek", meant: "--check" },
];

/** The statuses an `Exit status:` sentence lists: `0 valid, 1 invalid org file, ...`. */
function statusesIn(sentence: string): number[] {
    return [...sentence.matchAll(/(?:^|, )(\d+) /g)].map((m) => Number(m[1])).sort((a, b) => a - b);
}

/** The exit status table of docs/commands.md: status → the commands it applies to. */
function documentedStatuses(): Map<number, string[]> {
    const text = fs.readFileSync(path.join(PROJECT_DIR, "docs", "commands.md"), "utf8");
    const table = new Map<number, string[]>();
    for (const [, status, commands] of text.matchAll(/^\| (\d+) \| [^|]+ \| ([^|]+) \|$/gm)) {
        const listed = present(commands, "the commands of a status");
        const names = listed.trim() === "every command" ? COMMANDS.map((c) => c.name) : listed.split(",").map((n) => n.trim().replace(/`/g, ""));
        table.set(Number(status), names);
    }
    return table;
}

/** A command whose work is `main`, to see what the top-level handler makes of its failures. */
function failing(main: (io: Parameters<Command>[1]) => never | void): Command {
    return defineCommand({
        name: "demo",
        usage: "Usage: npm run demo -- [--json]",
        exitStatus: "0 done",
        options: { json: { type: "boolean", default: false } },
        main(_values, io) {
            main(io);
            return 0;
        },
    });
}

describe("every command's command line", () => {
    for (const c of COMMANDS) {
        describe(`npm run ${c.name}`, () => {
            it("prints its usage and exit statuses with --help, exit 0, and does nothing else", async () => {
                const r = await runInProcess(c.run, ["--help"]);
                assert.strictEqual(r.status, 0, r.stderr);
                assert.match(r.stdout, new RegExp(`^Usage: npm run ${c.name}\\b`));
                assert.match(r.stdout, /\n {2}-h, --help {4}print this text\n {2}--debug {7}on an unexpected error, print its stack trace\n/);
                assert.match(r.stdout, /\nExit status: 0 [^\n]*, 64 bad arguments, 70 unexpected error \(--debug prints where\)\.\n$/);
                assert.strictEqual(r.stderr, "");
            });

            it(`suggests ${c.meant} for ${c.misspelt}, exit 64`, async () => {
                const r = await runInProcess(c.run, [c.misspelt]);
                assert.strictEqual(r.status, 64);
                assert.ok(r.stderr.startsWith(`Unknown option \`${c.misspelt}\`. Did you mean \`${c.meant}\`?\n\nUsage: npm run ${c.name}`), r.stderr);
                assert.strictEqual(r.stdout, "");
            });

            it("has the exit statuses docs/commands.md lists for it", async () => {
                const usage = (await runInProcess(c.run, ["--help"])).stdout;
                const sentence = /\nExit status: (.*)\.\n$/.exec(usage)?.[1] ?? "";
                const documented = [...documentedStatuses()].filter(([, names]) => names.includes(c.name)).map(([status]) => status);
                assert.deepStrictEqual(statusesIn(sentence), documented, `usage says: ${sentence}`);
            });
        });
    }

    it("`npm run bench -- --help` prints the usage instead of running the benchmark (a real process)", async () => {
        const r = await npmRun("bench", ["--help"]);
        assert.strictEqual(r.status, 0, r.stderr);
        assert.match(r.stdout, /^Usage: npm run bench\n/);
        assert.doesNotMatch(r.stdout, /plan: 1,000 accounts/);
    });
});

describe("the top-level handler", () => {
    const crash = failing(() => {
        throw new TypeError("Cannot read properties of undefined (reading 'id')");
    });

    it("turns an unexpected error into one line on stderr and exit 70, without a stack trace", async () => {
        const r = await runInProcess(crash, []);
        assert.strictEqual(r.status, 70);
        assert.strictEqual(r.stderr, "Unexpected error: TypeError: Cannot read properties of undefined (reading 'id') (run it again with --debug to see where it happened).\n");
        assert.strictEqual(r.stdout, "");
    });

    it("prints the stack trace with --debug", async () => {
        const r = await runInProcess(crash, ["--debug"]);
        assert.strictEqual(r.status, 70);
        assert.match(r.stderr, /^Unexpected error: TypeError: Cannot read properties of undefined \(reading 'id'\)\.\nTypeError: [^\n]+\n {4}at /);
    });

    it("under --json, prints the error as the one JSON document on stdout", async () => {
        const r = await runInProcess(crash, ["--json"]);
        assert.strictEqual(r.status, 70);
        assert.deepStrictEqual(JSON.parse(r.stdout), {
            errors: [{ message: "Unexpected error: TypeError: Cannot read properties of undefined (reading 'id') (run it again with --debug to see where it happened)." }],
        });
    });

    it("adds no second document when the command had printed its own before failing", async () => {
        const late = failing((io) => {
            io.stdout.write('{"results": []}\n');
            throw new CommandError(4, "Sending failed.");
        });
        const r = await runInProcess(late, ["--json"]);
        assert.strictEqual(r.status, 4);
        assert.strictEqual(r.stdout, '{"results": []}\n');
        assert.strictEqual(r.stderr, "Sending failed.\n");
    });

    it("treats `--constructor`, a name every object has, as the unknown option it is", async () => {
        const r = await runInProcess(plan, ["--constructor"]);
        assert.strictEqual(r.status, 64);
        assert.match(r.stderr, /^Unknown option `--constructor`\.\n/);
    });

    it("gives a usage error under --json as a JSON document too, even when the arguments do not parse", async () => {
        const r = await runInProcess(plan, ["--json", "--stak", "prod"]);
        assert.strictEqual(r.status, 64);
        assert.deepStrictEqual(JSON.parse(r.stdout), { errors: [{ message: "Unknown option `--stak`. Did you mean `--stack`?" }] });
    });

    it("reports an org file that is a directory, which used to crash the commands, as a problem of the file (exit 1)", async () => {
        const r = await runInProcess(plan, ["--file", "config", "--json"]);
        assert.strictEqual(r.status, 1, r.stderr);
        const [error] = (JSON.parse(r.stdout) as { errors: { line: number; column: number; message: string }[] }).errors;
        assert.deepStrictEqual([error?.line, error?.column], [1, 1]);
        assert.match(error?.message ?? "", /^Org file `.*\/config` is a directory, not a regular file; name a file\.$/);
        assert.doesNotMatch(r.stderr, /Unexpected error/);
    });
});
