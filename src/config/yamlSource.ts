import * as fs from "fs";
import { Document, isMap, isNode, isPair, isScalar, LineCounter, Node, parseDocument } from "yaml";
import { Diagnostic } from "../diagnostics/diagnostic";
import { SourcePosition } from "../model/types";
import { at } from "../../policypacks/aws-org-guardrails/core/at";

export type PathSegment = string | number;
export type NodePath = readonly PathSegment[];

/**
 * A parsed YAML (or JSON) file that can answer "where is this value?" for any path,
 * so every diagnostic points at the node that caused it.
 */
export class YamlSource {
    readonly document: Document.Parsed;
    private readonly lines = new LineCounter();

    constructor(
        readonly file: string,
        readonly text: string,
    ) {
        this.document = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    }

    static read(file: string): YamlSource {
        return new YamlSource(file, fs.readFileSync(file, "utf8"));
    }

    /** YAML syntax errors, each at its position. */
    syntaxDiagnostics(code = "yaml-syntax"): Diagnostic[] {
        return this.document.errors.map((e) => ({
            code,
            severity: "error" as const,
            message: `${at(e.message.split("\n"), 0).replace(/ at line \d+, column \d+:?$/, "")}.`,
            ...this.positionAtOffset(e.pos[0]),
        }));
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

    toJS(): unknown {
        return this.document.toJS();
    }
}
