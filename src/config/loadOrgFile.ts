import * as fs from "fs";
import * as path from "path";
import { buildModel } from "./buildModel";
import { Diagnostic, OrgConfigError, sortDiagnostics } from "../diagnostics/diagnostic";
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

/**
 * Loads an org file in three phases: YAML syntax, shape (keys and types), then rules and
 * references. Every problem of the failing phase is reported at once, each at its position.
 */
export function loadOrgFile(file: string): LoadResult {
    const absolute = path.resolve(file);
    if (!fs.existsSync(absolute)) {
        return { diagnostics: [{ code: "file-missing", severity: "error", message: `Org file \`${file}\` does not exist; create it or pass another with --file.`, file: absolute, line: 1, column: 1 }] };
    }
    const source = YamlSource.read(absolute);
    const syntax = source.syntaxDiagnostics();
    if (syntax.length > 0) return { diagnostics: sortDiagnostics(syntax) };
    const parsed = orgFileSchema.safeParse(source.toJS() ?? {});
    if (!parsed.success) return { diagnostics: sortDiagnostics(shapeDiagnostics(parsed.error, source, orgFileSchema)) };
    const { model, diagnostics } = buildModel(parsed.data, source);
    return { model, diagnostics: sortDiagnostics(diagnostics) };
}

/** Loads an org file or throws an `OrgConfigError` listing every error. */
export function loadOrgModel(file: string): OrgModel {
    const result = loadOrgFile(file);
    if (result.model === undefined) throw new OrgConfigError(result.diagnostics);
    return result.model;
}
