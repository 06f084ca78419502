import { EvaluationTarget, policyPath } from "./policyPath";
import { CHILD_CONTROL, isValueOperator, JsonObject, JsonValue, ManagementPolicyType, ValueOperator, VALUE_OPERATORS } from "../../policypacks/aws-org-guardrails/core/managementPolicy";
import { OrganizationPolicy, OrgModel } from "../model/types";

/** One level of the path (root, an OU, the account) with its policies of the type, in attachment order. */
export interface ManagementLevel {
    /** `root`, an OU path or an account name. */
    readonly name: string;
    readonly policies: readonly Pick<OrganizationPolicy, "name" | "value">[];
}

/** An operator a policy used where a parent's `@@operators_allowed_for_child_policies` forbids it: AWS leaves it out. */
export interface IgnoredOperator {
    readonly level: string;
    readonly policy: string;
    /** The setting, as a dotted path (`tags.costcenter.tag_key`). */
    readonly setting: string;
    readonly operator: ValueOperator;
    /** What the parents allow there. */
    readonly allowed: readonly ValueOperator[];
}

export interface ManagementEffective {
    /** The effective policy, as AWS's `DescribeEffectivePolicy` shows it: values without operators. */
    readonly effective: JsonObject;
    readonly ignored: readonly IgnoredOperator[];
}

/** Joins the keys of a setting's path internally: no JSON key of a policy holds it (the loader reads them from JSON text). */
const SEPARATOR = "\u0000";

interface Setting {
    value: JsonValue;
    /** The level that last assigned it: a later `@@assign` at the same level does not win (the first attached does). */
    assignedAt: number;
}

/**
 * The effective policy of a management policy type along a path, as AWS's inheritance works
 * (AWS Organizations User Guide, "Policy syntax and inheritance for management policy types"):
 * policies merge from the root down; `@@assign` overwrites what was inherited, `@@append`
 * adds to a list, `@@remove` takes values out of it; among the policies attached to one
 * level, the first attached wins a conflicting `@@assign`; `@@operators_allowed_for_child_policies`
 * in a parent limits the operators policies below may use at that setting and every setting
 * under it, several such limits intersect (on one level or down the path), and a forbidden
 * operator is left out. Lists that end up empty are left out, as are settings never set.
 */
export function mergeManagementPolicies(levels: readonly ManagementLevel[]): ManagementEffective {
    const settings = new Map<string, Setting>();
    /** Allowed operators by setting path, from the levels already merged. */
    const limits = new Map<string, Set<ValueOperator>>();
    const ignored: IgnoredOperator[] = [];
    levels.forEach((level, index) => {
        const levelLimits = new Map<string, Set<ValueOperator>>();
        for (const policy of level.policies) {
            walk(policy.value, [], (path, node) => {
                const key = path.join(SEPARATOR);
                const control = node[CHILD_CONTROL];
                if (Array.isArray(control)) {
                    const allowed = allowedOperators(control);
                    const previous = levelLimits.get(key);
                    levelLimits.set(key, previous === undefined ? allowed : intersect(previous, allowed));
                }
                for (const operator of VALUE_OPERATORS) {
                    const operand = node[operator];
                    if (operand === undefined) continue;
                    const allowed = allowedAt(limits, path);
                    if (allowed !== undefined && !allowed.has(operator)) {
                        ignored.push({ level: level.name, policy: policy.name, setting: path.join("."), operator, allowed: VALUE_OPERATORS.filter((o) => allowed.has(o)) });
                        continue;
                    }
                    apply(settings, key, operator, operand, index);
                }
            });
        }
        // Limits bind the levels below, never the level that sets them.
        for (const [key, allowed] of levelLimits) {
            const inherited = limits.get(key);
            limits.set(key, inherited === undefined ? allowed : intersect(inherited, allowed));
        }
    });
    return { effective: build(settings), ignored };
}

