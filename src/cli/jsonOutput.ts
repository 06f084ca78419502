import { TextOutput } from "./commandIo";
import { Diagnostic } from "../diagnostics/diagnostic";

/** A diagnostic in the documented JSON shape (interfaces.md §3). */
export function jsonDiagnostic(d: Diagnostic): { file: string; line: number; column: number; message: string } {
    return { file: d.file, line: d.line, column: d.column, message: d.message };
}

/** `value` as the one JSON document of a command's stdout. */
export function printJson(out: TextOutput, value: unknown): void {
    out.write(`${JSON.stringify(value, null, 2)}\n`);
}
