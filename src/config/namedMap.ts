import { z } from "zod";

/**
 * A map whose keys are names (tags, the SCP library), read as a `Map`: every key stays an
 * ordinary name, `__proto__` and `constructor` included, where a plain object would lose one
 * (zod drops a record's `__proto__` key without a word).
 */
export function namedMap<T extends z.ZodType>(value: T) {
    return z.preprocess((input) => (typeof input === "object" && input !== null && !Array.isArray(input) ? new Map(Object.entries(input)) : input), z.map(z.string(), value));
}
