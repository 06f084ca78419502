import { Node as JsonNode } from "jsonc-parser";
import { ConditionOperator, parseConditionOperator } from "../../policypacks/aws-org-guardrails/core/conditionOperators";
import { propertyValue, statementNodes, stringNodes } from "../../policypacks/aws-org-guardrails/core/policyTree";
import { hasWildcard } from "../../policypacks/aws-org-guardrails/core/wildcard";

/** One `operator: { key: value }` entry of a statement's `Condition`, with its JSON nodes. */
export interface ConditionEntry {
    readonly statement: JsonNode;
    readonly operatorNode: JsonNode;
    /** Undefined for an operator IAM does not know (the operator lint reports it). */
    readonly operator: ConditionOperator | undefined;
    readonly keyNode: JsonNode;
    readonly key: string;
    readonly valueNode: JsonNode;
}

/** One operator of a statement's `Condition`, with the value it maps (an object of keys, if well formed). */
export interface ConditionOperatorNode {
    readonly statement: JsonNode;
    readonly operatorNode: JsonNode;
    readonly block: JsonNode | undefined;
}

/** Every operator of every statement's `Condition`, in document order. */
export function conditionOperatorNodes(tree: JsonNode): ConditionOperatorNode[] {
    return statementNodes(tree).flatMap((statement) => {
        const condition = propertyValue(statement, "Condition");
        if (condition?.type !== "object") return [];
        return (condition.children ?? []).flatMap((property) => {
            const [operatorNode, block] = property.children ?? [];
            return operatorNode === undefined ? [] : [{ statement, operatorNode, block }];
        });
    });
}

/** Every condition entry of every statement, in document order; malformed parts are skipped. */
export function conditionEntries(tree: JsonNode): ConditionEntry[] {
    return conditionOperatorNodes(tree).flatMap(({ statement, operatorNode, block }) => {
        if (block?.type !== "object") return [];
        const operator = parseConditionOperator(String(operatorNode.value));
        return (block.children ?? []).flatMap((entry) => {
            const [keyNode, valueNode] = entry.children ?? [];
            return keyNode === undefined || valueNode === undefined ? [] : [{ statement, operatorNode, operator, keyNode, key: String(keyNode.value), valueNode }];
        });
    });
}

/** The scalar value nodes of a condition value: the value itself, or the elements of a list. */
export function valueNodes(value: JsonNode): JsonNode[] {
    const all = value.type === "array" ? (value.children ?? []) : [value];
    return all.filter((n) => n.type === "string" || n.type === "number" || n.type === "boolean");
}

/**
 * The services whose requests a statement's `Action` names, lower case; `undefined` when it
 * may be any service (`NotAction`, `*`, or a wildcard in a service prefix).
 */
export function statementServices(statement: JsonNode): ReadonlySet<string> | undefined {
    if (propertyValue(statement, "NotAction") !== undefined) return undefined;
    const services = new Set<string>();
    for (const node of stringNodes(propertyValue(statement, "Action"))) {
        const action = String(node.value);
        const colon = action.indexOf(":");
        const service = colon < 0 ? action : action.slice(0, colon);
        if (colon < 0 || hasWildcard(service)) return undefined;
        services.add(service.toLowerCase());
    }
    return services;
}