/** Calls `visit` on every object of the document that sets a value or a limit, with its key path. */
function walk(node: JsonValue, path: readonly string[], visit: (path: readonly string[], node: JsonObject) => void): void {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return;
    const object = node as JsonObject;
    if (Object.keys(object).some((k) => isValueOperator(k) || k === CHILD_CONTROL)) visit(path, object);
    for (const [key, child] of Object.entries(object)) {
        if (!key.startsWith("@@")) walk(child, [...path, key], visit);
    }
}

function allowedOperators(control: readonly JsonValue[]): Set<ValueOperator> {
    if (control.includes("@@all")) return new Set(VALUE_OPERATORS);
    return new Set(VALUE_OPERATORS.filter((o) => control.includes(o)));
}

/** What the parents allow at a setting: the intersection of the limits on it and on every setting above it. */
function allowedAt(limits: ReadonlyMap<string, Set<ValueOperator>>, path: readonly string[]): Set<ValueOperator> | undefined {
    let allowed: Set<ValueOperator> | undefined;
    for (let i = 0; i <= path.length; i++) {
        const limit = limits.get(path.slice(0, i).join(SEPARATOR));
        if (limit !== undefined) allowed = allowed === undefined ? new Set(limit) : intersect(allowed, limit);
    }
    return allowed;
}

function intersect(a: ReadonlySet<ValueOperator>, b: ReadonlySet<ValueOperator>): Set<ValueOperator> {
    return new Set([...a].filter((o) => b.has(o)));
}

function apply(settings: Map<string, Setting>, key: string, operator: ValueOperator, operand: JsonValue, level: number): void {
    const current = settings.get(key);
    if (operator === "@@assign") {
        if (current?.assignedAt === level) return;
        settings.set(key, { value: operand, assignedAt: level });
        return;
    }
    const values = asList(operand);
    const existing = current === undefined ? [] : asList(current.value);
    const next = operator === "@@append"
        ? [...existing, ...values.filter((v) => !existing.some((e) => same(e, v)))]
        : existing.filter((e) => !values.some((v) => same(e, v)));
    settings.set(key, { value: next, assignedAt: current?.assignedAt ?? -1 });
}

function asList(value: JsonValue): readonly JsonValue[] {
    return isList(value) ? value : [value];
}

function isList(value: JsonValue): value is readonly JsonValue[] {
    return Array.isArray(value);
}

function same(a: JsonValue, b: JsonValue): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

/** The settings as one nested document; empty lists left out, keys in the order first set. */
function build(settings: ReadonlyMap<string, Setting>): JsonObject {
    interface Branch { readonly children: Map<string, Branch | JsonValue> }
    const root: Branch = { children: new Map() };
    const isBranch = (x: Branch | JsonValue | undefined): x is Branch => x !== null && typeof x === "object" && !Array.isArray(x) && (x as Partial<Branch>).children instanceof Map;
    for (const [key, { value }] of settings) {
        if (isList(value) && value.length === 0) continue;
        const parts = key.split(SEPARATOR);
        let node = root;
        for (const part of parts.slice(0, -1)) {
            const child = node.children.get(part);
            const branch = isBranch(child) ? child : { children: new Map() };
            node.children.set(part, branch);
            node = branch;
        }
        node.children.set(parts[parts.length - 1] ?? "", value);
    }
    // Object.fromEntries makes every key an own property, `__proto__` too.
    const toObject = (branch: Branch): JsonObject => Object.fromEntries([...branch.children].map(([k, v]): [string, JsonValue] => [k, isBranch(v) ? toObject(v) : v]));
    return toObject(root);
}

/**
 * The effective policy of a management type at a target (an account, or an OU from the root
 * down to it), from the sets the org file attaches at each level, in the order each list
 * names them (the order the program attaches them in).
 */
export function effectiveManagementPolicy(model: OrgModel, target: EvaluationTarget, type: ManagementPolicyType): ManagementEffective & { readonly levels: readonly ManagementLevel[] } {
    const levels = policyPath(model, target, (t) => t.otherPolicies[type] ?? []).map((level) => ({
        name: level.name,
        policies: level.policies.flatMap((name) => {
            const policy = model.otherPolicies.get(name);
            return policy === undefined ? [] : [policy];
        }),
    }));
    return { ...mergeManagementPolicies(levels), levels };
}
