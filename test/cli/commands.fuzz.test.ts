import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { Command } from "../../src/cli/commandIo";
import { run as effective } from "../../src/cli/effective";
import { run as plan } from "../../src/cli/plan";
import { orgFileCaseArbitrary, writeCase } from "../support/orgFileMutator";
import { runInProcess } from "../support/runCommand";

/** A line of a JavaScript stack trace. */
const STACK_FRAME = /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)$/m;
/** Per command run, on this 2-core machine: the prod example plans in well under a second. */
const TIME_BUDGET_MS = 8000;

interface JsonErrors {
    readonly errors?: readonly { readonly file?: string; readonly line?: number; readonly column?: number; readonly message?: string }[];
}

/**
 * The commands' contract on any org file: only their documented exit statuses, exactly one JSON
 * document on stdout under `--json`, no stack trace anywhere, every error of the file
 * positioned, within a time budget.
 */
async function contractProblems(command: Command, args: readonly string[], statuses: readonly number[]): Promise<string[]> {
    const started = Date.now();
    const result = await runInProcess(command, args);
    const problems: string[] = [];
    const elapsed = Date.now() - started;
    if (elapsed > TIME_BUDGET_MS) problems.push(`took ${elapsed} ms`);
    if (result.status === null || !statuses.includes(result.status)) problems.push(`exit status ${String(result.status)}: ${result.stderr.slice(0, 300)}`);
    if (STACK_FRAME.test(result.stdout) || STACK_FRAME.test(result.stderr)) problems.push(`a stack trace: ${result.stderr.slice(0, 300)}`);
    let document: unknown;
    try {
        document = JSON.parse(result.stdout);
    } catch {
        problems.push(`stdout is not one JSON document: ${result.stdout.slice(0, 200)}`);
        return problems;
    }
    if (result.status === 1) {
        const errors = (document as JsonErrors).errors ?? [];
        if (errors.length === 0) problems.push("exit 1 without errors");
        for (const e of errors) {
            const positioned = typeof e.file === "string" && Number.isInteger(e.line) && (e.line ?? 0) >= 1 && Number.isInteger(e.column) && (e.column ?? 0) >= 1;
            if (!positioned) problems.push(`an error without a position: ${JSON.stringify(e).slice(0, 200)}`);
        }
    }
    return problems;
}

describe("the commands: fuzzed example files", function () {
    this.timeout(60_000);

    it("plan and effective keep their contract (exit 0/1/2, one JSON document, no stack trace, errors positioned)", async function () {
        let runs = 0;
        await fc.assert(
            fc.asyncProperty(orgFileCaseArbitrary, async (c) => {
                runs++;
                const file = writeCase(c);
                try {
                    const problems = [
                        ...(await contractProblems(plan, ["--file", file, "--json"], [0, 1, 2])).map((p) => `plan: ${p}`),
                        ...(await contractProblems(effective, ["--file", file, "--action", "s3:GetObject", "--json"], [0, 1])).map((p) => `effective: ${p}`),
                    ];
                    assert.deepStrictEqual(problems, []);
                } finally {
                    fs.rmSync(path.dirname(file), { recursive: true, force: true });
                }
            }),
            { seed: 17, numRuns: 40, interruptAfterTimeLimit: 8_000, markInterruptAsFailure: false },
        );
        assert.ok(runs >= 10, `only ${runs} cases`);
    });
});
