import * as path from "path";
import { parseArgs, ParseArgsConfig } from "util";
import { Diagnostic, formatDiagnostics } from "../diagnostics/diagnostic";
import { loadOrgFile } from "../config/loadOrgFile";
import { stackOrgFile } from "../config/stackOrgFile";
import { OrgModel } from "../model/types";

// Commands end with process.exit(); when stdout is a pipe, Node writes to it asynchronously and
// exit() would cut a large JSON document short. Blocking writes make every byte reach the reader.
for (const stream of [process.stdout, process.stderr]) {
    (stream as unknown as { _handle?: { setBlocking?: (blocking: boolean) => void } })._handle?.setBlocking?.(true);
}

/** The project directory: where Pulumi.yaml and config/ live. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/** Exit codes shared by every command (docs/commands.md). */
export const EXIT = { ok: 0, invalidConfig: 1, guardrailViolated: 2, drift: 3, awsError: 4, usage: 64 } as const;

/** Options every command accepts: which org file, and JSON output. */
export const COMMON_OPTIONS = {
    stack: { type: "string" },
    file: { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
} as const satisfies ParseArgsConfig["options"];

/** Parses argv strictly; an unknown flag prints the usage and exits with status 64. */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig["options"]>>(options: T, usage: string, argv = process.argv.slice(2)) {
    try {
        const parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
        if ((parsed.values as { help?: boolean }).help) {
            console.log(usage);
            process.exit(EXIT.ok);
        }
        return parsed.values;
    } catch (e) {
        console.error(`${(e as Error).message}\n\n${usage}`);
        process.exit(EXIT.usage);
    }
}

/** The org file named by `--file`, or the one of `--stack` (default `dev`). */
export function orgFileFromArgs(values: { stack?: string; file?: string }): string {
    if (values.file !== undefined && values.stack !== undefined) {
        console.error("Use either --stack or --file, not both.");
        process.exit(EXIT.usage);
    }
    return values.file !== undefined ? path.resolve(values.file) : stackOrgFile(values.stack ?? "dev", PROJECT_DIR);
}

/**
 * Loads the org file for a command. On errors, prints them (as JSON with `--json`) and exits
 * with status 1; warnings go to stderr so that `--json` output stays one document.
 */
export function loadForCommand(file: string, json: boolean, printWarnings = true): { model: OrgModel; warnings: Diagnostic[] } {
    const result = loadOrgFile(file);
    const warnings = result.diagnostics.filter((d) => d.severity === "warning");
    if (result.model === undefined) {
        if (json) printJson({ errors: result.diagnostics.filter((d) => d.severity === "error").map(jsonDiagnostic) });
        else console.error(formatDiagnostics(result.diagnostics));
        process.exit(EXIT.invalidConfig);
    }
    if (warnings.length > 0 && !json && printWarnings) console.error(formatDiagnostics(warnings));
    return { model: result.model, warnings };
}

export function jsonDiagnostic(d: Diagnostic): { file: string; line: number; column: number; message: string } {
    return { file: d.file, line: d.line, column: d.column, message: d.message };
}

export function printJson(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
