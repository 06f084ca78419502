import * as path from "path";

export type Severity = "error" | "warning";

/** Where a value came from: the file and its 1-based line and column. */
export interface SourcePosition {
    readonly file: string;
    readonly line: number;
    readonly column: number;
}

/** One problem found in an org file or a policy file, at a 1-based line and column. */
export interface Diagnostic {
    /** Stable identifier, listed in docs/diagnostics.md. */
    readonly code: string;
    readonly severity: Severity;
    readonly message: string;
    readonly file: string;
    readonly line: number;
    readonly column: number;
}

/** The one error class for problems a user can cause in their configuration. */
export class OrgConfigError extends Error {
    constructor(readonly diagnostics: readonly Diagnostic[]) {
        super(formatDiagnostics(diagnostics.filter((d) => d.severity === "error")));
        this.name = "OrgConfigError";
    }
}

/** `PATH:LINE:COLUMN: message [severity/CODE]`, with PATH relative to `cwd` when inside it. */
export function formatDiagnostic(d: Diagnostic, cwd: string = process.cwd()): string {
    return `${displayPath(d.file, cwd)}:${d.line}:${d.column}: ${d.message} [${d.severity}/${d.code}]`;
}

export function formatDiagnostics(ds: readonly Diagnostic[], cwd: string = process.cwd()): string {
    const lines = ds.map((d) => formatDiagnostic(d, cwd));
    const errors = ds.filter((d) => d.severity === "error").length;
    const warnings = ds.length - errors;
    lines.push(`${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
    return lines.join("\n");
}

export function displayPath(file: string, cwd: string): string {
    const rel = path.relative(cwd, file);
    return rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
}

/** Orders diagnostics by file, then position, so output is stable. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
    return [...ds].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
