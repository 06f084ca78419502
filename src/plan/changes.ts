import { DeployedResource, ENCRYPTED, SecretValue, urnName } from "./deployedResource";
import { PROVIDER_DIFFS, replaceRule } from "./replaceRules";
import { CapturedResource } from "./types";
import { TYPES } from "../../policypacks/aws-org-guardrails/core/names";

export type ChangeOp = "create" | "update" | "replace" | "delete" | "adopt" | "same";

/** One changed input: its old and new value, and whether the change replaces the resource. */
export interface PropertyDiff {
    readonly property: string;
    readonly old: unknown;
    readonly new: unknown;
    readonly replaces: boolean;
    /** Why the change replaces, from the provider's rule. */
    readonly because?: string;
}

/** What `pulumi up` does to one resource. */
export interface ResourceChange {
    /** The resource's URN (its old one for a delete). */
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly op: ChangeOp;
    readonly diffs: readonly PropertyDiff[];
    readonly custom: boolean;
    /** The resource the program registers; absent for a delete. */
    readonly after?: CapturedResource;
    /** What exists before; absent for a create or adopt. */
    readonly before?: DeployedResource;
}

/** A value that is known only once `pulumi up` has created what it comes from. */
export const UNKNOWN_VALUE = "[unknown until created]";

type IdMap = ReadonlyMap<string, string>;

/**
 * What `pulumi up` would do to go from `before` (undefined: an empty state) to the program's
 * resources, with the engine's semantics: a resource is matched by its URN or one of its
 * aliases' (a child also by its name under the URN its parent matched), compared input by
 * input as its provider compares them (`PROVIDER_DIFFS`), except inputs it ignores changes of
 * or the provider filled with defaults; a change of a replace-on-change input
 * (`REPLACE_RULES`, or the resource's `replaceOnChanges`) replaces it. An input made of
 * another resource's id is compared by what that resource is before: the same resource gives
 * the same id even where the two plans' made-up ids differ, a created or replaced one an id
 * unknown until then. What the program no longer registers is deleted.
 */
export function computeChanges(after: readonly CapturedResource[], before: readonly DeployedResource[] | undefined): ResourceChange[] {
    const old = new Map((before ?? []).map((b) => [b.urn, b]));
    const matched = new Map<string, DeployedResource>();
    const used = new Set<string>();
    /** For each resource of the program, its made-up ids and outputs → what they are before. */
    const idMaps = new Map<string, IdMap>();
    const changes: ResourceChange[] = [];
    for (const a of after) {
        const b = candidates(a, matched).map((urn) => old.get(urn)).find((r) => r !== undefined && !used.has(r.urn));
        if (b === undefined) {
            changes.push({ urn: a.urn, type: a.type, name: a.name, op: a.options.import !== undefined ? "adopt" : "create", diffs: [], custom: a.custom, after: a });
            idMaps.set(a.urn, unknownIds(a));
            continue;
        }
        used.add(b.urn);
        matched.set(a.urn, b);
        const diffs = a.custom ? diffInputs(a, b, idMaps) : [];
        const op: ChangeOp = diffs.some((d) => d.replaces) ? "replace" : diffs.length > 0 ? "update" : "same";
        idMaps.set(a.urn, op === "replace" ? unknownIds(a) : knownIds(a, b));
        changes.push({ urn: a.urn, type: a.type, name: a.name, op, diffs, custom: a.custom, after: a, before: b });
    }
    for (const b of before ?? []) {
        if (!used.has(b.urn)) changes.push({ urn: b.urn, type: b.type, name: b.name, op: "delete", diffs: [], custom: b.custom, before: b });
    }
    return changes;
}

/** The URNs a resource answers to, in the engine's order: its own, its aliases', then under its parent's old URN. */
function candidates(a: CapturedResource, matched: ReadonlyMap<string, DeployedResource>): string[] {
    const own = [a.urn, ...a.options.aliases.map((x) => x.urn)];
    const parentBefore = a.parentUrn === null ? undefined : matched.get(a.parentUrn)?.urn;
    if (parentBefore === undefined || parentBefore === a.parentUrn) return own;
    const names = [...new Set(own.map(urnName))];
    const prefix = parentBefore.substring(0, parentBefore.lastIndexOf("::"));
    return [...own, ...names.map((n) => `${prefix}$${a.type}::${n}`)];
}

/** The strings among a resource's id and computed outputs, each leaf by its path. */
function leaves(value: unknown, path: string, into: Map<string, string>): Map<string, string> {
    if (typeof value === "string") into.set(path, value);
    else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, into));
    else if (value !== null && typeof value === "object" && !(value instanceof SecretValue)) {
        for (const [k, v] of Object.entries(value)) leaves(v, `${path}.${k}`, into);
    }
    return into;
}

function unknownIds(a: CapturedResource): IdMap {
    return new Map([...leaves({ id: a.id, ...a.computed }, "", new Map()).values()].map((v) => [v, UNKNOWN_VALUE]));
}

