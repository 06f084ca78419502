import { isMap, isScalar, isSeq } from "yaml";
import { z } from "zod";
import { clip } from "../diagnostics/clip";
import { Diagnostic } from "../diagnostics/diagnostic";
import { didYouMean } from "../diagnostics/suggest";
import { NodePath, YamlSource } from "./yamlSource";

/** Turns schema issues into diagnostics at the offending YAML node, with our own wording. */
export function shapeDiagnostics(error: z.ZodError, source: YamlSource, schema: z.ZodType): Diagnostic[] {
    return error.issues.flatMap((issue) => toDiagnostics(issue, source, schema));
}

function toDiagnostics(issue: z.core.$ZodIssue, source: YamlSource, schema: z.ZodType): Diagnostic[] {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const where = describePath(path) || "the file";
    const at = (p: NodePath) => ({ severity: "error" as const, ...source.position(p) });
    switch (issue.code) {
        case "unrecognized_keys": {
            const allowed = allowedKeys(schema, path);
            return issue.keys.map((key) => ({
                code: "unknown-key",
                severity: "error" as const,
                message:
                    `Unknown key \`${key}\`${path.length ? ` in \`${where}\`` : ""}.` +
                    `${didYouMean(key, allowed)} Allowed keys: ${allowed.map((k) => `\`${k}\``).join(", ")}.`,
                ...source.keyPosition(path, key),
            }));
        }
        case "invalid_type": {
            if (!source.has(path)) {
                const key = String(path[path.length - 1]);
                if (path.length === 1) return [{ code: "missing-key", message: missingSection(key), ...at([]) }];
                return [{ code: "missing-key", message: `Missing required key \`${key}\` in \`${describePath(path.slice(0, -1)) || "the file"}\`.`, ...at(path.slice(0, -1)) }];
            }
            // As the file writes it: YAML reads `012345678901` as the number 12345678901.
            const written = source.written(path);
            const got = written !== undefined ? clip(written) : describeValue(path.length === 0 ? source.document.contents : source.document.getIn(path));
            const hint = issue.expected === "string" && written !== undefined && /^\d+$/.test(written) ? ` Quote it: "${written}".` : "";
            const subject = path.length === 0 ? "The file" : `\`${where}\``;
            return [{ code: "wrong-type", message: `${subject} must be ${article(issue.expected)}, got ${got}.${hint}`, ...at(path) }];
        }
        case "invalid_value":
            return [{
                code: "invalid-value",
                message: `\`${where}\` must be one of ${issue.values.map((v) => `\`${String(v)}\``).join(", ")}, got \`${String(source.document.getIn(path))}\`.`,
                ...at(path),
            }];
        case "too_small":
            return [{ code: "invalid-value", message: `\`${where}\` must be at least ${String(issue.minimum)}.`, ...at(path) }];
        default:
            return [{ code: "invalid-value", message: `\`${where}\`: ${issue.message}.`, ...at(path) }];
    }
}

/** `organizationalUnits[0].accounts[2].email` */
export function describePath(path: NodePath): string {
    return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/** What an org file without `organization` or `root` is told: it is most likely empty or cut short. */
function missingSection(key: string): string {
    return (
        `The file has no \`${key}\`. An org file names its \`organization\` and \`root\` even when they hold nothing ` +
        "(`organization: {}`, `root: {}`): a file without them is empty or cut short, and must not plan a brand-new organization."
    );
}

function describeValue(v: unknown): string {
    if (v === null || v === undefined) return "nothing";
    if (isSeq(v) || Array.isArray(v)) return "a list";
    if (isMap(v)) return "a map";
    if (isScalar(v)) return describeValue(v.value);
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what is left prints itself: a scalar's string, number or boolean, a Date, an alias (`*name`)
    return clip(String(v));
}

function article(type: string): string {
    const names: Record<string, string> = { array: "a list", object: "a map", record: "a map", map: "a map", string: "a string", number: "a number", boolean: "true or false" };
    return names[type] ?? type;
}

/** The keys the schema allows at `path`, for "did you mean" and the list in the message. */
function allowedKeys(schema: z.ZodType, path: NodePath): string[] {
    let node: z.ZodType | undefined = schema;
    for (const seg of path) {
        node = unwrap(node);
        if (node instanceof z.ZodObject) node = node.shape[String(seg)] as z.ZodType | undefined;
        else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
        else if (node instanceof z.ZodMap) node = node.valueType as z.ZodType;
        else return [];
    }
    node = unwrap(node);
    return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

/** The schema inside `optional` and inside the pipe of a map read as a `Map`. */
function unwrap(node: z.ZodType | undefined): z.ZodType | undefined {
    let n = node;
    while (n instanceof z.ZodOptional || n instanceof z.ZodPipe) n = (n instanceof z.ZodOptional ? n.unwrap() : n.out) as z.ZodType;
    // A value that is a name or a map (`groups: [a, { name: b }]`): its keys are the map's.
    if (n instanceof z.ZodUnion) {
        const maps = (n.options as readonly z.ZodType[]).filter((o) => o instanceof z.ZodObject);
        if (maps.length === 1) return maps[0];
    }
    return n;
}
