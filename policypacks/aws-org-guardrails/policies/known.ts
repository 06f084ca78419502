/**
 * Reading resource properties that may be unknown. During `pulumi preview`, a value that
 * depends on a resource not yet created (an id, most often) is unknown: CrossGuard throws
 * when a policy touches it. Policies read through these helpers so that an unknown value
 * skips a check instead of aborting the policy or faking a violation.
 */

/** The sentinels the Pulumi engine sends in place of unknown values, with the kind of each. */
export const UNKNOWN_SENTINELS: ReadonlyMap<string, string> = new Map([
    ["1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", "boolean"],
    ["3eeb2bf0-c639-47a8-9e75-3b44932eb421", "number"],
    ["04da6b54-80e4-46f7-96ec-b56ff0331ba9", "string"],
    ["6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", "Array"],
    ["030794c1-ac77-496b-92df-f27374a8bd58", "asset"],
    ["e48ece36-62e2-4504-bad9-02848725956a", "archive"],
    ["dd056dcd-154b-4c76-9bd3-c8f88648b5ff", "Object"],
]);

/** Marks a value that cannot be known until the update runs. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

/** True for the error CrossGuard throws when a policy reads an unknown value. */
export function isUnknownValueError(e: unknown): boolean {
    return e instanceof Error && "unknownTypeSentinel" in e;
}

/** The value at `path` below `value`; `UNKNOWN` when it, or an object on the way, is unknown. */
export function read(value: unknown, ...path: readonly (string | number)[]): unknown {
    let current: unknown = value;
    for (const key of path) {
        if (current === UNKNOWN) return UNKNOWN;
        if (typeof current !== "object" || current === null) return undefined;
        try {
            current = (current as Record<string | number, unknown>)[key];
        } catch (e) {
            if (isUnknownValueError(e)) return UNKNOWN;
            throw e;
        }
        if (typeof current === "string" && UNKNOWN_SENTINELS.has(current)) return UNKNOWN;
    }
    return current;
}

/** A string property: its value, `undefined` when absent or not a string, or `UNKNOWN`. */
export function readString(value: unknown, ...path: readonly (string | number)[]): string | undefined | Unknown {
    const v = read(value, ...path);
    return v === UNKNOWN || typeof v === "string" ? v : undefined;
}

/** A boolean property, as `readString` does for strings. */
export function readBoolean(value: unknown, ...path: readonly (string | number)[]): boolean | undefined | Unknown {
    const v = read(value, ...path);
    return v === UNKNOWN || typeof v === "boolean" ? v : undefined;
}

/** A list of strings; `UNKNOWN` when the list or any of its elements is unknown. */
export function readStringList(value: unknown, ...path: readonly (string | number)[]): string[] | undefined | Unknown {
    const list = read(value, ...path);
    if (list === UNKNOWN) return UNKNOWN;
    if (!Array.isArray(list)) return undefined;
    const result: string[] = [];
    for (let i = 0; i < list.length; i++) {
        const item = read(list, i);
        if (item === UNKNOWN) return UNKNOWN;
        if (typeof item === "string") result.push(item);
    }
    return result;
}

/** A map of strings (tags); `UNKNOWN` when the map or any of its values is unknown. */
export function readStringMap(value: unknown, ...path: readonly (string | number)[]): Record<string, string> | undefined | Unknown {
    const map = read(value, ...path);
    if (map === UNKNOWN) return UNKNOWN;
    if (typeof map !== "object" || map === null || Array.isArray(map)) return undefined;
    const result: Record<string, string> = {};
    for (const key of Object.keys(map)) {
        const item = read(map, key);
        if (item === UNKNOWN) return UNKNOWN;
        if (typeof item === "string") result[key] = item;
    }
    return result;
}
