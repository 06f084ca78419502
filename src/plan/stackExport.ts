import { findNodeAtLocation, getNodeValue, Node, parseTree, ParseError, printParseErrorCode } from "jsonc-parser";
import { DeployedResource, ENCRYPTED, SecretValue, urnName } from "./deployedResource";
import { Diagnostic } from "../diagnostics/diagnostic";
import { LineIndex } from "../diagnostics/textPosition";

/** Pulumi's signature key and the secret signature of its property values (Pulumi's deployment schema). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Types of the stack's own bookkeeping, which the program never registers. */
const BOOKKEEPING_TYPE = /^pulumi:(pulumi:Stack$|providers:)/;

/**
 * The resources of a `pulumi stack export` document, deployment version 3 (Pulumi's
 * "Deployment Schema": `{version: 3, deployment: {manifest, resources: [Resource V3]}}`). The
 * stack itself and the provider resources are left out; so are resources pending deletion
 * (`delete: true`) and those Pulumi only reads (`external: true`). Secret values stay secret:
 * a decrypted one (`--show-secrets`) is compared by its value, an encrypted one by nothing.
 * Every problem is a diagnostic at its place in the file.
 */
export function readStackExport(file: string, text: string): { resources?: DeployedResource[]; diagnostics: Diagnostic[] } {
    const lines = new LineIndex(file, text);
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    const problem = (node: Node | undefined, message: string): { diagnostics: Diagnostic[] } => ({
        diagnostics: [{ code: "invalid-stack-export", severity: "error", message, ...lines.position(node?.offset ?? 0) }],
    });
    const [firstError] = errors;
    if (firstError !== undefined || root === undefined) {
        const what = firstError === undefined ? "is empty" : `is not JSON (${printParseErrorCode(firstError.error)})`;
        return { diagnostics: [{ code: "invalid-stack-export", severity: "error", message: `The stack export ${what}; give the output of \`pulumi stack export\`.`, ...lines.position(firstError?.offset ?? 0) }] };
    }
    if (root.type !== "object") return problem(root, "A stack export is a JSON object (`{\"version\": 3, \"deployment\": …}`); give the output of `pulumi stack export`.");
    const version = findNodeAtLocation(root, ["version"]);
    if (version === undefined) return problem(root, "The stack export has no `version`; give the output of `pulumi stack export`.");
    if (getNodeValue(version) !== 3) return problem(version, `The stack export is deployment version ${JSON.stringify(getNodeValue(version))}; only version 3 (Pulumi 3) is read. Export it again with a current Pulumi CLI.`);
    const deployment = findNodeAtLocation(root, ["deployment"]);
    if (deployment?.type !== "object") return problem(deployment ?? root, "The stack export has no `deployment` object.");
    const list = findNodeAtLocation(deployment, ["resources"]);
    // A stack that was never deployed (or was destroyed) has no `resources`.
    if (list === undefined) return { resources: [], diagnostics: [] };
    if (list.type !== "array") return problem(list, "`deployment.resources` must be a list of resources.");

    const diagnostics: Diagnostic[] = [];
    const resources: DeployedResource[] = [];
    for (const node of list.children ?? []) {
        const at = (key: string) => findNodeAtLocation(node, [key]);
        const urn = at("urn");
        const urnValue: unknown = urn === undefined ? undefined : getNodeValue(urn);
        if (node.type !== "object" || typeof urnValue !== "string" || !urnValue.startsWith("urn:pulumi:") || urnValue.split("::").length < 4) {
            diagnostics.push(problem(urn ?? node, "A resource of the stack export needs a `urn` like `urn:pulumi:STACK::PROJECT::TYPE::NAME`.").diagnostics[0] as Diagnostic);
            continue;
        }
        const value = (key: string): unknown => {
            const n = at(key);
            return n === undefined ? undefined : getNodeValue(n);
        };
        const type = typeof value("type") === "string" ? (value("type") as string) : (urnValue.split("::")[2]?.split("$").pop() ?? "");
        if (BOOKKEEPING_TYPE.test(type) || value("delete") === true || value("external") === true) continue;
        const inputs = objectOf(value("inputs"));
        const defaults = Array.isArray(inputs.__defaults) ? inputs.__defaults.filter((d): d is string => typeof d === "string") : [];
        delete inputs.__defaults;
        // The Node.js dynamic provider keeps its serialized code among the inputs.
        delete inputs.__provider;
        const id = value("id");
        const parent = value("parent");
        resources.push({
            urn: urnValue,
            type,
            name: urnName(urnValue),
            custom: value("custom") === true,
            parentUrn: typeof parent === "string" && !/::pulumi:pulumi:Stack::/.test(parent) ? parent : null,
            ...(typeof id === "string" && id !== "" ? { id } : {}),
            inputs,
            outputs: objectOf(value("outputs")),
            protect: value("protect") === true,
            defaults,
        });
    }
    return diagnostics.length > 0 ? { diagnostics } : { resources, diagnostics };
}

function objectOf(value: unknown): Record<string, unknown> {
    const revealed = reveal(value);
    return revealed !== null && typeof revealed === "object" && !Array.isArray(revealed) ? { ...(revealed as Record<string, unknown>) } : {};
}

/** Property values with Pulumi's secret envelopes turned into {@link SecretValue}s. */
function reveal(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(reveal);
    if (value === null || typeof value !== "object") return value;
    const object = value as Record<string, unknown>;
    if (object[SIG_KEY] === SECRET_SIG) {
        if (typeof object.plaintext === "string") {
            try {
                return new SecretValue(JSON.parse(object.plaintext));
            } catch {
                return new SecretValue(object.plaintext);
            }
        }
        return new SecretValue(ENCRYPTED);
    }
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, reveal(v)]));
}
