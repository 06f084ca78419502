import * as path from "path";
import { isMap, isScalar, parseDocument, YAMLMap } from "yaml";
import { Diagnostic, SourcePosition } from "../diagnostics/diagnostic";
import { realFolder } from "../files/allowedRoots";
import { FILE_SIZE_LIMITS, readSourceFile } from "../files/readSourceFile";
import { LineIndex } from "../diagnostics/textPosition";
import { loadOrgFile, LoadResult } from "./loadOrgFile";

/** The org file of a stack, and where it is named. */
export interface StackOrgFile {
    /** Absolute path of the org file. */
    readonly file: string;
    /** The `aws-org:orgFile` value in `Pulumi.<stack>.yaml`, when it names the file. */
    readonly namedAt?: SourcePosition;
    /** Why `Pulumi.<stack>.yaml` could not be read; the default file is used then. */
    readonly diagnostics: readonly Diagnostic[];
}

/**
 * The org file of a stack: `aws-org:orgFile` in `Pulumi.<stack>.yaml` when set, otherwise
 * `config/<stack>.yaml`, relative to the project directory. The stack config is read like
 * every other file (inside the project, a regular file under its size limit).
 */
export function resolveStackOrgFile(stack: string, projectDir: string): StackOrgFile {
    const fallback = path.join(projectDir, "config", `${stack}.yaml`);
    const read = readStackConfig(stack, projectDir);
    if ("refused" in read) return { file: fallback, diagnostics: read.refused.code === "file-missing" ? [] : [read.refused] };
    const configured = read.config?.get("aws-org:orgFile", true);
    if (!isScalar(configured) || typeof configured.value !== "string") return { file: fallback, diagnostics: [] };
    const namedAt = new LineIndex(read.file, read.text).position(configured.range?.[0] ?? 0);
    return { file: path.resolve(projectDir, configured.value), namedAt, diagnostics: [] };
}

/** The stack's Region, `aws:region` in `Pulumi.<stack>.yaml`, when it is set (and the file can be read). */
export function stackRegion(stack: string, projectDir: string): string | undefined {
    const read = readStackConfig(stack, projectDir);
    const region = "refused" in read ? undefined : read.config?.get("aws:region", true);
    return isScalar(region) && typeof region.value === "string" ? region.value : undefined;
}

/** The `config` map of `Pulumi.<stack>.yaml`, read like every other file, or why it cannot be read. */
function readStackConfig(stack: string, projectDir: string): { refused: Diagnostic } | { file: string; text: string; config: YAMLMap | undefined } {
    const file = path.join(projectDir, `Pulumi.${stack}.yaml`);
    const read = readSourceFile({
        path: file,
        label: `Stack config \`Pulumi.${stack}.yaml\``,
        maxBytes: FILE_SIZE_LIMITS.stackConfig,
        roots: [realFolder(projectDir)],
    });
    if ("refused" in read) return { refused: read.refused };
    const document = parseDocument(read.text, { prettyErrors: false, uniqueKeys: true });
    const config = isMap(document.contents) ? document.contents.get("config", true) : undefined;
    return { file, text: read.text, config: isMap(config) ? config : undefined };
}

/** The org file of a stack (see {@link resolveStackOrgFile}). */
export function stackOrgFile(stack: string, projectDir: string): string {
    return resolveStackOrgFile(stack, projectDir).file;
}

/**
 * Loads a stack's org file. It must lie inside the project: a refusal points at the
 * `aws-org:orgFile` line of `Pulumi.<stack>.yaml` that names the file.
 */
export function loadStackOrgFile(stack: string, projectDir: string): LoadResult & { readonly file: string } {
    const resolved = resolveStackOrgFile(stack, projectDir);
    if (resolved.diagnostics.length > 0) return { file: resolved.file, diagnostics: resolved.diagnostics };
    return { file: resolved.file, ...loadOrgFile(resolved.file, { roots: [realFolder(projectDir)], namedAt: resolved.namedAt }) };
}
