import * as path from "path";
import { ParseArgsConfig } from "util";
import { TextOutput } from "./commandIo";
import { ArgumentError } from "./exitStatus";
import { Diagnostic, formatDiagnostics, OrgConfigError } from "../diagnostics/diagnostic";
import { loadOrgFile, LoadResult } from "../config/loadOrgFile";
import { loadStackOrgFile } from "../config/stackOrgFile";
import { OrgModel } from "../model/types";

/** The project directory: where Pulumi.yaml and config/ live. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/** Options of the commands that read an org file: which one, and JSON output. */
export const COMMON_OPTIONS = {
    stack: { type: "string" },
    file: { type: "string" },
    json: { type: "boolean", default: false },
} as const satisfies ParseArgsConfig["options"];

/** Which org file a command reads: `--file` (relative to `cwd`), or the one of `--stack` (default `dev`). */
export interface OrgFileArguments {
    readonly stack?: string;
    readonly file?: string;
}

/**
 * Loads the org file for a command; its errors throw an `OrgConfigError` (exit status 1).
 * A file named on the command line (`--file`) may be anywhere; a stack's file, named by
 * `aws-org:orgFile` in `Pulumi.<stack>.yaml`, must lie inside the project (a refusal points at
 * that line). Warnings go to `stderr` (unless the command reports them itself), so `--json`
 * output stays one document.
 */
export function loadForCommand(
    values: OrgFileArguments,
    options: { stderr: TextOutput; cwd: string; printWarnings: boolean },
): { file: string; model: OrgModel; warnings: Diagnostic[] } {
    if (values.file !== undefined && values.stack !== undefined) throw new ArgumentError("Use either --stack or --file, not both.");
    let file: string;
    let result: LoadResult;
    if (values.file !== undefined) {
        file = path.resolve(options.cwd, values.file);
        result = loadOrgFile(file);
    } else {
        ({ file, ...result } = loadStackOrgFile(values.stack ?? "dev", PROJECT_DIR));
    }
    if (result.model === undefined) throw new OrgConfigError(result.diagnostics);
    const warnings = result.diagnostics.filter((d) => d.severity === "warning");
    if (warnings.length > 0 && options.printWarnings) options.stderr.write(`${formatDiagnostics(warnings, options.cwd)}\n`);
    return { file, model: result.model, warnings };
}
