import { Document, isAlias, isCollection, isMap, isNode, isPair, isScalar, LineCounter, Node, parseDocument, visit } from "yaml";
import { clip } from "../diagnostics/clip";
import { Diagnostic } from "../diagnostics/diagnostic";
import { SourcePosition } from "../model/types";

export type PathSegment = string | number;
export type NodePath = readonly PathSegment[];

/**
 * Deepest nesting of maps and lists read. An org file needs about 15 (five OU levels, each a
 * map in a list, then accounts and their tags); the model is built by recursion, so deeper
 * files are refused before that.
 */
export const MAX_YAML_DEPTH = 64;

/**
 * Most nodes aliases may expand to, counted as the `yaml` package counts them; a few repeated
 * tags sets stay far below, a "billion laughs" file (aliases of aliases) is refused.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * A parsed YAML (or JSON) file that can answer "where is this value?" for any path,
 * so every diagnostic points at the node that caused it.
 */
export class YamlSource {
    readonly document: Document.Parsed;
    private readonly lines = new LineCounter();
    private value: unknown;

    constructor(
        readonly file: string,
        readonly text: string,
    ) {
        // The parser makes an `Error` per problem, thousands for a broken file. Their stack
        // traces are never read, and capturing them took about a third of such a file's parse.
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            this.document = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
        } finally {
            Error.stackTraceLimit = limit;
        }
    }

    /**
     * YAML syntax errors (a key twice in one map included), nesting deeper than
     * {@link MAX_YAML_DEPTH} and aliases that expand past {@link MAX_ALIAS_COUNT}, each at its
     * position. When there is none, the value is read (see `toJS`).
     */
    syntaxDiagnostics(code = "yaml-syntax"): Diagnostic[] {
        const at = (c: string, message: string, offset: number): Diagnostic => ({ code: c, severity: "error", message, ...this.positionAtOffset(offset) });
        // The parser reports where its stack ran out, once per level it unwinds: keep the first.
        const exhausted = this.document.errors.find((e) => e.code === "RESOURCE_EXHAUSTION");
        // Past that point the parser's other errors (unmatched brackets, say) are its giving up,
        // and where its stack ends depends on the process: only the errors before it are the file's.
        const errors = this.document.errors
            .filter((e) => e.code !== "RESOURCE_EXHAUSTION" && (exhausted === undefined || e.pos[0] < exhausted.pos[0]))
            .map((e) => at(code, clip(`${(e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "")}.`, 200), e.pos[0]));
        if (exhausted !== undefined) errors.unshift(at("yaml-too-deep", tooDeep(), exhausted.pos[0]));
        if (errors.length > 0) return errors;
        const deep = this.firstTooDeep();
        if (deep !== undefined) return [at("yaml-too-deep", tooDeep(), deep)];
        const complexKey = this.firstComplexKey();
        if (complexKey !== undefined) {
            return [at("yaml-complex-key", "A map key here is a list, a map or an alias; keys of an org file are plain names. Write the key out.", complexKey)];
        }
        try {
            this.value = this.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
        } catch (e) {
            if (!(e instanceof ReferenceError)) throw e;
            return [
                at(
                    "yaml-alias-limit",
                    `YAML aliases (\`*name\`) here expand to more than ${MAX_ALIAS_COUNT} nodes, the limit that stops files built to exhaust memory; write the values out instead of aliasing aliases.`,
                    this.firstAlias(),
                ),
            ];
        }
        return [];
    }

    positionAtOffset(offset: number): SourcePosition {
        const { line, col } = this.lines.linePos(offset);
        return { file: this.file, line, column: col };
    }

    /** The value node at `path`, or the deepest existing ancestor when the path is missing. */
    nodeAt(path: NodePath): Node | undefined {
        for (let n = path.length; n >= 0; n--) {
            const node = this.document.getIn(path.slice(0, n), true);
            if (isNode(node)) return node;
        }
        return this.document.contents ?? undefined;
    }

    /** Position of the value at `path` (or of its deepest existing ancestor). */
    position(path: NodePath): SourcePosition {
        const node = this.nodeAt(path);
        return this.positionAtOffset(node?.range?.[0] ?? 0);
    }

    /** Position of the key `key` inside the map at `mapPath`, falling back to the map itself. */
    keyPosition(mapPath: NodePath, key: string): SourcePosition {
        const map = this.nodeAt(mapPath);
        if (isMap(map)) {
            for (const item of map.items) {
                if (isPair(item) && isScalar(item.key) && item.key.value === key && item.key.range) {
                    return this.positionAtOffset(item.key.range[0]);
                }
            }
        }
        return this.position(mapPath);
    }

    /** Whether `path` is written in the file (as opposed to defaulted). */
    has(path: NodePath): boolean {
        return this.document.hasIn(path);
    }

    /** A scalar exactly as the file writes it (`012345678901`, not the number YAML reads), or undefined. */
    written(path: NodePath): string | undefined {
        const node = path.length === 0 ? this.document.contents : this.document.getIn(path, true);
        return isScalar(node) && node.range !== undefined && node.range !== null ? this.text.slice(node.range[0], node.range[1]) : undefined;
    }

    /** The file's value, once `syntaxDiagnostics` found no problem. */
    toJS(): unknown {
        return this.value;
    }

    /** Offset of the first collection nested deeper than {@link MAX_YAML_DEPTH}, walking the tree without recursion. */
    private firstTooDeep(): number | undefined {
        const pending: { node: unknown; depth: number }[] = [{ node: this.document.contents, depth: 1 }];
        for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
            const { node, depth } = item;
            if (!isCollection(node)) continue;
            if (depth > MAX_YAML_DEPTH) return node.range?.[0] ?? 0;
            for (const child of node.items) {
                if (isPair(child)) pending.push({ node: child.key, depth: depth + 1 }, { node: child.value, depth: depth + 1 });
                else pending.push({ node: child, depth: depth + 1 });
            }
        }
        return undefined;
    }

    /** Offset of the first map key that is not a plain scalar (`? [a, b]: x`, `*anchor: x`). */
    private firstComplexKey(): number | undefined {
        let found: number | undefined;
        visit(this.document, {
            Pair(_, pair) {
                if (pair.key === null || isScalar(pair.key)) return undefined;
                found = isNode(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
                return visit.BREAK;
            },
        });
        return found;
    }

    private firstAlias(): number {
        let offset = 0;
        const pending: unknown[] = [this.document.contents];
        for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
            if (isAlias(node)) {
                const start = node.range?.[0] ?? 0;
                offset = offset === 0 ? start : Math.min(offset, start);
            } else if (isCollection(node)) {
                for (const child of node.items) pending.push(...(isPair(child) ? [child.key, child.value] : [child]));
            }
        }
        return offset;
    }
}

function tooDeep(): string {
    return `The file nests maps and lists more than ${MAX_YAML_DEPTH} levels deep; an org file needs far fewer (OUs go at most 5 levels deep). Check the indentation.`;
}
