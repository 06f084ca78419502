import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";

/**
 * `pulumi policy publish` uploads the pack's folder and installs it on its own: nothing from the
 * rest of the repository comes along. This copies what git tracks of the folder, installs it
 * from its lock file and type-checks it there.
 */

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
const PACK = "policypacks/aws-org-guardrails";

/** The environment without what `npm run` adds, so that the copy installs as a user's `npm ci` would. */
function plainEnvironment(): NodeJS.ProcessEnv {
    return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_")));
}

/** Copies the files git tracks in the pack's folder to `copy`, as they are in the working tree. */
async function copyTrackedFiles(copy: string): Promise<void> {
    const { stdout } = await run("git", ["ls-files", "-z", "--", PACK], { cwd: ROOT });
    for (const file of stdout.split("\0").filter((f) => f !== "")) {
        const source = path.join(ROOT, file);
        // Deleted but not yet committed: the upload would not have it either.
        if (!fs.existsSync(source)) continue;
        const target = path.join(copy, path.relative(PACK, file));
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await fs.promises.copyFile(source, target);
    }
}

/** Runs a command in `cwd`; on failure, `explanation` followed by the command and its output. */
async function failureOf(explanation: string, command: string, args: readonly string[], cwd: string): Promise<string | undefined> {
    try {
        await run(command, [...args], { cwd, env: plainEnvironment(), maxBuffer: 16 * 1024 * 1024 });
        return undefined;
    } catch (e) {
        const output = e instanceof Error && "stdout" in e && "stderr" in e ? `${String(e.stdout)}${String(e.stderr)}`.trim() : String(e);
        return `${explanation}\n\n$ ${command} ${args.join(" ")}\n${output}`;
    }
}

/** Copies, installs and type-checks the pack alone; what went wrong, or undefined. */
async function standaloneFailure(): Promise<string | undefined> {
    const copy = await fs.promises.mkdtemp(path.join(os.tmpdir(), "aws-org-guardrails-"));
    try {
        await copyTrackedFiles(copy);
        return (
            (await failureOf(
                `The policy pack does not install alone. Its package-lock.json must be in step with its package.json: run \`npm install\` in ${PACK} and commit both files.`,
                // No install scripts: the one in the tree (protobufjs) only checks versions, and types do not need it.
                "npm",
                ["ci", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", "--loglevel=error"],
                copy,
            )) ??
            (await failureOf(
                "The policy pack, copied alone, does not type-check. It may import only its own files (`git add` new ones: only tracked files are published) and the dependencies its package.json declares.",
                process.execPath,
                [path.join(copy, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", copy],
                copy,
            ))
        );
    } catch (e) {
        return `The policy pack could not be copied: ${String(e)}`;
    } finally {
        await fs.promises.rm(copy, { recursive: true, force: true });
    }
}

// Started when mocha loads this file, before any test runs: the install takes seconds of mostly
// waiting on the disk, which the tests before this one overlap. It never rejects.
const outcome = standaloneFailure();

describe("the policy pack, copied alone", function () {
    // npm's cache is warm once the project is installed; a cold one downloads the packages.
    this.timeout(300_000);

    it("installs from its own lock file and type-checks", async () => {
        const failure = await outcome;
        if (failure !== undefined) assert.fail(failure);
    });
});