function knownIds(a: CapturedResource, b: DeployedResource): IdMap {
    const was = leaves({ id: b.id, ...b.outputs }, "", new Map());
    const map = new Map<string, string>();
    for (const [path, value] of leaves({ id: a.id, ...a.computed }, "", new Map())) {
        const previous = was.get(path);
        if (previous !== undefined && previous !== value) map.set(value, previous);
    }
    return map;
}

/** An input with the ids of the resources it is made of put as they are before. */
function translate(value: unknown, maps: readonly IdMap[]): unknown {
    if (maps.length === 0) return value;
    if (typeof value === "string") {
        for (const m of maps) {
            const found = m.get(value);
            if (found !== undefined) return found;
        }
        return value;
    }
    if (Array.isArray(value)) return value.map((v) => translate(v, maps));
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, translate(v, maps)]));
    return value;
}

function ignored(property: string, ignoreChanges: readonly string[]): boolean {
    return ignoreChanges.some((i) => i === property || i.startsWith(`${property}.`) || i.startsWith(`${property}[`));
}

function diffInputs(a: CapturedResource, b: DeployedResource, idMaps: ReadonlyMap<string, IdMap>): PropertyDiff[] {
    const rules = PROVIDER_DIFFS[a.type];
    const keys = [...new Set([...Object.keys(b.inputs), ...Object.keys(a.inputs)])].filter((k) => rules?.only === undefined || rules.only.includes(k));
    const diffs: PropertyDiff[] = [];
    for (const key of keys) {
        if (ignored(key, a.options.ignoreChanges)) continue;
        if (!(key in a.inputs) && b.defaults.includes(key)) continue;
        const maps = (a.propertyDependencies[key] ?? []).flatMap((urn) => {
            const m = idMaps.get(urn);
            return m === undefined ? [] : [m];
        });
        const now = translate(a.inputs[key], maps);
        const was = b.inputs[key];
        const unordered = rules?.unordered?.includes(key) === true;
        if (same(was, now, unordered)) continue;
        const rule = replaceRule(a.type, key, plain(was), now);
        const forced = a.options.replaceOnChanges.includes(key) || a.options.replaceOnChanges.includes("*");
        diffs.push({ property: key, old: was, new: now, replaces: rule !== undefined || forced, ...(rule !== undefined ? { because: rule.because } : forced ? { because: "the program's `replaceOnChanges`" } : {}) });
    }
    return diffs;
}

function plain(value: unknown): unknown {
    return value instanceof SecretValue ? value.plaintext : value;
}

/** Equal values; an encrypted secret cannot be read, so it is taken to be unchanged. */
function same(was: unknown, now: unknown, unordered: boolean): boolean {
    const old = plain(was);
    if (old === ENCRYPTED) return true;
    if (unordered && Array.isArray(old) && Array.isArray(now)) {
        const a = new Set(old.map((v) => JSON.stringify(v)));
        const b = new Set(now.map((v) => JSON.stringify(v)));
        return a.size === b.size && [...a].every((v) => b.has(v));
    }
    return deepEqual(old, plain(now));
}

function deepEqual(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (Array.isArray(a) || Array.isArray(b)) {
        return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
    }
    if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The before side of an offline plan: the resources of the file at another version, planned the same way. */
export function deployedFromPlan(resources: readonly CapturedResource[]): DeployedResource[] {
    return resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        custom: r.custom,
        parentUrn: r.parentUrn,
        ...(r.id !== undefined ? { id: r.id } : {}),
        inputs: r.inputs,
        outputs: { ...r.inputs, ...r.computed },
        protect: r.options.protect,
        defaults: [],
    }));
}

/** How many resources each op touches. */
export function countOps(changes: readonly ResourceChange[]): Record<ChangeOp, number> {
    const counts: Record<ChangeOp, number> = { create: 0, update: 0, replace: 0, delete: 0, adopt: 0, same: 0 };
    for (const c of changes) counts[c.op]++;
    return counts;
}

/**
 * Changes that look like a rename Pulumi cannot see: an account deleted and one created with
 * the same email (compared without case) or id. Each names the `previousNames` line that would
 * keep the account in place.
 */
export function renameHints(changes: readonly ResourceChange[]): { readonly created: ResourceChange; readonly deleted: ResourceChange; readonly line: string }[] {
    const deleted = changes.filter((c) => c.op === "delete" && c.type === TYPES.account);
    const hints: { created: ResourceChange; deleted: ResourceChange; line: string }[] = [];
    for (const created of changes.filter((c) => (c.op === "create" || c.op === "adopt") && c.type === TYPES.account)) {
        const email = lowerString(created.after?.inputs.email);
        const id = created.after?.options.import;
        const was = deleted.find((d) => (email !== "" && lowerString(plain(d.before?.inputs.email)) === email) || (id !== undefined && d.before?.id === id));
        if (was !== undefined) hints.push({ created, deleted: was, line: `previousNames: [${was.name}]` });
    }
    return hints;
}

function lowerString(value: unknown): string {
    return typeof value === "string" ? value.toLowerCase() : "";
}
