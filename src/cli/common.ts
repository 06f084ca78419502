import * as path from "path";
import { ParseArgsConfig } from "util";
import { TextOutput } from "./commandIo";
import { ArgumentError } from "./exitStatus";
import { Diagnostic, formatDiagnostics, OrgConfigError } from "../diagnostics/diagnostic";
import { loadOrgFile } from "../config/loadOrgFile";
import { stackOrgFile } from "../config/stackOrgFile";
import { OrgModel } from "../model/types";

/** The project directory: where Pulumi.yaml and config/ live. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/** Options of the commands that read an org file: which one, and JSON output. */
export const COMMON_OPTIONS = {
    stack: { type: "string" },
    file: { type: "string" },
    json: { type: "boolean", default: false },
} as const satisfies ParseArgsConfig["options"];

/** The org file named by `--file` (relative to `cwd`), or the one of `--stack` (default `dev`). */
export function orgFileFromArgs(values: { stack?: string; file?: string }, cwd: string): string {
    if (values.file !== undefined && values.stack !== undefined) throw new ArgumentError("Use either --stack or --file, not both.");
    return values.file !== undefined ? path.resolve(cwd, values.file) : stackOrgFile(values.stack ?? "dev", PROJECT_DIR);
}

/**
 * Loads the org file for a command; its errors throw an `OrgConfigError` (exit status 1).
 * Warnings go to `stderr` (unless the command reports them itself), so `--json` output stays
 * one document.
 */
export function loadForCommand(file: string, options: { stderr: TextOutput; cwd: string; printWarnings: boolean }): { model: OrgModel; warnings: Diagnostic[] } {
    const result = loadOrgFile(file);
    if (result.model === undefined) throw new OrgConfigError(result.diagnostics);
    const warnings = result.diagnostics.filter((d) => d.severity === "warning");
    if (warnings.length > 0 && options.printWarnings) options.stderr.write(`${formatDiagnostics(warnings, options.cwd)}\n`);
    return { model: result.model, warnings };
}
