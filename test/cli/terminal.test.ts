import * as assert from "assert";
import { spawnSync } from "child_process";
import { run as effective } from "../../src/cli/effective";
import { run as plan } from "../../src/cli/plan";
import { run as diagram } from "../../src/cli/diagram";
import { readProgress, statusLine, wantsColor } from "../../src/cli/terminal";
import { npmRun, PROJECT_DIR, runInProcess } from "../support/runCommand";

const ESC = "\x1b[";
/** A colour or line-clearing sequence: ESC, `[`, numbers, a letter. */
const SEQUENCE = new RegExp(String.fromCharCode(27) + "\\[[0-9;]*[mK]", "g");
const ACTIONS = ["--stack", "prod", "--target", "patient-payments-prod", "--action", "s3:GetObject", "--action", "healthlake:CreateFHIRDatastore"];

describe("a terminal: colour on stdout, a status line on stderr", () => {
    it("colours only a terminal, and never when NO_COLOR is set (to anything but empty) or TERM is dumb", () => {
        assert.strictEqual(wantsColor(true, {}), true);
        assert.strictEqual(wantsColor(false, {}), false);
        assert.strictEqual(wantsColor(undefined, {}), false);
        assert.strictEqual(wantsColor(true, { NO_COLOR: "1" }), false);
        assert.strictEqual(wantsColor(true, { NO_COLOR: "" }), true);
        assert.strictEqual(wantsColor(true, { TERM: "dumb" }), false);
    });

    it("colours ✓, ✗ and the plan's operations on a terminal, and nothing in a pipe", async () => {
        const tty = await runInProcess(effective, ACTIONS, { terminal: { color: true, progress: false } });
        assert.strictEqual(tty.status, 0, tty.stderr);
        assert.ok(tty.stdout.includes(`${ESC}32m✓${ESC}0m s3:GetObject`), tty.stdout);
        assert.ok(tty.stdout.includes(`${ESC}31m✗${ESC}0m healthlake:CreateFHIRDatastore`));
        const piped = await runInProcess(effective, ACTIONS);
        assert.ok(!piped.stdout.includes(ESC));
        assert.strictEqual(piped.stdout, tty.stdout.replace(SEQUENCE, ""), "the same text, without the colours");
        const planned = await runInProcess(plan, ["--stack", "dev"], { terminal: { color: true, progress: false } });
        assert.ok(planned.stdout.includes(`OU HIPAA  ${ESC}32mcreate${ESC}0m  `), planned.stdout);
    });

    it("keeps JSON and file formats plain on a terminal", async () => {
        const json = await runInProcess(effective, [...ACTIONS, "--json"], { terminal: { color: true, progress: true } });
        assert.ok(!json.stdout.includes(ESC));
        JSON.parse(json.stdout);
        const dot = await runInProcess(diagram, ["--stack", "dev", "--format", "dot"], { terminal: { color: true, progress: true } });
        assert.ok(!dot.stdout.includes(ESC));
    });

    it("a real process writing to a pipe prints no escape codes (npm run, NO_COLOR unset)", async () => {
        const r = await npmRun("effective", ACTIONS);
        assert.strictEqual(r.status, 0, r.stderr);
        assert.ok(!r.stdout.includes(ESC) && !r.stderr.includes(ESC));
    });

    it("shows the plan's status line on a terminal's stderr once the work has run a while, then clears it", async () => {
        const r = await runInProcess(plan, ["--stack", "dev"], { terminal: { color: false, progress: true, progressAfterMs: 0 } });
        assert.strictEqual(r.status, 0, r.stderr);
        assert.ok(r.stderr.startsWith(`\rRunning the program for 4 accounts and 4 OUs...${ESC}K\rChecking `), JSON.stringify(r.stderr));
        assert.ok(r.stderr.endsWith("\r\x1b[K"), JSON.stringify(r.stderr));
        const quiet = await runInProcess(plan, ["--stack", "dev"]);
        assert.strictEqual(quiet.stderr, "");
    });

    it("shows nothing for work shorter than the delay, and rewrites one line in place", async () => {
        let out = "";
        const short = statusLine({ write: (t) => (out += t) }, { color: false, progress: true, progressAfterMs: 10_000 });
        short.set("working...");
        short.done();
        assert.strictEqual(out, "");
        const long = statusLine({ write: (t) => (out += t) }, { color: false, progress: true, progressAfterMs: 0 });
        long.set("Read 10 accounts...");
        await new Promise((resolve) => setTimeout(resolve, 20));
        long.set("Read 20 accounts...");
        long.done();
        assert.strictEqual(out, "\rRead 10 accounts...\x1b[K\rRead 20 accounts...\x1b[K\r\x1b[K");
    });

    it("import and drift report their read on the status line on a terminal (every 10 items), as lines every 100 in a log", () => {
        let log = "";
        const piped = readProgress({ write: (t) => (log += t) }, undefined);
        assert.strictEqual(piped.progressEvery, 100);
        piped.progress("Read 100 accounts in 3 OUs so far...");
        assert.strictEqual(log, "Read 100 accounts in 3 OUs so far...\n");
        let tty = "";
        const live = readProgress({ write: (t) => (tty += t) }, { color: true, progress: true, progressAfterMs: 0 });
        assert.strictEqual(live.progressEvery, 10);
        live.progress("Read 10 accounts in 1 OUs so far...");
        live.done();
        assert.strictEqual(tty, "\rRead 10 accounts in 1 OUs so far...\x1b[K\r\x1b[K");
    });

    it("in a real terminal (a pseudo-terminal from `script`), the process colours its output, and NO_COLOR=1 turns that off", function () {
        if (spawnSync("script", ["--version"]).status !== 0) this.skip();
        const inTerminal = (noColor: string | undefined) => {
            const env: NodeJS.ProcessEnv = { ...process.env, TERM: "xterm" };
            delete env.NO_COLOR;
            if (noColor !== undefined) env.NO_COLOR = noColor;
            const command = `node -r @swc-node/register src/cli/effective.ts ${ACTIONS.join(" ")}`;
            const r = spawnSync("script", ["-qec", command, "/dev/null"], { cwd: PROJECT_DIR, env, encoding: "utf8", timeout: 60_000 });
            assert.strictEqual(r.status, 0, r.stderr);
            return r.stdout;
        };
        assert.ok(inTerminal(undefined).includes(`${ESC}32m✓${ESC}0m s3:GetObject`));
        const plain = inTerminal("1");
        assert.ok(plain.includes("✓ s3:GetObject") && !plain.includes(ESC));
    });
});
