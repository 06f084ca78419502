import { Node as JsonNode, parseTree, ParseError, printParseErrorCode } from "jsonc-parser";

/**
 * Deepest nesting of arrays and objects read. An SCP needs six levels (document, `Statement`,
 * statement, `Condition`, operator, values); deeper text is refused before it is parsed, since
 * the parser recurses once per level.
 */
export const MAX_JSON_DEPTH = 64;

/** Why a JSON text was refused, at a character offset of it. */
export interface JsonTextProblem {
    /** `syntax`: not JSON (or empty); `depth`: nested too deeply; `duplicate-key`: a key twice in one object. */
    readonly kind: "syntax" | "depth" | "duplicate-key";
    /** What is wrong, in a few words, or the duplicated key. */
    readonly detail: string;
    readonly offset: number;
}

export interface JsonText {
    /** The parsed tree with offsets; present when the text is JSON of allowed depth. */
    readonly tree?: JsonNode;
    /** The value, as `JSON.parse` reads it; present with the tree. */
    readonly value?: unknown;
    readonly problems: readonly JsonTextProblem[];
}

/**
 * Parses JSON into a tree with offsets and into its value. A key written twice in one object is
 * a problem at its second occurrence: JSON readers disagree on which copy counts (the tree's
 * lookups find the first, `JSON.parse` and AWS keep the last), so a checker and AWS would read
 * two different documents. A byte order mark is read as a space, so offsets stay those of the text.
 */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): JsonText {
    const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
    const tooDeep = depthOver(source, maxDepth);
    if (tooDeep !== undefined) return { problems: [{ kind: "depth", detail: `nested more than ${maxDepth} levels deep`, offset: tooDeep }] };
    const errors: ParseError[] = [];
    const tree = parseTree(source, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    if (first !== undefined || tree === undefined) {
        const detail = first === undefined ? "empty" : printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
        return { problems: [{ kind: "syntax", detail, offset: first?.offset ?? 0 }] };
    }
    return { tree, value: JSON.parse(source) as unknown, problems: duplicateKeys(tree) };
}

/** Offset of the first `[` or `{` nested deeper than `maxDepth`, outside strings. */
function depthOver(text: string, maxDepth: number): number | undefined {
    let depth = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
            if (c === 0x5c) i++;
            else if (c === 0x22) inString = false;
        } else if (c === 0x22) inString = true;
        else if (c === 0x5b || c === 0x7b) {
            if (++depth > maxDepth) return i;
        } else if (c === 0x5d || c === 0x7d) depth--;
    }
    return undefined;
}

function duplicateKeys(tree: JsonNode): JsonTextProblem[] {
    const problems: JsonTextProblem[] = [];
    const pending: JsonNode[] = [tree];
    for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
        if (node.type === "object") {
            const seen = new Set<string>();
            for (const property of node.children ?? []) {
                const [key, value] = property.children ?? [];
                if (key === undefined) continue;
                const name = String(key.value);
                if (seen.has(name)) problems.push({ kind: "duplicate-key", detail: name, offset: key.offset });
                seen.add(name);
                if (value !== undefined) pending.push(value);
            }
        } else if (node.type === "array") {
            pending.push(...(node.children ?? []));
        }
    }
    return problems.sort((a, b) => a.offset - b.offset);
}
