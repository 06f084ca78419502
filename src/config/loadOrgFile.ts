import * as path from "path";
import { buildModel } from "./buildModel";
import { clipMessage } from "../diagnostics/clip";
import { Diagnostic, OrgConfigError, sortDiagnostics, SourcePosition } from "../diagnostics/diagnostic";
import { FILE_SIZE_LIMITS, readSourceFile } from "../files/readSourceFile";
import { orgFileSchema } from "./schema";
import { shapeDiagnostics } from "./shapeIssues";
import { YamlSource } from "./yamlSource";
import { OrgModel } from "../model/types";

export interface LoadResult {
    /** Present only when there is no error. */
    readonly model?: OrgModel;
    /** Errors and warnings, sorted by position. */
    readonly diagnostics: readonly Diagnostic[];
}

/** Where an org file may be, and where it was named. Every field is optional. */
export interface LoadOptions {
    /**
     * Folders the org file must lie in once symlinks are resolved, e.g. the project for the file
     * a stack names. Default: anywhere, as for a file named on the command line.
     */
    readonly roots?: readonly string[];
    /** Where the org file is named (`aws-org:orgFile`), where a refusal to read it is reported. */
    readonly namedAt?: SourcePosition;
}

/**
 * Loads an org file in three phases: YAML syntax, shape (keys and types), then rules and
 * references. Every problem of the failing phase is reported at once, each at its position.
 * The org file and its policy files are read only if they are regular files under the size
 * limits, the policy files only inside the org file's folder or its repository
 * (see `readSourceFile`); nothing here throws on any file content.
 */
export function loadOrgFile(file: string, options: LoadOptions = {}): LoadResult {
    return finish(load(path.resolve(file), file, options));
}

function load(absolute: string, written: string, options: LoadOptions): LoadResult {
    const read = readSourceFile({
        path: absolute,
        label: `Org file \`${written}\``,
        maxBytes: FILE_SIZE_LIMITS.orgFile,
        roots: options.roots,
        namedAt: options.namedAt,
        missingHint: "create it or pass another with --file",
    });
    if ("refused" in read) return { diagnostics: [read.refused] };
    const source = new YamlSource(absolute, read.text);
    const syntax = source.syntaxDiagnostics();
    if (syntax.length > 0) return { diagnostics: syntax };
    const parsed = orgFileSchema.safeParse(source.toJS() ?? {});
    if (!parsed.success) return { diagnostics: shapeDiagnostics(parsed.error, source, orgFileSchema) };
    return buildModel(parsed.data, source);
}

/** Sorted, with every message's quoted values clipped (a value can be a whole file long). */
function finish(result: LoadResult): LoadResult {
    return { ...result, diagnostics: sortDiagnostics(result.diagnostics).map((d) => ({ ...d, message: clipMessage(d.message) })) };
}

/** Loads an org file or throws an `OrgConfigError` listing every error. */
export function loadOrgModel(file: string, options: LoadOptions = {}): OrgModel {
    const result = loadOrgFile(file, options);
    if (result.model === undefined) throw new OrgConfigError(result.diagnostics);
    return result.model;
}
