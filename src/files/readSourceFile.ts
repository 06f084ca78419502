import * as fs from "fs";
import * as path from "path";
import { isInside } from "./allowedRoots";
import { Diagnostic, SourcePosition } from "../diagnostics/diagnostic";

const MB = 1024 * 1024;

/**
 * The largest file of each kind the tools read, in bytes: far above what AWS accepts (an SCP
 * is at most 10,240 characters; the benchmark's org file of 5,000 accounts is 447 KB), low
 * enough that a file named by mistake (a log, a disk image) is refused before it is read.
 */
export const FILE_SIZE_LIMITS = Object.freeze({
    orgFile: 16 * MB,
    policyFile: 1 * MB,
    stackConfig: 1 * MB,
    policyPackConfig: 1 * MB,
    stackOutputs: 64 * MB,
});

/** One file to read on a user's behalf. */
export interface SourceFileRequest {
    /** The file, absolute or relative to the working directory. */
    readonly path: string;
    /** The file as messages name it, e.g. "Policy file `policies/x.json` of SCP `X`". */
    readonly label: string;
    /** Largest size read, in bytes (see {@link FILE_SIZE_LIMITS}). */
    readonly maxBytes: number;
    /**
     * Folders the file must lie in once symlinks are resolved (absolute, symlinks resolved).
     * Omitted for a file the user named on the command line, which may be anywhere.
     */
    readonly roots?: readonly string[];
    /** Where the file is named (the YAML key), where a refusal is reported. Default: the file, line 1. */
    readonly namedAt?: SourcePosition;
    /** Code of the diagnostic when the file does not exist. Default: `file-missing`. */
    readonly missingCode?: string;
    /** What to do when the file does not exist, ending the message. */
    readonly missingHint?: string;
}

/** The text of a file (UTF-8, without a byte order mark), or why it was not read. */
export type SourceFile = { readonly text: string; readonly realPath: string } | { readonly refused: Diagnostic };

// Where a platform lacks a flag (Windows), it is undefined and counts as 0.
const OPEN_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW;

/**
 * Reads a file the tools read on a user's behalf (org file, policy files, stack config, policy
 * pack config, stack outputs), refusing, each with a diagnostic at `namedAt`: a file outside
 * `roots` once symlinks are resolved, anything but a regular file (directories, FIFOs, devices,
 * sockets: checked before opening, and again on the open descriptor), a file over `maxBytes`
 * (checked before reading, and while reading in case it grows), and text that is not UTF-8.
 * The file is opened non-blocking, so that nothing here can wait for a writer. Messages never
 * quote the file's content.
 */
export function readSourceFile(request: SourceFileRequest): SourceFile {
    const absolute = path.resolve(request.path);
    const refuse = (code: string, message: string): SourceFile => ({
        refused: { code, severity: "error", message, ...(request.namedAt ?? { file: absolute, line: 1, column: 1 }) },
    });
    let realPath: string;
    try {
        realPath = fs.realpathSync(absolute);
    } catch (e) {
        if (errorCode(e) === "ENOENT" || errorCode(e) === "ENOTDIR") {
            return refuse(request.missingCode ?? "file-missing", `${request.label} does not exist (looked for ${absolute})${request.missingHint === undefined ? "." : `; ${request.missingHint}`}`);
        }
        return refuse("file-unreadable", `${request.label} cannot be read (${errorText(e)}); check the path and its permissions.`);
    }
    if (request.roots !== undefined && !request.roots.some((root) => isInside(realPath, root))) {
        const where = request.roots.map((r) => `\`${r}\``).join(" or ");
        return refuse("file-outside-project", `${request.label} is outside the project (it is ${realPath}); only files inside ${where} are read. Move the file into the project and name it by a path inside it.`);
    }
    let fd: number | undefined;
    try {
        const before = fs.lstatSync(realPath);
        const kind = fileKind(before);
        if (kind !== "file") return refuse("file-not-regular", `${request.label} is ${kind}, not a regular file; name a file.`);
        if (before.size > request.maxBytes) return refuse("file-too-large", tooLarge(request, `has ${before.size.toLocaleString("en-US")} bytes`));
        fd = fs.openSync(realPath, OPEN_FLAGS);
        const opened = fs.fstatSync(fd);
        if (!opened.isFile() || opened.ino !== before.ino || opened.dev !== before.dev) {
            return refuse("file-not-regular", `${request.label} changed while it was opened; run the command again.`);
        }
        const bytes = readAtMost(fd, request.maxBytes + 1);
        if (bytes.length > request.maxBytes) return refuse("file-too-large", tooLarge(request, "grew while it was read"));
        let text: string;
        try {
            text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
            return refuse("file-not-utf8", `${request.label} is not UTF-8 text; save it as UTF-8.`);
        }
        return { text, realPath };
    } catch (e) {
        return refuse("file-unreadable", `${request.label} cannot be read (${errorText(e)}); check its permissions.`);
    } finally {
        if (fd !== undefined) fs.closeSync(fd);
    }
}

function readAtMost(fd: number, limit: number): Buffer {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
        const chunk = Buffer.alloc(Math.min(limit - total, 1024 * 1024));
        const n = fs.readSync(fd, chunk, 0, chunk.length, null);
        if (n === 0) break;
        chunks.push(chunk.subarray(0, n));
        total += n;
    }
    return Buffer.concat(chunks, total);
}

function fileKind(stats: fs.Stats): string {
    if (stats.isFile()) return "file";
    if (stats.isDirectory()) return "a directory";
    if (stats.isFIFO()) return "a named pipe (FIFO)";
    if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
    if (stats.isSocket()) return "a socket";
    return "not a file";
}

function tooLarge(request: SourceFileRequest, what: string): string {
    return `${request.label} ${what}, over the limit of ${request.maxBytes.toLocaleString("en-US")} bytes for a file of its kind; check that it is the file you meant.`;
}

function errorCode(e: unknown): string | undefined {
    const code = (e as { code?: unknown } | null)?.code;
    return typeof code === "string" ? code : undefined;
}

function errorText(e: unknown): string {
    return errorCode(e) ?? (e instanceof Error ? e.message : String(e));
}
