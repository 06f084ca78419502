import { conditionOutcome } from "./conditions";
import { substituteVariables } from "./policyVariables";
import { RequestContext } from "./requestContext";
import { actionPatternsMatcher, resourceMatches } from "./wildcard";
import { asList, NamedPolicy, PolicyStatement } from "./policyDocument";

/** What is asked besides the action: the resource ARN (`*` for any) and the request context. */
export interface EvaluationRequest {
    readonly resource: string;
    readonly context: RequestContext;
}

/** One statement of an SCP, ready to be tested against many actions. */
export interface CompiledStatement {
    readonly policy: string;
    readonly effect: "Allow" | "Deny";
    /** The statement's `Sid`, or its 0-based index in the policy when it has none. */
    readonly label: string;
    readonly statement: PolicyStatement;
    /** True when `Action` matches the action, or `NotAction` does not. */
    readonly matchesAction: (action: string) => boolean;
}

/** How results name a statement: its `Sid`, or its 0-based index in the policy when it has none (or an empty one). */
export function statementLabel(statement: PolicyStatement, index: number): string {
    return statement.Sid !== undefined && statement.Sid !== "" ? statement.Sid : String(index);
}

const compiled = new WeakMap<NamedPolicy, readonly CompiledStatement[]>();

/** Compiles every statement of a policy, once per policy object. */
export function compilePolicy(policy: NamedPolicy): readonly CompiledStatement[] {
    let found = compiled.get(policy);
    if (found === undefined) {
        found = compileStatements(policy);
        compiled.set(policy, found);
    }
    return found;
}

function compileStatements(policy: NamedPolicy): CompiledStatement[] {
    return policy.document.Statement.map((statement, index) => {
        const listed = actionPatternsMatcher(asList(statement.Action ?? statement.NotAction));
        const negated = statement.Action === undefined;
        return {
            policy: policy.name,
            effect: statement.Effect,
            label: statementLabel(statement, index),
            statement,
            matchesAction: negated ? (a: string) => !listed(a) : listed,
        };
    });
}

function resourceListMatches(patterns: readonly string[], request: EvaluationRequest): boolean {
    return patterns.some((p) => {
        const pattern = substituteVariables(p, request.context);
        return pattern !== undefined && resourceMatches(pattern, request.resource);
    });
}

/** Whether a statement applies to a request, and the absent condition keys that decided it. */
export interface RequestOutcome {
    readonly applies: boolean;
    /** Condition keys the request did not carry on which `applies` turned (see `conditionOutcome`). */
    readonly absentKeys: readonly string[];
    /** False when `Resource`/`NotResource` rule the request out, whatever the condition. */
    readonly resourceMatches: boolean;
}

/**
 * Whether a statement's `Resource`/`NotResource` and `Condition` apply to the request. A
 * statement without either resource element covers every resource.
 */
export function requestOutcome(statement: PolicyStatement, request: EvaluationRequest): RequestOutcome {
    const resourceMatches =
        (statement.Resource === undefined || resourceListMatches(asList(statement.Resource), request)) &&
        (statement.NotResource === undefined || !resourceListMatches(asList(statement.NotResource), request));
    if (!resourceMatches) return { applies: false, absentKeys: [], resourceMatches };
    const { holds, absentKeys } = conditionOutcome(statement.Condition, request.context);
    return { applies: holds, absentKeys, resourceMatches };
}

/** Whether a statement's `Resource`/`NotResource` and `Condition` apply to the request. */
export function appliesToRequest(statement: PolicyStatement, request: EvaluationRequest): boolean {
    return requestOutcome(statement, request).applies;
}
