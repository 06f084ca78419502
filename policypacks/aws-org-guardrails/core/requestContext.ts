/**
 * The request context an evaluation runs against: condition keys and their values. IAM
 * compares key names in any case, so keys are stored lower case. A key with several values
 * is multivalued (like `aws:TagKeys`); a key that is absent is not in the map.
 */
export type RequestContext = ReadonlyMap<string, readonly string[]>;

/** An empty context: every condition key is absent. */
export const EMPTY_CONTEXT: RequestContext = new Map();

/** Builds a context from `[key, value]` pairs; a key given twice becomes multivalued. */
export function requestContext(pairs: Iterable<readonly [string, string]>): RequestContext {
    const context = new Map<string, string[]>();
    for (const [key, value] of pairs) {
        const k = key.toLowerCase();
        const values = context.get(k);
        if (values === undefined) context.set(k, [value]);
        else values.push(value);
    }
    return context;
}

/** The values of a key, or undefined when the request does not carry it. */
export function contextValues(context: RequestContext, key: string): readonly string[] | undefined {
    return context.get(key.toLowerCase());
}
