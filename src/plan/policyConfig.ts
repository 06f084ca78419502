import * as fs from "fs";
import type { PolicyConfigSchema } from "@pulumi/policy";
import type { PolicyConfigJSONSchemaDefinition } from "@pulumi/policy/schema";
import { findNodeAtLocation, getNodeValue, Node as JsonNode, parseTree, ParseError, printParseErrorCode } from "jsonc-parser";
import { Diagnostic, OrgConfigError, sortDiagnostics } from "../diagnostics/diagnostic";
import { didYouMean } from "../diagnostics/suggest";
import { positionInText } from "../diagnostics/textPosition";
import { EnforcementLevel } from "./types";

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];
const LEVEL_LIST = LEVELS.map((l) => `\`${l}\``).join(", ");

/** What the config says about one policy. */
export interface PolicySettings {
    readonly enforcementLevel?: EnforcementLevel;
    /** The policy's own settings, `enforcementLevel` excluded. */
    readonly properties: Readonly<Record<string, unknown>>;
}

/** A policy pack config: the JSON `pulumi preview --policy-pack-config` takes. */
export interface PolicyPackConfig {
    /** The file it was read from, for messages. */
    readonly file: string;
    /** The level `all` sets for every policy; a policy's own entry overrides it. */
    readonly all?: EnforcementLevel;
    readonly policies: ReadonlyMap<string, PolicySettings>;
    /** Where the key at `path` is written, for messages. */
    position(path: readonly string[]): { readonly line: number; readonly column: number };
}

/** No config: every policy at its own level with its schema's defaults. */
export const NO_POLICY_PACK_CONFIG: PolicyPackConfig = Object.freeze({ file: "", policies: new Map(), position: () => ({ line: 1, column: 1 }) });

/** What a policy needs to be configured: the subset of a CrossGuard policy read here. */
export interface ConfigurablePolicy {
    readonly name: string;
    readonly enforcementLevel?: EnforcementLevel;
    readonly configSchema?: PolicyConfigSchema;
}

/** A policy with its effective level and settings. */
export interface ConfiguredPolicy<P extends ConfigurablePolicy> {
    readonly policy: P;
    readonly enforcementLevel: EnforcementLevel;
    /** Schema defaults overlaid with the configured settings, as `getConfig` returns them. */
    readonly settings: Readonly<Record<string, unknown>>;
}

/** Reads a policy pack config file; throws `OrgConfigError` when it is missing or malformed. */
export function readPolicyPackConfig(file: string): PolicyPackConfig {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        throw new OrgConfigError([problem("policy-config-missing", `Policy pack config \`${file}\` cannot be read; check the path given to --policy-config.`, { file, line: 1, column: 1 })]);
    }
    return parsePolicyPackConfig(text, file);
}

/**
 * Parses a policy pack config as the Pulumi CLI does: each key is a policy name or `all`;
 * each value an enforcement level, or an object of settings with an optional
 * `enforcementLevel`. Empty text is no config. Throws `OrgConfigError` listing every problem.
 */
export function parsePolicyPackConfig(text: string, file: string): PolicyPackConfig {
    if (text.trim() === "") return { ...NO_POLICY_PACK_CONFIG, file };
    const at = (node: JsonNode) => positionInText(file, text, node.offset);
    const errors: ParseError[] = [];
    const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
    if (errors.length > 0 || tree === undefined) {
        const e = errors[0];
        const message = e ? `not valid JSON (${printParseErrorCode(e.error).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()})` : "empty";
        throw new OrgConfigError([problem("policy-config-syntax", `The policy pack config is ${message}; fix the JSON.`, positionInText(file, text, e?.offset ?? 0))]);
    }
    if (tree.type !== "object") {
        throw new OrgConfigError([problem("policy-config-invalid", "The policy pack config must be a JSON object mapping policy names (or `all`) to a level or to settings.", at(tree))]);
    }
    const diagnostics: Diagnostic[] = [];
    const policies = new Map<string, PolicySettings>();
    let all: EnforcementLevel | undefined;
    for (const property of tree.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (keyNode === undefined || valueNode === undefined) continue;
        const name = String(keyNode.value);
        const invalid = (message: string, node: JsonNode) => diagnostics.push(problem("policy-config-invalid", message, at(node)));
        let level: unknown;
        let properties: Record<string, unknown> = {};
        if (valueNode.type === "string") level = valueNode.value;
        else if (valueNode.type === "object") ({ enforcementLevel: level, ...properties } = getNodeValue(valueNode) as Record<string, unknown>);
        else {
            invalid(`\`${name}\` must be an enforcement level (${LEVEL_LIST}) or an object of settings, not ${describe(getNodeValue(valueNode))}.`, valueNode);
            continue;
        }
        if (level !== undefined && !LEVELS.includes(level as EnforcementLevel)) {
            const node = valueNode.type === "string" ? valueNode : (findNodeAtLocation(valueNode, ["enforcementLevel"]) ?? valueNode);
            invalid(`Enforcement level of \`${name}\` must be one of ${LEVEL_LIST}, not ${describe(level)}.`, node);
            continue;
        }
        const enforcementLevel = level as EnforcementLevel | undefined;
        if (name !== "all") policies.set(name, { enforcementLevel, properties });
        else if (Object.keys(properties).length > 0) invalid("`all` takes only an enforcement level; put settings under the policy they belong to.", keyNode);
        else all = enforcementLevel;
    }
    if (diagnostics.length > 0) throw new OrgConfigError(sortDiagnostics(diagnostics));
    return {
        file,
        all,
        policies,
        position: (path) => {
            const node = findNodeAtLocation(tree, [...path]);
            return positionInText(file, text, node?.parent?.type === "property" ? node.parent.offset : (node?.offset ?? 0));
        },
    };
}

