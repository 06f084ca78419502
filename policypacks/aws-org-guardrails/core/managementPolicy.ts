import { Node as JsonNode } from "jsonc-parser";
import { JsonTextProblem, MAX_JSON_DEPTH, parseJsonText } from "./jsonText";
import { OtherPolicyType, POLICY_TYPE_FACTS } from "./policyTypes";
import { ScpProblem } from "./scpDocument";

/** A JSON value as a management policy holds it. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | JsonObject;
export interface JsonObject {
    readonly [key: string]: JsonValue;
}

/** Management policy types: every type but SCPs and RCPs. */
export type ManagementPolicyType = Exclude<OtherPolicyType, "RCP">;

/**
 * The inheritance operators of management policies (AWS Organizations User Guide, "Inheritance
 * operators"): the value-setting ones and the child-control one.
 */
export const VALUE_OPERATORS = ["@@assign", "@@append", "@@remove"] as const;
export type ValueOperator = (typeof VALUE_OPERATORS)[number];
export const CHILD_CONTROL = "@@operators_allowed_for_child_policies";
/** What `@@operators_allowed_for_child_policies` may list: operators, `@@all` or `@@none`. */
const CHILD_CONTROL_VALUES = ["@@all", "@@none", ...VALUE_OPERATORS];

export function isValueOperator(key: string): key is ValueOperator {
    return (VALUE_OPERATORS as readonly string[]).includes(key);
}

/**
 * The keys each type accepts at the top, and (where the type's syntax page fixes them) the
 * keys inside each named entry. Types not listed here get the generic grammar only.
 * Sources: AWS Organizations User Guide, "Tag policy syntax", "Backup policy syntax",
 * "AI services opt-out policy syntax", "Declarative policy syntax", "Chat applications
 * policy syntax".
 */
interface TypeGrammar {
    readonly top: readonly string[];
    /** Keys allowed in each entry under the top key (a tag, a backup plan, a service). */
    readonly entry?: readonly string[];
    /** For an entry key: the values `@@assign` may take, when the syntax fixes them. */
    readonly assignValues?: Readonly<Record<string, readonly string[]>>;
}

const GRAMMARS: Partial<Record<ManagementPolicyType, TypeGrammar>> = {
    TAG: { top: ["tags"], entry: ["tag_key", "tag_value", "enforced_for", "report_required_tag_for"] },
    BACKUP: { top: ["plans"], entry: ["regions", "rules", "selections", "advanced_backup_settings", "backup_plan_tags"] },
    AI_OPT_OUT: { top: ["services"], entry: ["opt_out_policy"], assignValues: { opt_out_policy: ["optOut", "optIn"] } },
    DECLARATIVE_EC2: { top: ["ec2_attributes"] },
    CHATBOT: { top: ["chatbot"] },
};

export interface ManagementCheck {
    /** Present when the document is a valid policy of the type. */
    readonly value?: JsonObject;
    /** The minified text, as uploaded (present when the text is JSON). */
    readonly minified?: string;
    readonly problems: readonly ScpProblem[];
}

type At = (node: JsonNode, code: string, message: string) => void;

/**
 * Checks a management policy: JSON, an object whose top keys are the type's, every value set
 * through a value-setting operator (`@@assign`, `@@append`, `@@remove`; lists for the last
 * two), child control listing only operators, `@@all` or `@@none`, and the keys the type's
 * syntax fixes. The size limit is the caller's (it depends on overrides); problems are coded
 * `policy-…`.
 */
