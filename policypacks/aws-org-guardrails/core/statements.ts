import { conditionHolds } from "./conditions";
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

/** Compiles every statement of a policy. */
export function compilePolicy(policy: NamedPolicy): CompiledStatement[] {
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

/**
 * Whether a statement's `Resource`/`NotResource` and `Condition` apply to the request. A
 * statement without either resource element covers every resource.
 */
export function appliesToRequest(statement: PolicyStatement, request: EvaluationRequest): boolean {
    if (statement.Resource !== undefined && !resourceListMatches(asList(statement.Resource), request)) return false;
    if (statement.NotResource !== undefined && resourceListMatches(asList(statement.NotResource), request)) return false;
    return conditionHolds(statement.Condition, request.context);
}
