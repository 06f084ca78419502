import { findNodeAtLocation, Node as JsonNode } from "jsonc-parser";

/** The statement objects of a parsed SCP (a single statement object or a list of them). */
export function statementNodes(tree: JsonNode): JsonNode[] {
    const statement = tree.type === "object" ? findNodeAtLocation(tree, ["Statement"]) : undefined;
    if (statement === undefined) return [];
    const list = statement.type === "array" ? (statement.children ?? []) : [statement];
    return list.filter((s) => s.type === "object");
}

/** The value node of `key` in an object node. */
export function propertyValue(object: JsonNode, key: string): JsonNode | undefined {
    const prop = (object.children ?? []).find((p) => p.children?.[0]?.value === key);
    return prop?.children?.[1];
}

/** The string nodes of a value that is a string or a list of strings. */
export function stringNodes(value: JsonNode | undefined): JsonNode[] {
    if (value === undefined) return [];
    if (value.type === "string") return [value];
    return value.type === "array" ? (value.children ?? []).filter((c) => c.type === "string") : [];
}
