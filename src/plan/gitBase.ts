import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";

/** An org file as it was at a git ref, written with the files it names into a folder of its own. */
export interface BaseOrgFile {
    /** The copy of the org file. */
    readonly file: string;
    /** The org file as messages name it: `REF:path/in/repository`. */
    readonly label: string;
    /** Removes the copy. */
    readonly dispose: () => void;
}

/** Raised when git cannot give the file at the ref; its message says what to do. */
export class BaseRefError extends Error {}

/** Longest a `git` command may take: a base is a few files, not a clone. */
const GIT_TIMEOUT_MS = 30_000;

function git(cwd: string, args: readonly string[]): Buffer {
    return execFileSync("git", args, { cwd, timeout: GIT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * `file` (an org file inside a git repository) as it was at `ref`: `git show REF:PATH` of the
 * org file, then of every file of the repository at that ref that one of its values names
 * relative to it (policy files, inline policies), written at the same places under a
 * temporary folder marked as the top of a repository, so that the loader reads them exactly
 * as it reads the files of today. Nothing in the working tree is touched.
 */
export function orgFileAtRef(file: string, ref: string): BaseOrgFile {
    const dir = path.dirname(path.resolve(file));
    let top: string;
    try {
        top = git(dir, ["rev-parse", "--show-toplevel"]).toString("utf8").trim();
    } catch {
        throw new BaseRefError(`--base needs the org file to be in a git repository; ${file} is not.`);
    }
    const relative = path.relative(fs.realpathSync(top), fs.realpathSync(path.resolve(file))).split(path.sep).join("/");
    const show = (p: string): Buffer => git(top, ["show", `${ref}:${p}`]);
    let text: Buffer;
    try {
        git(top, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    } catch {
        throw new BaseRefError(`--base ${ref}: git knows no commit by that name. Fetch it first (in CI: \`git fetch origin main\`, or check out with \`fetch-depth: 0\`).`);
    }
    try {
        text = show(relative);
    } catch {
        throw new BaseRefError(`--base ${ref}: the org file ${relative} does not exist at ${ref}. A file added by this change has no base; plan it without --base.`);
    }
    const tracked = new Set(git(top, ["ls-tree", "-r", "--name-only", "-z", ref]).toString("utf8").split("\0").filter((p) => p !== ""));
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-base-"));
    const dispose = () => fs.rmSync(copy, { recursive: true, force: true });
    try {
        // The loader reads named files only inside the org file's repository, which this marks.
        fs.writeFileSync(path.join(copy, "Pulumi.yaml"), "");
        const write = (p: string, content: Buffer) => {
            const target = path.join(copy, ...p.split("/"));
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.writeFileSync(target, content);
        };
        write(relative, text);
        const base = path.posix.dirname(relative);
        for (const value of strings(text.toString("utf8"))) {
            const named = path.posix.normalize(path.posix.join(base, value));
            if (named !== relative && tracked.has(named)) write(named, show(named));
        }
        return { file: path.join(copy, ...relative.split("/")), label: `${ref}:${relative}`, dispose };
    } catch (error) {
        dispose();
        throw error;
    }
}

/** Every string value of a YAML text (a text that does not parse has none: the loader reports it). */
function strings(text: string): Set<string> {
    const found = new Set<string>();
    const visit = (node: unknown): void => {
        if (isScalar(node)) {
            if (typeof node.value === "string" && node.value !== "") found.add(node.value);
        } else if (isMap(node)) {
            for (const pair of node.items) visit(pair.value);
        } else if (isSeq(node)) {
            for (const item of node.items) visit(item);
        }
    };
    const document = parseDocument(text, { uniqueKeys: false });
    visit(document.contents);
    return found;
}
