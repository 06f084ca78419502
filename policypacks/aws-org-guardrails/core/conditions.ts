import { ConditionOperator, parseConditionOperator } from "./conditionOperators";
import { substituteVariables } from "./policyVariables";
import { contextValues, RequestContext } from "./requestContext";
import { PolicyStatement } from "./policyDocument";

/** The `Condition` element of a statement. */
export type ConditionBlock = NonNullable<PolicyStatement["Condition"]>;

function policyValues(raw: unknown, operator: ConditionOperator, context: RequestContext): string[] {
    const list = Array.isArray(raw) ? (raw as unknown[]) : [raw];
    const values = list.map((v) => String(v));
    if (!operator.base.variables) return values;
    // A value whose variable has no value matches nothing, so it is left out.
    return values.map((v) => substituteVariables(v, context)).filter((v): v is string => v !== undefined);
}

/** True when a condition entry lists no value at all (`"aws:RequestedRegion": []`). */
export function isEmptyValueList(raw: unknown): boolean {
    return Array.isArray(raw) && raw.length === 0;
}

/**
 * Whether one `operator: { key: values }` entry holds, with IAM's rules for absent keys: a
 * condition on an absent key is false, except that a negated operator is true, `…IfExists`
 * is true, `ForAllValues` is true (an empty set) and `ForAnyValue` is false; `Null` tests
 * presence itself. Several policy values are alternatives; a negated operator holds when the
 * context value matches none of them.
 *
 * An empty list of values never matches, whatever the operator (IAM Access Analyzer's
 * "empty array condition" findings), except that `ForAllValues` still holds for an absent key.
 */
export function conditionEntryHolds(operator: ConditionOperator, key: string, raw: unknown, context: RequestContext): boolean {
    const values = contextValues(context, key);
    const present = values !== undefined && values.length > 0;
    if (isEmptyValueList(raw)) return operator.set === "ForAllValues" && !present;
    const expected = policyValues(raw, operator, context);
    const test = operator.base.test;
    if (test === undefined) return expected.some((v) => (v.toLowerCase() === "true") === !present);
    if (!present) {
        if (operator.ifExists || operator.set === "ForAllValues") return true;
        if (operator.set === "ForAnyValue") return false;
        return operator.base.negated;
    }
    const matches = (v: string) => expected.some((p) => test(v, p));
    const holdsFor = (v: string) => (operator.base.negated ? !matches(v) : matches(v));
    if (operator.set === "ForAllValues") return values.every(holdsFor);
    if (operator.set === "ForAnyValue") return values.some(holdsFor);
    // A plain operator on a multivalued key: positive if any value matches, negated if none does.
    const any = values.some(matches);
    return operator.base.negated ? !any : any;
}

/** Whether a `Condition` block holds, and which absent keys decided that. */
export interface ConditionOutcome {
    readonly holds: boolean;
    /**
     * Condition keys absent from the context on which the outcome turned, as the policy spells
     * them: when the block holds, every absent key it tested (giving one could make it fail);
     * when it fails only because of absent keys, those keys. Empty when the context decided.
     */
    readonly absentKeys: readonly string[];
}

const HOLDS: ConditionOutcome = Object.freeze({ holds: true, absentKeys: [] });

/**
 * Whether a whole `Condition` block holds: every operator and every key in it must hold.
 * An operator IAM does not know never holds (the loader rejects such policies anyway).
 */
export function conditionOutcome(block: ConditionBlock | undefined, context: RequestContext): ConditionOutcome {
    if (block === undefined) return HOLDS;
    const absentHeld: string[] = [];
    const absentFailed: string[] = [];
    let failedOnPresent = false;
    for (const [written, entries] of Object.entries(block)) {
        const operator = parseConditionOperator(written);
        if (operator === undefined) return { holds: false, absentKeys: [] };
        for (const [key, raw] of Object.entries(entries)) {
            const holds = conditionEntryHolds(operator, key, raw, context);
            const absent = (contextValues(context, key)?.length ?? 0) === 0;
            if (holds) {
                if (absent) absentHeld.push(key);
            } else if (absent) absentFailed.push(key);
            else failedOnPresent = true;
        }
    }
    if (failedOnPresent) return { holds: false, absentKeys: [] };
    if (absentFailed.length > 0) return { holds: false, absentKeys: absentFailed };
    return { holds: true, absentKeys: absentHeld };
}

/** Whether a whole `Condition` block holds (see {@link conditionOutcome}). */
export function conditionHolds(block: ConditionBlock | undefined, context: RequestContext): boolean {
    return conditionOutcome(block, context).holds;
}
