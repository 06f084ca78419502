import { findNodeAtLocation, Node as JsonNode } from "jsonc-parser";
import { JsonTextProblem, MAX_JSON_DEPTH, parseJsonText } from "./jsonText";
import { asList, PolicyDocument, PolicyStatement } from "./policyDocument";
import { RCP_SERVICES } from "./rcpServices";

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
/** RCP syntax (AWS Organizations User Guide, "RCP syntax"): `Principal` instead of `NotAction`. */
const RCP_STATEMENT_KEYS = ["Sid", "Effect", "Principal", "Action", "Resource", "NotResource", "Condition"];

/** The two IAM-document policy types of Organizations, which share this grammar but for a few rules. */
type AuthorizationKind = "SCP" | "RCP";

type At = (node: JsonNode, code: string, message: string) => void;

/**
 * Checks that `text` is a valid SCP: JSON, `Version` 2012-10-17, statements with `Effect` and
 * exactly one of `Action`/`NotAction`, no `Principal`. Since September 2025 SCPs accept the
 * full IAM language (conditions, resource ARNs, NotResource, NotAction in Allow), so all of
 * those are accepted here.
 */
export function checkScpText(text: string): ScpCheck {
    return checkAuthorizationText(text, "SCP");
}

/**
 * Checks that `text` is a valid custom RCP: the SCP grammar, except that every statement is a
 * `Deny` (only the AWS-managed `RCPFullAWSAccess` may allow), names `"Principal": "*"`, uses no
 * `NotAction` or `NotPrincipal`, and acts only on the services RCPs support (`RCP_SERVICES`).
 * Problems are coded `rcp-…`.
 */
export function checkRcpText(text: string): ScpCheck {
    return checkAuthorizationText(text, "RCP");
}

function checkAuthorizationText(text: string, kind: AuthorizationKind): ScpCheck {
    const code = kind === "SCP" ? "scp-invalid" : "rcp-invalid";
    const article = kind === "SCP" ? "An SCP" : "An RCP";
    const json = parseJsonText(text);
    if (json.tree === undefined || json.value === undefined) return { problems: json.problems.map((p) => jsonProblem(p, kind)) };
    const tree = json.tree;
    const minified = JSON.stringify(json.value);
    if (json.problems.length > 0) return { minified, tree, problems: json.problems.map((p) => jsonProblem(p, kind)) };
    const problems: ScpProblem[] = [];
    const at: At = (node, problemCode, message) => problems.push({ code: problemCode, message, offset: node.offset });

    if (tree.type !== "object") {
        at(tree, code, `${article} must be a JSON object with \`Version\` and \`Statement\`.`);
        return { minified, tree, problems };
    }
    for (const prop of tree.children ?? []) {
        const key = prop.children?.[0];
        if (key && !TOP_KEYS.includes(String(key.value))) {
            at(key, code, `Unknown key \`${String(key.value)}\` in an ${kind}; expected one of ${TOP_KEYS.map((k) => `\`${k}\``).join(", ")}.`);
        }
    }
    const version = findNodeAtLocation(tree, ["Version"]);
    if (version === undefined) at(tree, code, `${article} needs \`"Version": "2012-10-17"\`.`);
    else if (version.value !== "2012-10-17") at(version, code, `\`Version\` must be \`2012-10-17\`, got \`${JSON.stringify(version.value)}\`.`);

    const statementNode = findNodeAtLocation(tree, ["Statement"]);
    const statements: JsonNode[] = [];
    if (statementNode === undefined) at(tree, code, `${article} needs a \`Statement\`.`);
    else if (statementNode.type === "object") statements.push(statementNode);
    else if (statementNode.type === "array" && (statementNode.children?.length ?? 0) > 0) statements.push(...(statementNode.children ?? []));
    else at(statementNode, code, "`Statement` must be a statement object or a non-empty list of them.");

    statements.forEach((s, i) => {
        checkStatement(s, i, kind, at);
    });
    if (problems.length > 0) return { minified, tree, problems };

    const raw = json.value as { Version: "2012-10-17"; Statement: PolicyStatement | PolicyStatement[] };
    const document: PolicyDocument = { Version: raw.Version, Statement: Array.isArray(raw.Statement) ? raw.Statement : [raw.Statement] };
    return { document, minified, tree, problems };
}

