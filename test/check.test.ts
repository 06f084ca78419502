import * as assert from "assert";
import { CommandResult, npmRun } from "./support/runCommand";

/**
 * The type check and the lint (`npm run check`) as a test of the suite. Started when mocha
 * loads this file, the first it gives a worker, the check's minute of work overlaps the other
 * tests instead of coming before them. The promise never rejects: a failure to start npm
 * comes back as its result.
 */
const outcome: Promise<CommandResult> = npmRun("check", []).catch((e: unknown) => ({ status: null, stdout: "", stderr: String(e) }));

describe("the sources (npm run check)", function () {
    this.timeout(600_000);

    it("type-check and pass the linter, the policy pack's included", async () => {
        const { status, stdout, stderr } = await outcome;
        if (status !== 0) assert.fail(`npm run check exited with ${String(status)}:\n${`${stdout}${stderr}`.trim()}`);
    });
});