export function checkManagementText(text: string, type: ManagementPolicyType): ManagementCheck {
    const label = POLICY_TYPE_FACTS[type].label;
    const json = parseJsonText(text);
    if (json.tree === undefined || json.value === undefined) return { problems: json.problems.map((p) => jsonProblem(p, label)) };
    const tree = json.tree;
    const minified = JSON.stringify(json.value);
    if (json.problems.length > 0) return { minified, problems: json.problems.map((p) => jsonProblem(p, label)) };
    const problems: ScpProblem[] = [];
    const at: At = (node, code, message) => problems.push({ code, message, offset: node.offset });
    const grammar = GRAMMARS[type];
    if (tree.type !== "object") {
        at(tree, "policy-invalid", `A ${label} must be a JSON object${grammar === undefined ? "" : ` with ${list(grammar.top)}`}.`);
        return { minified, problems };
    }
    for (const [key, keyNode, value] of properties(tree)) {
        if (key === CHILD_CONTROL) {
            checkChildControl(value, at);
            continue;
        }
        if (grammar !== undefined && !grammar.top.includes(key)) {
            at(keyNode, "policy-unknown-key", `Unknown key \`${key}\` at the top of a ${label}; expected ${list([...grammar.top, CHILD_CONTROL])}.`);
            continue;
        }
        if (key.startsWith("@@")) {
            at(keyNode, "policy-invalid", `A ${label} sets no value at its top; put \`${key}\` inside ${grammar === undefined ? "a policy key" : list(grammar.top)}.`);
            continue;
        }
        checkEntries(value, key, label, grammar, at);
    }
    if (problems.length > 0) return { minified, problems: problems.sort((a, b) => a.offset - b.offset) };
    return { value: json.value as JsonObject, minified, problems };
}

/** The named entries under a top key (tags, plans, services), each checked against the type's entry keys. */
function checkEntries(node: JsonNode, topKey: string, label: string, grammar: TypeGrammar | undefined, at: At): void {
    if (node.type !== "object") {
        at(node, "policy-invalid", `\`${topKey}\` must be an object of named entries.`);
        return;
    }
    for (const [name, nameNode, entry] of properties(node)) {
        if (name === CHILD_CONTROL) {
            checkChildControl(entry, at);
            continue;
        }
        if (name.startsWith("@@")) {
            at(nameNode, "policy-invalid", `\`${topKey}\` holds named entries, not \`${name}\`; set values inside an entry.`);
            continue;
        }
        if (grammar?.entry === undefined) {
            // No entry keys fixed for the type: the generic grammar only.
            checkNode(entry, `${topKey}.${name}`, at);
            continue;
        }
        if (entry.type !== "object") {
            at(entry, "policy-invalid", `\`${topKey}.${name}\` must be an object.`);
            continue;
        }
        for (const [key, keyNode, value] of properties(entry)) {
            if (key === CHILD_CONTROL) {
                checkChildControl(value, at);
                continue;
            }
            if (!grammar.entry.includes(key)) {
                at(keyNode, "policy-unknown-key", `Unknown key \`${key}\` in \`${topKey}.${name}\` of a ${label}; expected ${list([...grammar.entry, CHILD_CONTROL])}.`);
                continue;
            }
            checkNode(value, `${topKey}.${name}.${key}`, at);
            const allowed = grammar.assignValues?.[key];
            const assigned = allowed === undefined ? undefined : propertyNode(value, "@@assign");
            if (allowed !== undefined && assigned !== undefined && (typeof assigned.value !== "string" || !allowed.includes(assigned.value))) {
                at(assigned, "policy-invalid", `\`${topKey}.${name}.${key}\` must be assigned one of ${list(allowed)}, got \`${JSON.stringify(assigned.value)}\`.`);
            }
            // Tag policy syntax: the policy key names the tag; `tag_key` may only change its case.
            const tagKey = topKey === "tags" && key === "tag_key" ? propertyNode(value, "@@assign") : undefined;
            if (tagKey !== undefined && (typeof tagKey.value !== "string" || tagKey.value.toLowerCase() !== name.toLowerCase())) {
                at(tagKey, "policy-invalid", `\`tags.${name}.tag_key\` must be \`${name}\` in any case (the policy key names the tag), got \`${JSON.stringify(tagKey.value)}\`.`);
            }
        }
    }
}

