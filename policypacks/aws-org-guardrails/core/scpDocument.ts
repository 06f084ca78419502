import { findNodeAtLocation, Node as JsonNode } from "jsonc-parser";
import { JsonTextProblem, MAX_JSON_DEPTH, parseJsonText } from "./jsonText";
import { asList, PolicyDocument, PolicyStatement } from "./policyDocument";

/** A problem in an SCP document, at a character offset of its text. */
export interface ScpProblem {
    readonly code: string;
    readonly message: string;
    readonly offset: number;
    /** Default: an error. */
    readonly severity?: "error" | "warning";
}

export interface ScpCheck {
    /** Present when the document is a valid SCP. */
    readonly document?: PolicyDocument;
    /** The minified text, as uploaded to AWS (present when the text is JSON). */
    readonly minified?: string;
    /** Parsed JSON tree with offsets, for callers that point at nodes (present when the text is JSON). */
    readonly tree?: JsonNode;
    readonly problems: readonly ScpProblem[];
}

const TOP_KEYS = ["Version", "Id", "Statement"];
const STATEMENT_KEYS = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"];

/**
 * Checks that `text` is a valid SCP: JSON, `Version` 2012-10-17, statements with `Effect` and
 * exactly one of `Action`/`NotAction`, no `Principal`. Since September 2025 SCPs accept the
 * full IAM language (conditions, resource ARNs, NotResource, NotAction in Allow), so all of
 * those are accepted here.
 */
export function checkScpText(text: string): ScpCheck {
    const json = parseJsonText(text);
    if (json.tree === undefined || json.value === undefined) return { problems: json.problems.map(jsonProblem) };
    const tree = json.tree;
    const minified = JSON.stringify(json.value);
    if (json.problems.length > 0) return { minified, tree, problems: json.problems.map(jsonProblem) };
    const problems: ScpProblem[] = [];
    const at = (node: JsonNode, code: string, message: string) => problems.push({ code, message, offset: node.offset });

    if (tree.type !== "object") {
        at(tree, "scp-invalid", "An SCP must be a JSON object with `Version` and `Statement`.");
        return { minified, tree, problems };
    }
    for (const prop of tree.children ?? []) {
        const key = prop.children?.[0];
        if (key && !TOP_KEYS.includes(String(key.value))) {
            at(key, "scp-invalid", `Unknown key \`${String(key.value)}\` in an SCP; expected one of ${TOP_KEYS.map((k) => `\`${k}\``).join(", ")}.`);
        }
    }
    const version = findNodeAtLocation(tree, ["Version"]);
    if (version === undefined) at(tree, "scp-invalid", "An SCP needs `\"Version\": \"2012-10-17\"`.");
    else if (version.value !== "2012-10-17") at(version, "scp-invalid", `\`Version\` must be \`2012-10-17\`, got \`${JSON.stringify(version.value)}\`.`);

    const statementNode = findNodeAtLocation(tree, ["Statement"]);
    const statements: JsonNode[] = [];
    if (statementNode === undefined) at(tree, "scp-invalid", "An SCP needs a `Statement`.");
    else if (statementNode.type === "object") statements.push(statementNode);
    else if (statementNode.type === "array" && (statementNode.children?.length ?? 0) > 0) statements.push(...(statementNode.children ?? []));
    else at(statementNode, "scp-invalid", "`Statement` must be a statement object or a non-empty list of them.");

    statements.forEach((s, i) => checkStatement(s, i, at));
    if (problems.length > 0) return { minified, tree, problems };

    const raw = json.value as { Version: "2012-10-17"; Statement: PolicyStatement | PolicyStatement[] };
    const document: PolicyDocument = { Version: raw.Version, Statement: Array.isArray(raw.Statement) ? raw.Statement : [raw.Statement] };
    return { document, minified, tree, problems };
}

