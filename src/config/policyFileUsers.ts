import * as fs from "fs";
import * as path from "path";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";

/** A policy library entry of another org file that names one of the files about to change. */
export interface PolicyFileUser {
    /** The policy file it names (absolute). */
    readonly policyFile: string;
    /** The org file, and where its `file:` value is (1-based). */
    readonly orgFile: string;
    readonly line: number;
    readonly column: number;
    readonly policy: string;
}

/**
 * The entries of `orgFiles` whose `policies.<name>.file` is one of `policyFiles` (absolute
 * paths). Read leniently, as plain YAML: a file that does not parse, or is no org file, names
 * nothing; it is not this function's to judge.
 */
export function policyFileUsers(orgFiles: readonly string[], policyFiles: ReadonlySet<string>): PolicyFileUser[] {
    return orgFiles.flatMap((orgFile) => {
        let text: string;
        try {
            text = fs.readFileSync(orgFile, "utf8");
        } catch {
            return [];
        }
        const lines = new LineCounter();
        const doc = parseDocument(text, { lineCounter: lines });
        const library = doc.get("policies", true);
        if (!isMap(library)) return [];
        return library.items.flatMap((item) => {
            const entry = item.value;
            const name = isScalar(item.key) ? String(item.key.value) : "";
            if (!isMap(entry)) return [];
            const file = entry.get("file", true);
            if (!isScalar(file) || typeof file.value !== "string") return [];
            const policyFile = path.resolve(path.dirname(orgFile), file.value);
            if (!policyFiles.has(policyFile)) return [];
            const at = lines.linePos(file.range?.[0] ?? 0);
            return [{ policyFile, orgFile, line: at.line, column: at.col, policy: name }];
        });
    });
}
