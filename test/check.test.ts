import * as assert from "assert";
import { execFile } from "child_process";
import * as path from "path";

/**
 * The type check and the lint (`npm run check`) as a test of the suite. Started when mocha
 * loads this file, the first it gives a worker, the check's minute of work overlaps the other
 * tests instead of coming before them. The promise never rejects.
 */

const ROOT = path.resolve(__dirname, "..");

const outcome = new Promise<{ code: number; output: string }>((resolve) => {
    execFile(process.execPath, ["-r", "@swc-node/register", "scripts/check.ts"], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, output: `${stdout}${stderr}`.trim() });
    });
});

describe("the sources (npm run check)", function () {
    this.timeout(600_000);

    it("type-check and pass the linter, the policy pack's included", async () => {
        const { code, output } = await outcome;
        if (code !== 0) assert.fail(`npm run check exited with ${code}:\n${output}`);
    });
});