/**
 * A policy element below the entry level: an object that either sets a value (value-setting
 * operators, optionally with child control) or holds further elements.
 */
function checkNode(node: JsonNode, where: string, at: At): void {
    if (node.type !== "object") {
        at(node, "policy-invalid", `\`${where}\` must be set through an operator, like \`{ "@@assign": ${clipJson(node)} }\`.`);
        return;
    }
    const props = properties(node);
    const setsValue = props.some(([key]) => isValueOperator(key));
    for (const [key, keyNode, value] of props) {
        if (key === CHILD_CONTROL) checkChildControl(value, at);
        else if (isValueOperator(key)) {
            if ((key === "@@append" || key === "@@remove") && value.type !== "array") {
                at(value, "policy-invalid", `\`${key}\` in \`${where}\` takes a list of values.`);
            }
        } else if (key.startsWith("@@")) {
            at(keyNode, "policy-unknown-operator", `Unknown operator \`${key}\` in \`${where}\`; expected one of ${list([...VALUE_OPERATORS, CHILD_CONTROL])}.`);
        } else if (setsValue) {
            at(keyNode, "policy-invalid", `\`${where}\` sets a value with an operator, so it cannot also hold \`${key}\`; move \`${key}\` beside it.`);
        } else checkNode(value, `${where}.${key}`, at);
    }
    if (props.length === 0) at(node, "policy-invalid", `\`${where}\` is empty; set it with \`@@assign\`, \`@@append\` or \`@@remove\`, or remove it.`);
}

function checkChildControl(node: JsonNode, at: At): void {
    const values = node.type === "array" ? (node.children ?? []) : [];
    if (node.type !== "array" || values.length === 0) {
        at(node, "policy-child-control", `\`${CHILD_CONTROL}\` takes a non-empty list of ${list(CHILD_CONTROL_VALUES)}.`);
        return;
    }
    for (const v of values) {
        if (typeof v.value !== "string" || !CHILD_CONTROL_VALUES.includes(v.value)) {
            at(v, "policy-child-control", `\`${JSON.stringify(v.value)}\` in \`${CHILD_CONTROL}\` is not one of ${list(CHILD_CONTROL_VALUES)}.`);
        }
    }
    const alone = values.find((v) => (v.value === "@@all" || v.value === "@@none") && values.length > 1);
    if (alone !== undefined) at(alone, "policy-child-control", `\`${String(alone.value)}\` stands alone in \`${CHILD_CONTROL}\`; list it without other values.`);
}

function properties(node: JsonNode): [string, JsonNode, JsonNode][] {
    return (node.children ?? []).flatMap((p) => {
        const [key, value] = p.children ?? [];
        return key === undefined || value === undefined ? [] : [[String(key.value), key, value] as [string, JsonNode, JsonNode]];
    });
}

function propertyNode(node: JsonNode, key: string): JsonNode | undefined {
    return node.type === "object" ? properties(node).find(([k]) => k === key)?.[2] : undefined;
}

function list(values: readonly string[]): string {
    return values.map((v) => `\`${v}\``).join(", ");
}

function clipJson(node: JsonNode): string {
    // A JSON tree's node always has a value JSON can write.
    const text = JSON.stringify(node.value);
    return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function jsonProblem(p: JsonTextProblem, label: string): ScpProblem {
    switch (p.kind) {
        case "syntax":
            return { code: "policy-not-json", message: p.detail === "empty" ? "Policy file is empty." : `Policy file is not valid JSON: ${p.detail}.`, offset: p.offset };
        case "depth":
            return { code: "policy-too-deep", message: `The ${label} is nested more than ${MAX_JSON_DEPTH} levels deep.`, offset: p.offset };
        case "duplicate-key":
            return { code: "policy-duplicate-key", message: `Key \`${p.detail}\` appears twice in the same object: the checks would read one copy and AWS the other. Keep one.`, offset: p.offset };
    }
}