function checkStatement(s: JsonNode, index: number, kind: AuthorizationKind, at: At): void {
    const label = `Statement ${index}`;
    const code = kind === "SCP" ? "scp-invalid" : "rcp-invalid";
    const allowedKeys = kind === "SCP" ? STATEMENT_KEYS : RCP_STATEMENT_KEYS;
    if (s.type !== "object") {
        at(s, code, `${label} must be an object.`);
        return;
    }
    const keys = new Map<string, JsonNode>();
    for (const prop of s.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (key === undefined || value === undefined) continue;
        const name = String(key.value);
        keys.set(name, value);
        if (kind === "SCP" && (name === "Principal" || name === "NotPrincipal")) {
            at(key, "scp-principal", `${label}: SCPs cannot use \`${name}\`; they apply to every principal of the accounts they are attached to.`);
        } else if (kind === "RCP" && name === "NotAction") {
            // Reported with the RCP rules, with what to write instead.
        } else if (kind === "RCP" && name === "NotPrincipal") {
            at(key, "rcp-principal", `${label}: RCPs cannot use \`NotPrincipal\`; write \`"Principal": "*"\` and narrow the statement with a \`Condition\` such as \`aws:PrincipalOrgID\`.`);
        } else if (!allowedKeys.includes(name)) {
            at(key, code, `${label}: unknown key \`${name}\`; expected one of ${allowedKeys.map((k) => `\`${k}\``).join(", ")}.`);
        }
    }
    const effect = keys.get("Effect");
    if (effect === undefined) at(s, code, `${label} needs \`Effect\` (${kind === "SCP" ? "`Allow` or `Deny`" : "`Deny`"}).`);
    else if (effect.value !== "Allow" && effect.value !== "Deny") at(effect, code, `${label}: \`Effect\` must be \`Allow\` or \`Deny\`, got \`${JSON.stringify(effect.value)}\`.`);
    else if (kind === "RCP" && effect.value === "Allow") {
        at(effect, "rcp-allow", `${label}: a custom RCP can only \`Deny\`; \`Allow\` is reserved to the AWS-managed \`RCPFullAWSAccess\`, which AWS keeps attached everywhere.`);
    }
    if (kind === "RCP") checkRcpStatement(s, keys, label, at);

    const action = keys.get("Action");
    const notAction = keys.get("NotAction");
    if (action === undefined && (notAction === undefined || kind === "RCP")) at(s, code, `${label} needs \`Action\`${kind === "SCP" ? " or `NotAction`" : ""}.`);
    if (action !== undefined && notAction !== undefined) at(notAction, code, `${label} has both \`Action\` and \`NotAction\`; keep one.`);
    const notResource = keys.get("NotResource");
    if (keys.has("Resource") && notResource !== undefined) at(notResource, code, `${label} has both \`Resource\` and \`NotResource\`; keep one.`);
    for (const k of ["Action", "NotAction", "Resource", "NotResource"]) {
        const v = keys.get(k);
        if (v !== undefined && !isStringOrList(v)) at(v, code, `${label}: \`${k}\` must be a string or a non-empty list of strings.`);
    }
    const sid = keys.get("Sid");
    if (sid !== undefined && (typeof sid.value !== "string" || !/^[A-Za-z0-9]*$/.test(sid.value))) at(sid, code, `${label}: \`Sid\` must contain only letters and digits.`);
    const condition = keys.get("Condition");
    if (condition !== undefined) checkCondition(condition, label, code, at);
}

/** What an RCP statement needs beyond the SCP grammar: `Principal: "*"` and supported services only. */
function checkRcpStatement(s: JsonNode, keys: ReadonlyMap<string, JsonNode>, label: string, at: At): void {
    const principal = keys.get("Principal");
    if (principal === undefined) at(s, "rcp-principal", `${label} needs \`"Principal": "*"\`: an RCP applies to every principal that reaches the resource.`);
    else if (principal.value !== "*") {
        at(principal, "rcp-principal", `${label}: \`Principal\` must be \`"*"\` in an RCP; narrow the statement with a \`Condition\` (\`aws:PrincipalOrgID\`, \`aws:PrincipalAccount\`) instead.`);
    }
    const notAction = keys.get("NotAction");
    if (notAction !== undefined) at(notAction, "rcp-invalid", `${label}: RCPs cannot use \`NotAction\`; list the actions denied in \`Action\`.`);
    const action = keys.get("Action");
    const actions = action?.type === "string" ? [action] : action?.type === "array" ? (action.children ?? []) : [];
    for (const a of actions) {
        if (typeof a.value !== "string" || a.value === "*") continue;
        const prefix = a.value.split(":")[0]?.toLowerCase() ?? "";
        if (!RCP_SERVICES.includes(prefix)) {
            at(
                a,
                "rcp-unsupported-service",
                `${label}: \`${a.value}\` is an action of \`${prefix}\`, which RCPs do not apply to; RCPs support ${RCP_SERVICES.map((p) => `\`${p}\``).join(", ")}.`,
            );
        }
    }
}

function checkCondition(c: JsonNode, label: string, code: string, at: At): void {
    if (c.type !== "object") {
        at(c, code, `${label}: \`Condition\` must map operators to { key: value } objects.`);
        return;
    }
    for (const prop of c.children ?? []) {
        const [op, block] = prop.children ?? [];
        if (op === undefined || block === undefined) continue;
        if (block.type !== "object") {
            at(block, code, `${label}: condition \`${String(op.value)}\` must be an object of condition keys.`);
            continue;
        }
        for (const entry of block.children ?? []) {
            const value = entry.children?.[1];
            // IAM accepts a list of mixed scalars, and an empty list (the SCP lint reports that one).
            if (value && !(isScalar(value) || (value.type === "array" && (value.children ?? []).every(isScalar)))) {
                at(value, code, `${label}: condition values must be strings, numbers, booleans or lists of them.`);
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

function jsonProblem(p: JsonTextProblem, kind: AuthorizationKind): ScpProblem {
    const prefix = kind === "SCP" ? "scp" : "rcp";
    switch (p.kind) {
        case "syntax":
            return { code: `${prefix}-not-json`, message: p.detail === "empty" ? "Policy file is empty." : `Policy file is not valid JSON: ${p.detail}.`, offset: p.offset };
        case "depth":
            return { code: `${prefix}-too-deep`, message: `The document is nested more than ${MAX_JSON_DEPTH} levels deep; ${kind === "SCP" ? "an SCP" : "an RCP"} needs at most six (document, \`Statement\`, statement, \`Condition\`, operator, values).`, offset: p.offset };
        case "duplicate-key":
            return {
                code: `${prefix}-duplicate-key`,
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
