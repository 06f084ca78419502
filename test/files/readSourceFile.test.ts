import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { allowedRootsFor, isInside, repositoryRoot } from "../../src/files/allowedRoots";
import { readSourceFile, SourceFile, SourceFileRequest } from "../../src/files/readSourceFile";

const REPO = path.resolve(__dirname, "..", "..");
const at = { file: "/x/org.yaml", line: 4, column: 11 };

function folder(): string {
    return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-read-")));
}

function read(file: string, extra: Partial<SourceFileRequest> = {}): SourceFile {
    return readSourceFile({ path: file, label: "Policy file `p.json`", maxBytes: 1024, namedAt: at, ...extra });
}

function refusal(result: SourceFile): { code: string; message: string; line: number; column: number } {
    assert.ok("refused" in result, `expected a refusal, read ${"text" in result ? result.text.length : 0} characters`);
    return { code: result.refused.code, message: result.refused.message, line: result.refused.line, column: result.refused.column };
}

describe("readSourceFile: only regular files inside the project, within a size limit", () => {
    it("reads a regular file as UTF-8, without its byte order mark", () => {
        const dir = folder();
        fs.writeFileSync(path.join(dir, "p.json"), "\uFEFF{\"a\": \"é\"}");
        const result = read(path.join(dir, "p.json"), { roots: [dir] });
        assert.ok("text" in result);
        assert.strictEqual(result.text, '{"a": "é"}');
    });

    it("refuses a file outside the allowed folders, by absolute path, `../` or a symlink, at the key that names it", () => {
        const dir = folder();
        const outside = folder();
        fs.writeFileSync(path.join(outside, "secret.json"), "{}");
        fs.symlinkSync(path.join(outside, "secret.json"), path.join(dir, "link.json"));
        for (const file of [path.join(outside, "secret.json"), path.join(dir, "..", path.basename(outside), "secret.json"), path.join(dir, "link.json")]) {
            const r = refusal(read(file, { roots: [dir] }));
            assert.deepStrictEqual([r.code, r.line, r.column], ["file-outside-project", 4, 11], file);
            assert.match(r.message, /is outside the project \(it is .*secret\.json\); only files inside `.*` are read/);
        }
    });

    it("follows a symlink that stays inside the project", () => {
        const dir = folder();
        fs.mkdirSync(path.join(dir, "shared"));
        fs.writeFileSync(path.join(dir, "shared", "p.json"), "{}");
        fs.symlinkSync(path.join(dir, "shared", "p.json"), path.join(dir, "p.json"));
        assert.ok("text" in read(path.join(dir, "p.json"), { roots: [dir] }));
    });

    it("refuses a directory, a FIFO (without waiting for a writer) and a device", () => {
        const dir = folder();
        execFileSync("mkfifo", [path.join(dir, "pipe")]);
        const started = Date.now();
        assert.deepStrictEqual(refusal(read(path.join(dir, "pipe"))).code, "file-not-regular");
        assert.ok(Date.now() - started < 2000, "a FIFO is refused at once");
        assert.match(refusal(read(dir)).message, /^Policy file `p\.json` is a directory, not a regular file; name a file\.$/);
        assert.match(refusal(read("/dev/zero")).message, /is a device, not a regular file/);
    });

    it("refuses a file over the limit before reading it", () => {
        const dir = folder();
        const big = path.join(dir, "big.json");
        // A sparse 64 MB file: refused from its size, so the test never reads it.
        fs.closeSync(fs.openSync(big, "w"));
        fs.truncateSync(big, 64 * 1024 * 1024);
        const started = Date.now();
        const r = refusal(read(big));
        assert.strictEqual(r.code, "file-too-large");
        assert.match(r.message, /has 67,108,864 bytes, over the limit of 1,024 bytes/);
        assert.ok(Date.now() - started < 1000);
    });

    it("refuses text that is not UTF-8, and never quotes a file's content", () => {
        const dir = folder();
        fs.writeFileSync(path.join(dir, "latin1.json"), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
        assert.strictEqual(refusal(read(path.join(dir, "latin1.json"))).code, "file-not-utf8");
        fs.writeFileSync(path.join(dir, "secret.json"), "TOKEN=hunter2\n".repeat(200));
        const r = refusal(read(path.join(dir, "secret.json"), { roots: [folder()] }));
        assert.doesNotMatch(r.message, /hunter2/);
    });

    it("says where it looked for a missing file, with the caller's code and hint", () => {
        const r = refusal(read("/nonexistent/p.json", { missingCode: "policy-file-missing", missingHint: "check the path" }));
        assert.deepStrictEqual([r.code, r.message], ["policy-file-missing", "Policy file `p.json` does not exist (looked for /nonexistent/p.json); check the path"]);
    });
});

describe("allowed roots: the org file's folder and its repository", () => {
    it("finds the repository by its Pulumi.yaml or .git, from any folder inside it", () => {
        assert.strictEqual(repositoryRoot(path.join(REPO, "config", "policies")), REPO);
        assert.strictEqual(repositoryRoot(folder()), undefined);
    });

    it("allows the org file's folder and the repository root, with symlinks resolved", () => {
        assert.deepStrictEqual(allowedRootsFor(path.join(REPO, "config", "prod.yaml")), [fs.realpathSync(path.join(REPO, "config")), fs.realpathSync(REPO)]);
        const dir = folder();
        assert.deepStrictEqual(allowedRootsFor(path.join(dir, "org.yaml")), [dir]);
    });

    it("tells a path inside a folder from one beside it", () => {
        assert.strictEqual(isInside("/a/b/c.json", "/a/b"), true);
        assert.strictEqual(isInside("/a/b", "/a/b"), true);
        assert.strictEqual(isInside("/a/bc/d.json", "/a/b"), false);
        assert.strictEqual(isInside("/a/..b/d.json", "/a"), true);
        assert.strictEqual(isInside("/etc/passwd", "/a"), false);
    });
});
