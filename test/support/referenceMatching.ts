import { PolicyStatement } from "../../policypacks/aws-org-guardrails/core/policyDocument";

/*
 * IAM's action matching read literally, for the reference evaluators of the property tests:
 * a recursive glob, no caching, no compilation, nothing shared with the product's matcher.
 */

/** `*` matches any run of characters, `?` exactly one. */
export function glob(pattern: string, text: string): boolean {
    if (pattern === "") return text === "";
    if (pattern[0] === "*") return glob(pattern.slice(1), text) || (text !== "" && glob(pattern, text.slice(1)));
    return text !== "" && (pattern[0] === "?" || pattern[0] === text[0]) && glob(pattern.slice(1), text.slice(1));
}

/** Whether a statement's `Action` names the action, or its `NotAction` does not (in any case). */
export function statementMatches(s: PolicyStatement, action: string): boolean {
    const list = (v: string | readonly string[] | undefined) => (v === undefined ? [] : typeof v === "string" ? [v] : v);
    const hit = (patterns: readonly string[]) => patterns.some((p) => glob(p.toLowerCase(), action.toLowerCase()));
    return s.Action !== undefined ? hit(list(s.Action)) : !hit(list(s.NotAction));
}
