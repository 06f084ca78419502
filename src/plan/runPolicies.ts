import type {
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { configurePolicies, PolicyPackConfig } from "./policyConfig";
import { CapturedOptions, CapturedResource, Violation } from "./types";
import { UNKNOWN_SENTINELS } from "../../policypacks/aws-org-guardrails/policies/known";
import { at } from "../../policypacks/aws-org-guardrails/core/at";

/** A CrossGuard policy: checks one resource at a time, or the whole stack. */
export type PackPolicy = ResourceValidationPolicy | StackValidationPolicy;

/**
 * Runs CrossGuard policies over captured resources, offline, as `pulumi preview
 * --policy-pack` would: the same validation arguments, enforcement levels and per-policy
 * settings (schema defaults overlaid with `config`). `remediate` counts as `mandatory`;
 * `disabled` policies do not run. As in a preview, a policy that reads a value still
 * unknown gives an advisory "could not run" instead of failing.
 *
 * Throws `OrgConfigError` when `config` names an unknown policy or setting, or a setting
 * its schema rejects.
 */
export function runPolicies(resources: readonly CapturedResource[], policies: readonly PackPolicy[], config: PolicyPackConfig): Violation[] {
    const configured = configurePolicies(policies, config);
    const stackTags: ReadonlyMap<string, string> = new Map();
    const subjects = resources.map(subjectOf);
    let stack: { resources: PolicyResource[]; nameOf: ReadonlyMap<string, string> } | undefined;
    const violations: Violation[] = [];

    for (const { policy, enforcementLevel, settings } of configured) {
        if (enforcementLevel === "disabled") continue;
        const level = enforcementLevel === "advisory" ? "advisory" : "mandatory";
        // CrossGuard's `getConfig<T>()`: the policy names the type of its settings, checked by its schema.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the signature of the API it implements
        const getConfig = <T extends object>(): T => ({ ...settings }) as T;
        let resource: string | null = null;
        const report = (message: string) => violations.push({ policy: policy.name, enforcementLevel: level, resource, message });

        for (const validation of resourceValidations(policy)) {
            const onlyType = pulumiTypeOf(validation);
            for (const subject of subjects) {
                if (onlyType !== undefined && subject.type !== onlyType) continue;
                resource = subject.name;
                const { type, props, urn, name, opts, isType, asType } = subject;
                const args: ResourceValidationArgs = { type, props, urn, name, opts, isType, asType, stackTags, getConfig, notApplicable };
                const outcome = attempt(policy.name, resource, validation, args, report);
                if (outcome !== undefined) violations.push({ policy: policy.name, enforcementLevel: "advisory", resource, message: outcome });
            }
        }

        if ("validateStack" in policy && typeof policy.validateStack === "function") {
            stack ??= stackResources(resources, subjects);
            const { nameOf } = stack;
            const reportOnStack: ReportViolation = (message, urn) => {
                resource = urn === undefined ? null : (nameOf.get(urn) ?? null);
                report(message);
            };
            const args: StackValidationArgs = { resources: [...stack.resources], stackTags, getConfig, notApplicable };
            const outcome = attempt(policy.name, null, policy.validateStack, args, reportOnStack);
            if (outcome !== undefined) violations.push({ policy: policy.name, enforcementLevel: "advisory", resource: null, message: outcome });
        }
    }
    return violations;
}

type Subject = Pick<ResourceValidationArgs, "type" | "props" | "urn" | "name" | "opts" | "isType" | "asType">;

/** What a resource policy sees of one resource; stack policies see the same plus links. */
function subjectOf(r: CapturedResource): Subject {
    const props = unknownChecking(r.inputs, undefined) as Record<string, unknown>;
    return {
        type: r.type,
        props,
        urn: r.urn,
        name: r.name,
        opts: optionsOf(r.options, r.parentUrn),
        isType: (resourceClass) => isTypeOf(r.type, resourceClass),
        asType: ((resourceClass: unknown) => (isTypeOf(r.type, resourceClass) ? props : undefined)) as ResourceValidationArgs["asType"],
    };
}

/**
 * What a stack policy sees of each resource. The engine shows stack policies each resource's
 * outputs: for a custom resource its inputs and what the provider computed (the plan shows
 * the inputs), for a component what it registered with `registerOutputs`.
 */
function stackResources(resources: readonly CapturedResource[], subjects: readonly Subject[]): { resources: PolicyResource[]; nameOf: ReadonlyMap<string, string> } {
    const stack: PolicyResource[] = subjects.map((s, i) => ({
        type: s.type,
        props: resources[i]?.outputs === undefined ? s.props : (unknownChecking(resources[i].outputs, undefined) as Record<string, unknown>),
        urn: s.urn,
        name: s.name,
        opts: s.opts,
        dependencies: [],
        propertyDependencies: {},
        isType: s.isType,
        asType: s.asType,
    }));
    const byUrn = new Map(stack.map((r) => [r.urn, r]));
    const resolve = (urns: Iterable<string>) => [...urns].flatMap((u) => byUrn.get(u) ?? []);
    resources.forEach((r, i) => {
        const target = at(stack, i);
        const parent = r.parentUrn === null ? undefined : byUrn.get(r.parentUrn);
        if (parent !== undefined) target.parent = parent;
        // As in the engine's state: explicit `dependsOn` plus every property dependency.
        const all = new Set(r.options.dependsOn);
        for (const [key, urns] of Object.entries(r.propertyDependencies)) {
            target.propertyDependencies[key] = resolve(urns);
            for (const u of urns) all.add(u);
        }
        target.dependencies = resolve(all);
    });
    return { resources: stack, nameOf: new Map(stack.map((r) => [r.urn, r.name])) };
}

function optionsOf(options: CapturedOptions, parentUrn: string | null): PolicyResourceOptions {
    const timeouts = options.customTimeouts ?? {};
    const result: PolicyResourceOptions = {
        protect: options.protect,
        ignoreChanges: [...options.ignoreChanges],
        aliases: [],
        customTimeouts: { createSeconds: seconds(timeouts.create), updateSeconds: seconds(timeouts.update), deleteSeconds: seconds(timeouts.delete) },
        additionalSecretOutputs: [],
    };
    if (parentUrn !== null) result.parent = parentUrn;
    return result;
}

const DURATION_UNITS: Readonly<Record<string, number>> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, "µs": 1e-6, ns: 1e-9 };

