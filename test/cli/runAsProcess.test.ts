import * as assert from "assert";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../support/runCommand";

// The shell is what turns a command into a process: these run it in real Node.js processes,
// with stand-in commands that misbehave the way only a process can show.
describe("the shell around a command (real processes)", () => {
    it("ends quietly when the reader closes stdout early, as `| head` does", async function () {
        this.timeout(30_000);
        const script = `require("./src/cli/runAsProcess").runAsProcess(async (argv, io) => {
            for (let i = 0; i < 1000; i++) io.stdout.write("x".repeat(1000) + "\\n");
            return 0;
        });`;
        const child = spawn(process.execPath, ["-r", "@swc-node/register", "-e", script], { cwd: PROJECT_DIR });
        let stderr = "";
        child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
        child.stdout.once("data", () => child.stdout.destroy());
        const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
        assert.strictEqual(stderr, "");
        assert.strictEqual(status, 0);
    });

    it("ends the process with 70 and one line on an error outside the command's promise", function () {
        this.timeout(30_000);
        const script = `require("./src/cli/runAsProcess").runAsProcess(async () => {
            setTimeout(() => Promise.reject(new RangeError("late failure")), 0);
            await new Promise((resolve) => setTimeout(resolve, 5000));
            return 0;
        });`;
        const r = spawnSync(process.execPath, ["-r", "@swc-node/register", "-e", script], { cwd: PROJECT_DIR, encoding: "utf8" });
        assert.strictEqual(r.status, 70, r.stderr);
        assert.strictEqual(r.stderr, "Unexpected error: RangeError: late failure (run it again with --debug to see where it happened).\n");
    });

    it("prints, with --debug, where the error happened in the TypeScript source, not in its translation", function () {
        this.timeout(30_000);
        // The throw is on line 3 of the script; the translated code starts with helpers.
        const script = `import { runAsProcess } from ${JSON.stringify(path.join(PROJECT_DIR, "src", "cli", "runAsProcess"))};
runAsProcess(async () => {
    throw new RangeError("early failure");
});
`;
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-stack-")), "crash.ts");
        try {
            fs.writeFileSync(file, script);
            const r = spawnSync(process.execPath, ["-r", "@swc-node/register", file, "--debug"], { cwd: PROJECT_DIR, encoding: "utf8" });
            assert.strictEqual(r.status, 70, r.stderr);
            assert.match(r.stderr, /^Unexpected error: RangeError: early failure\.\n/);
            assert.ok(r.stderr.includes(`${file}:3:11`), `the stack should point at ${file}:3:11:\n${r.stderr}`);
        } finally {
            fs.rmSync(path.dirname(file), { recursive: true, force: true });
        }
    });
});
