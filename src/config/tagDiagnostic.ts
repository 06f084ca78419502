import { Diagnostic } from "../diagnostics/diagnostic";
import { tagsProblem } from "./valueRules";
import { NodePath, YamlSource } from "./yamlSource";

/**
 * The diagnostic for a set of tags that breaks AWS's rules, at the offending key when the file
 * writes it in the map at `p` (otherwise at the map: an account's tags include the defaults).
 */
export function tagDiagnostic(source: YamlSource, p: NodePath, tags: Readonly<Record<string, string>> | undefined, what: string): Diagnostic | undefined {
    const found = tags === undefined ? undefined : tagsProblem(tags);
    if (found === undefined) return undefined;
    const at = found.key !== undefined && source.has([...p, found.key]) ? source.keyPosition(p, found.key) : source.position(p);
    return { code: "invalid-tags", severity: "error", message: `${what} ${found.problem}.`, ...at };
}