function checkStatement(s: JsonNode, index: number, at: (node: JsonNode, code: string, message: string) => void): void {
    const label = `Statement ${index}`;
    if (s.type !== "object") {
        at(s, "scp-invalid", `${label} must be an object.`);
        return;
    }
    const keys = new Map<string, JsonNode>();
    for (const prop of s.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (key === undefined || value === undefined) continue;
        const name = String(key.value);
        keys.set(name, value);
        if (name === "Principal" || name === "NotPrincipal") {
            at(key, "scp-principal", `${label}: SCPs cannot use \`${name}\`; they apply to every principal of the accounts they are attached to.`);
        } else if (!STATEMENT_KEYS.includes(name)) {
            at(key, "scp-invalid", `${label}: unknown key \`${name}\`; expected one of ${STATEMENT_KEYS.map((k) => `\`${k}\``).join(", ")}.`);
        }
    }
    const effect = keys.get("Effect");
    if (effect === undefined) at(s, "scp-invalid", `${label} needs \`Effect\` (\`Allow\` or \`Deny\`).`);
    else if (effect.value !== "Allow" && effect.value !== "Deny") at(effect, "scp-invalid", `${label}: \`Effect\` must be \`Allow\` or \`Deny\`, got \`${JSON.stringify(effect.value)}\`.`);

    const action = keys.get("Action");
    const notAction = keys.get("NotAction");
    if (action === undefined && notAction === undefined) at(s, "scp-invalid", `${label} needs \`Action\` or \`NotAction\`.`);
    if (action !== undefined && notAction !== undefined) at(notAction, "scp-invalid", `${label} has both \`Action\` and \`NotAction\`; keep one.`);
    if (keys.has("Resource") && keys.has("NotResource")) at(keys.get("NotResource") as JsonNode, "scp-invalid", `${label} has both \`Resource\` and \`NotResource\`; keep one.`);
    for (const k of ["Action", "NotAction", "Resource", "NotResource"]) {
        const v = keys.get(k);
        if (v !== undefined && !isStringOrList(v)) at(v, "scp-invalid", `${label}: \`${k}\` must be a string or a non-empty list of strings.`);
    }
    const sid = keys.get("Sid");
    if (sid !== undefined && (typeof sid.value !== "string" || !/^[A-Za-z0-9]*$/.test(sid.value))) at(sid, "scp-invalid", `${label}: \`Sid\` must contain only letters and digits.`);
    const condition = keys.get("Condition");
    if (condition !== undefined) checkCondition(condition, label, at);
}

function checkCondition(c: JsonNode, label: string, at: (node: JsonNode, code: string, message: string) => void): void {
    if (c.type !== "object") {
        at(c, "scp-invalid", `${label}: \`Condition\` must map operators to { key: value } objects.`);
        return;
    }
    for (const prop of c.children ?? []) {
        const [op, block] = prop.children ?? [];
        if (op === undefined || block === undefined) continue;
        if (block.type !== "object") {
            at(block, "scp-invalid", `${label}: condition \`${String(op.value)}\` must be an object of condition keys.`);
            continue;
        }
        for (const entry of block.children ?? []) {
            const value = entry.children?.[1];
            // IAM accepts a list of mixed scalars, and an empty list (the SCP lint reports that one).
            if (value && !(isScalar(value) || (value.type === "array" && (value.children ?? []).every(isScalar)))) {
                at(value, "scp-invalid", `${label}: condition values must be strings, numbers, booleans or lists of them.`);
            }
        }
    }
}

function isScalar(n: JsonNode): boolean {
    return n.type === "string" || n.type === "number" || n.type === "boolean";
}

function isStringOrList(n: JsonNode): boolean {
    if (n.type === "string") return true;
    return n.type === "array" && (n.children?.length ?? 0) > 0 && (n.children ?? []).every((c) => c.type === "string");
}

function jsonProblem(p: JsonTextProblem): ScpProblem {
    switch (p.kind) {
        case "syntax":
            return { code: "scp-not-json", message: p.detail === "empty" ? "Policy file is empty." : `Policy file is not valid JSON: ${p.detail}.`, offset: p.offset };
        case "depth":
            return { code: "scp-too-deep", message: `The document is nested more than ${MAX_JSON_DEPTH} levels deep; an SCP needs at most six (document, \`Statement\`, statement, \`Condition\`, operator, values).`, offset: p.offset };
        case "duplicate-key":
            return {
                code: "scp-duplicate-key",
                message: `Key \`${p.detail}\` appears twice in the same object: the checks would read one copy and AWS the other. Keep one; several values go in one list, like \`"Action": ["a", "b"]\`.`,
                offset: p.offset,
            };
    }
}

/**
 * How an SCP restricts: an allow-list only restricts where FullAWSAccess is detached;
 * a deny-list restricts wherever it is attached.
 */
export type ScpStrategy = "full-access" | "allow-list" | "deny-list" | "mixed";

/**
 * How an SCP restricts. `full-access`: allows everything, denies nothing. `allow-list`:
 * allows only some actions, so it restricts only where FullAWSAccess is detached.
 * `deny-list`: only Deny statements. `mixed`: allows everything and denies some.
 */
export function scpStrategy(doc: PolicyDocument): ScpStrategy {
    const allows = doc.Statement.filter((s) => s.Effect === "Allow");
    const denies = doc.Statement.filter((s) => s.Effect === "Deny");
    const allowsEverything = allows.some(
        (s) => asList(s.Action).includes("*") && (s.Resource === undefined || asList(s.Resource).includes("*")) && s.Condition === undefined,
    );
    if (allows.length === 0) return "deny-list";
    if (!allowsEverything) return "allow-list";
    return denies.length === 0 ? "full-access" : "mixed";
}