/**
 * Gives each policy its level and settings as the Pulumi CLI would: the policy's own level
 * (`advisory` when it has none), then `all`, then the policy's entry; settings are the
 * schema's defaults overlaid with the entry's. Unknown policies and settings, and settings
 * the schema rejects, throw an `OrgConfigError` listing each one where it is written.
 */
export function configurePolicies<P extends ConfigurablePolicy>(policies: readonly P[], config: PolicyPackConfig): ConfiguredPolicy<P>[] {
    const diagnostics: Diagnostic[] = [];
    const error = (code: string, message: string, path: readonly string[]) => diagnostics.push(problem(code, message, { file: config.file, ...config.position(path) }));
    const names = policies.map((p) => p.name);
    for (const name of config.policies.keys()) {
        if (!names.includes(name)) {
            error("policy-config-unknown-policy", `The policy pack has no policy \`${name}\`.${didYouMean(name, names)} Its policies: ${names.map((n) => `\`${n}\``).join(", ")}.`, [name]);
        }
    }
    const configured = policies.map((policy) => {
        const entry = config.policies.get(policy.name);
        const schema = policy.configSchema?.properties ?? {};
        const settings: Record<string, unknown> = {};
        for (const [key, property] of Object.entries(schema)) {
            if (property.default === undefined) continue;
            const wrong = schemaProblems(property, property.default, key);
            // Defaults are written by the pack's authors, never by its users.
            if (wrong.length > 0) throw new Error(`Policy \`${policy.name}\` has an invalid default: ${wrong.join("; ")}.`);
            settings[key] = property.default;
        }
        for (const [key, value] of Object.entries(entry?.properties ?? {})) {
            if (!(key in schema)) {
                const known = Object.keys(schema);
                error(
                    "policy-config-unknown-setting",
                    known.length === 0
                        ? `Policy \`${policy.name}\` has no settings, only \`enforcementLevel\`; remove \`${key}\`.`
                        : `Policy \`${policy.name}\` has no setting \`${key}\`.${didYouMean(key, known)} Its settings: ${known.map((k) => `\`${k}\``).join(", ")}.`,
                    [policy.name, key],
                );
                continue;
            }
            for (const wrong of schemaProblems(schema[key], value, key)) error("policy-config-schema", `Policy \`${policy.name}\`: ${wrong}.`, [policy.name, key]);
            settings[key] = value;
        }
        for (const key of policy.configSchema?.required ?? []) {
            if (settings[key] === undefined) error("policy-config-schema", `Policy \`${policy.name}\` needs the setting \`${key}\`; add it to the policy's entry.`, [policy.name]);
        }
        const enforcementLevel = entry?.enforcementLevel ?? config.all ?? policy.enforcementLevel ?? "advisory";
        return { policy, enforcementLevel, settings };
    });
    if (diagnostics.length > 0) throw new OrgConfigError(sortDiagnostics(diagnostics));
    return configured;
}

const SUPPORTED_KEYWORDS = new Set([
    "type", "enum", "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern",
    "items", "minItems", "maxItems", "uniqueItems", "properties", "required", "additionalProperties", "description", "default",
]);

/**
 * What is wrong with `value` (called `label`, as in `allowedDomains[1]`) under a JSON schema,
 * in the subset policy config schemas use; a keyword outside it is the pack's mistake: throws.
 */
