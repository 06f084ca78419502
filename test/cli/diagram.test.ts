import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run as diagramCommand } from "../../src/cli/diagram";
import { npmRun, runInProcess } from "../support/runCommand";

const diagram = (...args: string[]) => runInProcess(diagramCommand, args);

describe("npm run diagram", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-diagram-cli-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("writes an SVG when --out ends in .svg", async () => {
        const out = path.join(dir, "org.svg");
        const r = await diagram("--stack", "prod", "--out", out);
        assert.strictEqual(r.status, 0, r.stderr);
        assert.strictEqual(r.stdout, "");
        assert.match(fs.readFileSync(out, "utf8"), /^<\?xml[\s\S]*<svg[\s\S]*patient&#45;records&#45;dev/);
        assert.match(r.stderr, /Wrote .*org\.svg \(svg: 4 OUs, 35 accounts\)/);
    });

    it("writes a PNG when --out ends in .png, and refuses PNG on stdout (64)", async () => {
        const out = path.join(dir, "org.png");
        const r = await diagram("--stack", "prod", "--out", out);
        assert.strictEqual(r.status, 0, r.stderr);
        assert.strictEqual(r.stdout, "");
        assert.deepStrictEqual([...fs.readFileSync(out).subarray(1, 4)].map((c) => String.fromCharCode(c)).join(""), "PNG");
        assert.match(r.stderr, /Wrote .*org\.png \(png: 4 OUs, 35 accounts\)/);
        const stdout = await diagram("--stack", "prod", "--format", "png");
        assert.strictEqual(stdout.status, 64);
        assert.match(stdout.stderr, /^A PNG is binary: write it to a file with --out FILE\.png\./);
    });

    it("writes Mermaid in a fenced block for a Markdown file", async () => {
        const out = path.join(dir, "org.md");
        assert.strictEqual((await diagram("--stack", "dev", "--out", out)).status, 0);
        assert.match(fs.readFileSync(out, "utf8"), /^```mermaid\nflowchart TB\n[\s\S]*```\n$/);
    });

    it("prints DOT on stdout with --format dot", async () => {
        const r = await diagram("--stack", "dev", "--format", "dot");
        assert.strictEqual(r.status, 0, r.stderr);
        assert.match(r.stdout, /^digraph organization \{/);
    });

    it("refuses a file name whose format it cannot tell, exit status 64", async () => {
        const r = await diagram("--stack", "dev", "--out", path.join(dir, "org.jpg"));
        assert.strictEqual(r.status, 64);
        assert.match(r.stderr, /Cannot tell the format from `.*org\.jpg`; name it `\*\.svg`, `\*\.png`/);
        assert.ok(!fs.existsSync(path.join(dir, "org.jpg")));
    });

    it("says why it cannot write --out and exits with 73, not with the status of an invalid org file (a real process)", async () => {
        const out = path.join(dir, "no-such-folder", "org.dot");
        const r = await npmRun("diagram", ["--stack", "dev", "--out", out]);
        assert.strictEqual(r.status, 73, r.stderr);
        assert.strictEqual(r.stderr, `Cannot write \`--out ${out}\`: no such file or directory (ENOENT).\n`);
        assert.strictEqual(r.stdout, "");
    });

    it("reports an invalid org file at its position and exits with 1", async () => {
        const bad = path.join(dir, "bad.yaml");
        fs.writeFileSync(bad, "organizationalUnits:\n  - name: A\n    polices: [FullAWSAccess]\n");
        const r = await diagram("--file", bad);
        assert.strictEqual(r.status, 1);
        assert.match(r.stderr, /bad\.yaml:3:5: .*polices/);
    });
});
