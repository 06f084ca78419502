import type { PolicyConfigSchema } from "@pulumi/policy";
import { findNodeAtLocation, getNodeValue, Node as JsonNode } from "jsonc-parser";
import { Diagnostic, OrgConfigError, sortDiagnostics } from "../diagnostics/diagnostic";
import { didYouMean } from "../diagnostics/suggest";
import { LineIndex } from "../diagnostics/textPosition";
import { FILE_SIZE_LIMITS, readSourceFile } from "../files/readSourceFile";
import { parseJsonText } from "../../policypacks/aws-org-guardrails/core/jsonText";
import { quoteValue, settingsProblems } from "./settingsProblems";
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
    /** Where the key (or, by index, the list element) at `path` is written, for messages. */
    readonly position: (path: readonly (string | number)[]) => { readonly line: number; readonly column: number };
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

/**
 * Reads a policy pack config file, as every file is read (a regular file under its size limit,
 * see `readSourceFile`); throws `OrgConfigError` when it cannot be read or is malformed.
 */
export function readPolicyPackConfig(file: string): PolicyPackConfig {
    const read = readSourceFile({
        path: file,
        label: `Policy pack config \`${file}\``,
        maxBytes: FILE_SIZE_LIMITS.policyPackConfig,
        missingCode: "policy-config-missing",
        missingHint: "check the path given to --policy-config",
    });
    if ("refused" in read) throw new OrgConfigError([read.refused]);
    return parsePolicyPackConfig(read.text, file);
}

/**
 * Parses a policy pack config as the Pulumi CLI does: each key is a policy name or `all`;
 * each value an enforcement level, or an object of settings with an optional
 * `enforcementLevel`. Empty text is no config. Throws `OrgConfigError` listing every problem.
 */
export function parsePolicyPackConfig(text: string, file: string): PolicyPackConfig {
    if (text.trim() === "") return { ...NO_POLICY_PACK_CONFIG, file };
    const lines = new LineIndex(file, text);
    const at = (node: JsonNode) => lines.position(node.offset);
    const { tree, problems } = parseJsonText(text);
    if (tree === undefined || problems.length > 0) {
        // The Pulumi CLI keeps the last of two equal keys; a checker reading the first would judge another config.
        throw new OrgConfigError(
            problems.map((p) =>
                p.kind === "duplicate-key"
                    ? problem("policy-config-duplicate-key", `\`${p.detail}\` is set twice in this object of the policy pack config; keep one.`, lines.position(p.offset))
                    : p.kind === "depth"
                      ? problem("policy-config-syntax", `The policy pack config is ${p.detail}; no policy's settings need that much.`, lines.position(p.offset))
                      : problem("policy-config-syntax", `The policy pack config is not valid JSON (${p.detail}); fix the JSON.`, lines.position(p.offset)),
            ),
        );
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
            invalid(`\`${name}\` must be an enforcement level (${LEVEL_LIST}) or an object of settings, not ${quoteValue(getNodeValue(valueNode))}.`, valueNode);
            continue;
        }
        if (level !== undefined && !LEVELS.includes(level as EnforcementLevel)) {
            const node = valueNode.type === "string" ? valueNode : (findNodeAtLocation(valueNode, ["enforcementLevel"]) ?? valueNode);
            invalid(`Enforcement level of \`${name}\` must be one of ${LEVEL_LIST}, not ${quoteValue(level)}.`, node);
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
            return lines.position(node?.parent?.type === "property" ? node.parent.offset : (node?.offset ?? 0));
        },
    };
}

/**
 * Gives each policy its level and settings as the Pulumi CLI would: the policy's own level
 * (`advisory` when it has none), then `all`, then the policy's entry; settings are the
 * schema's defaults overlaid with the entry's, validated against the schema the CLI builds
 * from `configSchema`. Unknown policies and settings (which the CLI ignores), and settings
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
            if (property.default !== undefined) settings[key] = property.default;
        }
        for (const [key, value] of Object.entries(entry?.properties ?? {})) {
            if (key in schema) {
                settings[key] = value;
                continue;
            }
            const known = Object.keys(schema);
            error(
                "policy-config-unknown-setting",
                known.length === 0
                    ? `Policy \`${policy.name}\` has no settings, only \`enforcementLevel\`; remove \`${key}\`.`
                    : `Policy \`${policy.name}\` has no setting \`${key}\`.${didYouMean(key, known)} Its settings: ${known.map((k) => `\`${k}\``).join(", ")}.`,
                [policy.name, key],
            );
        }
        for (const wrong of settingsProblems(policy.name, policy.configSchema, settings)) {
            const setting = wrong.path[0];
            if (setting === undefined) {
                error("policy-config-schema", `Policy \`${policy.name}\` ${wrong.message}; add it to the policy's entry.`, [policy.name]);
            } else if (entry?.properties[setting] === undefined) {
                // Defaults are written by the pack's authors, never by its users.
                throw new Error(`Policy \`${policy.name}\` has an invalid default: ${wrong.message}.`);
            } else {
                error("policy-config-schema", `Policy \`${policy.name}\`: ${wrong.message}.`, [policy.name, setting]);
            }
        }
        const enforcementLevel = entry?.enforcementLevel ?? config.all ?? policy.enforcementLevel ?? "advisory";
        return { policy, enforcementLevel, settings };
    });
    if (diagnostics.length > 0) throw new OrgConfigError(sortDiagnostics(diagnostics));
    return configured;
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

/** `config` with only the entries of the named policies (`keep`) or without them. */
export function configFor(config: PolicyPackConfig, names: readonly string[], keep: boolean): PolicyPackConfig {
    return { ...config, policies: new Map([...config.policies].filter(([name]) => names.includes(name) === keep)), position: config.position };
}
