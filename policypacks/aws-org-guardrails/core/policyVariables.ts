import { contextValues, RequestContext } from "./requestContext";
import { LITERAL_QUESTION, LITERAL_STAR } from "./wildcard";

// `${key}` or `${key, 'default'}`; a `''` inside the default stands for one quote.
const VARIABLE = /\$\{\s*([^,}]+?)\s*(?:,\s*'((?:[^']|'')*)'\s*)?\}/g;

/**
 * Replaces the policy variables in a `Resource` or condition value with values from the
 * request context, as IAM does: `${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, and
 * `${*}`, `${?}`, `${$}` for the literal characters. Substituted text matches literally, even
 * a `*` in it. Returns undefined when a variable has no value (its key is absent or
 * multivalued, and no default is given): IAM then treats the value as matching nothing.
 */
export function substituteVariables(text: string, context: RequestContext): string | undefined {
    if (!text.includes("${")) return text;
    const unresolved: string[] = [];
    const result = text.replace(VARIABLE, (_match, key: string, fallback: string | undefined) => {
        if (key === "*") return LITERAL_STAR;
        if (key === "?") return LITERAL_QUESTION;
        if (key === "$") return "$";
        const values = contextValues(context, key);
        const value = values?.length === 1 ? values[0] : fallback?.replace(/''/g, "'");
        if (value === undefined) {
            unresolved.push(key);
            return "";
        }
        return value.replace(/\*/g, LITERAL_STAR).replace(/\?/g, LITERAL_QUESTION);
    });
    return unresolved.length > 0 ? undefined : result;
}