function schemaProblems(schema: PolicyConfigJSONSchemaDefinition, value: unknown, label: string): string[] {
    if (typeof schema === "boolean") return schema ? [] : [`\`${label}\` is not allowed`];
    for (const keyword of Object.keys(schema)) {
        if (!SUPPORTED_KEYWORDS.has(keyword)) throw new Error(`The offline policy runner does not support the JSON schema keyword \`${keyword}\`.`);
    }
    const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.length > 0 && !types.some((t) => hasType(value, t))) return [`\`${label}\` must be ${types.map((t) => (t === "integer" || t === "array" || t === "object" ? `an ${t}` : `a ${t}`)).join(" or ")}, not ${describe(value)}`];
    const problems: string[] = [];
    const check = (ok: boolean, rule: string) => {
        if (!ok) problems.push(`\`${label}\` must ${rule}, not ${describe(value)}`);
    };
    if (schema.enum !== undefined) check(schema.enum.some((e) => same(e, value)), `be one of ${schema.enum.map((e) => describe(e)).join(", ")}`);
    if (schema.const !== undefined) check(same(schema.const, value), `be ${describe(schema.const)}`);
    if (typeof value === "number") {
        if (schema.minimum !== undefined) check(value >= schema.minimum, `be at least ${schema.minimum}`);
        if (schema.maximum !== undefined) check(value <= schema.maximum, `be at most ${schema.maximum}`);
        if (schema.exclusiveMinimum !== undefined) check(value > schema.exclusiveMinimum, `be more than ${schema.exclusiveMinimum}`);
        if (schema.exclusiveMaximum !== undefined) check(value < schema.exclusiveMaximum, `be less than ${schema.exclusiveMaximum}`);
        if (schema.multipleOf !== undefined) check(Number.isInteger(value / schema.multipleOf), `be a multiple of ${schema.multipleOf}`);
    }
    if (typeof value === "string") {
        if (schema.minLength !== undefined) check(value.length >= schema.minLength, `have at least ${count(schema.minLength, "character")}`);
        if (schema.maxLength !== undefined) check(value.length <= schema.maxLength, `have at most ${count(schema.maxLength, "character")}`);
        if (schema.pattern !== undefined) check(new RegExp(schema.pattern, "u").test(value), `match \`${schema.pattern}\``);
    }
    if (Array.isArray(value)) {
        if (schema.minItems !== undefined) check(value.length >= schema.minItems, `have at least ${count(schema.minItems, "item")}`);
        if (schema.maxItems !== undefined) check(value.length <= schema.maxItems, `have at most ${count(schema.maxItems, "item")}`);
        if (schema.uniqueItems === true) check(new Set(value.map((v) => JSON.stringify(v))).size === value.length, "have no duplicates");
        const items = schema.items;
        value.forEach((item, i) => {
            const itemSchema = Array.isArray(items) ? items[i] : items;
            if (itemSchema !== undefined) problems.push(...schemaProblems(itemSchema, item, `${label}[${i}]`));
        });
    }
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        const object = value as Record<string, unknown>;
        for (const key of schema.required ?? []) check(key in object, `have \`${key}\``);
        for (const [key, item] of Object.entries(object)) {
            const itemSchema = schema.properties?.[key] ?? schema.additionalProperties;
            if (itemSchema !== undefined) problems.push(...schemaProblems(itemSchema, item, `${label}.${key}`));
        }
    }
    return problems;
}

function hasType(value: unknown, type: string): boolean {
    switch (type) {
        case "integer": return Number.isInteger(value);
        case "number": return typeof value === "number";
        case "array": return Array.isArray(value);
        case "object": return typeof value === "object" && value !== null && !Array.isArray(value);
        case "null": return value === null;
        default: return typeof value === type;
    }
}

function count(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function same(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

function describe(value: unknown): string {
    return `\`${JSON.stringify(value) ?? String(value)}\``;
}

function problem(code: string, message: string, position: { file: string; line: number; column: number }): Diagnostic {
    return { code, severity: "error", message, file: position.file, line: position.line, column: position.column };
}

/**
 * `config` with `defaults` filled in wherever it leaves a setting unset: lets the org file's
 * own limits (raised quotas) stand for policies the config does not tune.
 */
export function withDefaultSettings(config: PolicyPackConfig, defaults: Readonly<Record<string, Readonly<Record<string, unknown>>>>): PolicyPackConfig {
    const policies = new Map(config.policies);
    for (const [name, settings] of Object.entries(defaults)) {
        const current = policies.get(name);
        policies.set(name, { ...current, properties: { ...settings, ...(current?.properties ?? {}) } });
    }
    return { ...config, policies, position: config.position };
}
