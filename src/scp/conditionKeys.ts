import { closest } from "../diagnostics/suggest";
import { IamConditionKey, iamConditionKeyEntriesOf, iamGlobalConditionKeyEntries, iamUnassociatedConditionPrefixes, isIamService } from "./iamCatalog";

/** A private-use character: it cannot occur in a condition key, so it marks the variable parts. */
const VARIABLE_PART = "\uE000";

/** Where a catalogue key has a part that stands for any name: `${TagKey}`, or a final `/tag-key`. */
const VARIABLE_PARTS = /\$\{[^}]+\}|(?<=\/)tag-key$/gi;

const patterns = new Map<string, RegExp>();

/**
 * A catalogue key as a test of written keys: in any case (IAM compares key names so), its
 * variable parts standing for any name (`aws:PrincipalTag/tag-key`, `aws:RequestTag/${TagKey}`).
 */
export function conditionKeyPattern(key: string): RegExp {
    let re = patterns.get(key);
    if (re === undefined) {
        const source = key.replace(VARIABLE_PARTS, VARIABLE_PART).replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replaceAll(VARIABLE_PART, ".+");
        re = new RegExp(`^${source}$`, "i");
        patterns.set(key, re);
    }
    return re;
}

/** The catalogue key `written` is an instance of, among `keys`. */
export function findConditionKey(written: string, keys: readonly IamConditionKey[]): IamConditionKey | undefined {
    return keys.find((k) => conditionKeyPattern(k.key).test(written));
}

/** The service prefix of a key (`s3` of `s3:prefix`), lower case. */
export function keyPrefix(written: string): string {
    const colon = written.indexOf(":");
    return colon < 0 ? "" : written.slice(0, colon).toLowerCase();
}

/** What the catalogue says about a written condition key. */
export type KeyLookup =
    | { readonly kind: "global"; readonly key: IamConditionKey }
    | { readonly kind: "service"; readonly service: string; readonly key: IamConditionKey }
    /** A key of an identity provider or other prefix that belongs to no service (trust policies). */
    | { readonly kind: "unassociated" }
    | { readonly kind: "unknown" };

/** Looks a written key up: a global key, a key of its prefix's service, or neither. */
export function lookUpConditionKey(written: string): KeyLookup {
    const global = findConditionKey(written, iamGlobalConditionKeyEntries());
    if (global !== undefined) return { kind: "global", key: global };
    const service = keyPrefix(written);
    const key = isIamService(service) ? findConditionKey(written, iamConditionKeyEntriesOf(service)) : undefined;
    if (key !== undefined) return { kind: "service", service, key };
    return iamUnassociatedConditionPrefixes().has(service) ? { kind: "unassociated" } : { kind: "unknown" };
}

/**
 * The key a misspelled `written` most likely meant, among `candidates`: a key with a variable
 * part is offered with the name `written` gave it (`aws:PrincipalTg/team` → `aws:PrincipalTag/team`).
 */
export function closestConditionKey(written: string, candidates: readonly IamConditionKey[]): string | undefined {
    const slash = written.indexOf("/");
    const named = candidates.map((c) => {
        const variable = c.key.search(VARIABLE_PARTS);
        if (variable < 0) return c.key;
        const stem = c.key.slice(0, variable);
        return slash >= 0 && stem.endsWith("/") ? `${stem}${written.slice(slash + 1)}` : c.key;
    });
    return closest(written, named);
}
