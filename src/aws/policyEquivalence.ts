const LIST_KEYS = new Set(["Action", "NotAction", "Resource", "NotResource"]);

/**
 * A canonical form of a policy document, so that two texts that AWS treats as the same
 * policy compare equal: whitespace, key order, statement order, list order and a single
 * string versus a one-element list make no difference (the Pulumi provider ignores these
 * differences too). Text that is not JSON is returned unchanged.
 */
export function canonicalPolicy(text: string): string {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        return text;
    }
    if (!isObject(parsed)) return stable(parsed);
    const statements = Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement === undefined ? [] : [parsed.Statement];
    const sorted = statements.map(canonicalStatement).sort((a, b) => (stable(a) < stable(b) ? -1 : 1));
    return stable({ ...parsed, Statement: sorted });
}

/** Whether two policy texts are the same policy for AWS. */
export function samePolicy(a: string, b: string): boolean {
    return canonicalPolicy(a) === canonicalPolicy(b);
}

function canonicalStatement(statement: unknown): unknown {
    if (!isObject(statement)) return statement;
    return Object.fromEntries(Object.entries(statement).map(([k, v]) => [k, LIST_KEYS.has(k) ? (Array.isArray(v) ? v : [v]).map(String).sort() : v]));
}

/** JSON with object keys sorted at every level. */
function stable(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
    if (isObject(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable(value[k])}`).join(",")}}`;
    return JSON.stringify(value);
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