/** Seconds in a Go duration such as `1h30m` (how Pulumi writes custom timeouts); 0 when unset. */
function seconds(duration: string | undefined): number {
    let total = 0;
    if (duration === undefined) return total;
    for (const m of duration.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) {
        const unit = at(m, 2);
        const factor = DURATION_UNITS[unit];
        // The pattern matches only the units of the table.
        if (factor === undefined) throw new Error(`Internal error: no duration unit \`${unit}\`.`);
        total += Number(at(m, 1)) * factor;
    }
    return total;
}

function resourceValidations(policy: PackPolicy): ResourceValidation[] {
    if (!("validateResource" in policy) || policy.validateResource === undefined) return [];
    return Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
}

/** The type `validateResourceOfType` attaches to a validation, to skip other types fast. */
function pulumiTypeOf(f: unknown): string | undefined {
    const type = (f as { __pulumiType?: unknown }).__pulumiType;
    return typeof type === "string" ? type : undefined;
}

/** As CrossGuard: by the class's Pulumi type token, else by its `isInstance`. */
function isTypeOf(type: string, resourceClass: unknown): boolean {
    const token = pulumiTypeOf(resourceClass);
    if (token !== undefined) return token === type;
    const isInstance = (resourceClass as { isInstance?: unknown }).isInstance;
    if (typeof isInstance !== "function") return false;
    // A resource class's static `isInstance(obj): obj is …`, as CrossGuard calls it.
    return (isInstance as (candidate: unknown) => unknown)({ __pulumiType: type }) === true;
}

class NotApplicable extends Error {}

function notApplicable(reason?: string): never {
    throw new NotApplicable(reason ?? "Policy does not apply");
}

/** Runs one validation: `undefined` when it ran, else the advisory message of a preview. */
function attempt<A>(policy: string, resource: string | null, validate: (args: A, report: ReportViolation) => unknown, args: A, report: ReportViolation): string | undefined {
    try {
        const result = validate(args, report);
        if (result instanceof Promise) {
            throw new Error(`Policy \`${policy}\` is asynchronous; the offline plan runs only synchronous policies.`);
        }
        return undefined;
    } catch (e) {
        if (e instanceof NotApplicable) return undefined;
        if (e instanceof UnknownValueError) return `Policy \`${policy}\` could not run: ${e.message}.`;
        const where = resource === null ? "on the stack" : `on \`${resource}\``;
        throw new Error(`Policy \`${policy}\` failed ${where}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
}

/** What CrossGuard throws when a policy reads a value unknown during preview (same fields). */
class UnknownValueError extends Error {
    constructor(
        readonly unknownTypeSentinel: string,
        readonly props: readonly PropertyKey[],
    ) {
        super(`${UNKNOWN_SENTINELS.get(unknownTypeSentinel)} value at .${props.map(String).join(".")} can't be known during preview`);
    }
}

interface PropertyPath {
    readonly parent: PropertyPath | undefined;
    readonly key: PropertyKey;
}

function keysOf(path: PropertyPath | undefined): PropertyKey[] {
    const keys: PropertyKey[] = [];
    for (let p = path; p !== undefined; p = p.parent) keys.unshift(p.key);
    return keys;
}

/**
 * Wraps `value` as CrossGuard wraps resource properties: reading an unknown value throws.
 * Values the language forbids a proxy to change (frozen ones) come back as they are.
 * Each proxy keeps the proxies it hands out: policies read the same inputs many times.
 */
function unknownChecking(value: unknown, path: PropertyPath | undefined): unknown {
    if (!(value instanceof Object)) return value;
    let children: Map<PropertyKey, unknown> | undefined;
    return new Proxy(value, {
        get: (target, key) => {
            const field = (target as Record<PropertyKey, unknown>)[key];
            if (typeof field === "string" && UNKNOWN_SENTINELS.has(field)) throw new UnknownValueError(field, keysOf({ parent: path, key }));
            if (!(field instanceof Object)) return field;
            const descriptor = Object.getOwnPropertyDescriptor(target, key);
            if (descriptor !== undefined && "value" in descriptor && !descriptor.configurable && !descriptor.writable) return field;
            children ??= new Map();
            let child = children.get(key);
            if (child === undefined) {
                child = unknownChecking(field, { parent: path, key });
                children.set(key, child);
            }
            return child;
        },
    });
}
