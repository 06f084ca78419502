import type { PolicyResource } from "@pulumi/policy";
import { readString, readStringMap, UNKNOWN, Unknown } from "./known";
import { RETIRED_TAG, SCP_POLICY_TYPE, TYPES } from "../core/names";

/** Whether an account carries the retired tag; `UNKNOWN` when its tags are not known yet. */
export function isRetired(props: unknown): boolean | Unknown {
    const tags = readStringMap(props, "tags");
    if (tags === UNKNOWN) return UNKNOWN;
    return tags?.[RETIRED_TAG] === "true";
}

/** The account's `name` input when known, else its logical name: what a user calls it. */
export function accountName(props: unknown, logicalName: string): string {
    const name = readString(props, "name");
    return typeof name === "string" ? name : logicalName;
}

/** `` `a`, `b` and `c` `` for messages; with `more`, `` `a`, `b` and 3 more ``. */
export function listNames(names: readonly string[], more = 0): string {
    const quoted = names.map((n) => `\`${n}\``);
    if (more > 0) return `${quoted.join(", ")} and ${more} more`;
    return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

/** Resources of one type, in stack order. */
export function ofType(resources: readonly PolicyResource[], type: string): PolicyResource[] {
    return resources.filter((r) => r.type === type);
}

/**
 * The exact policy sets of one type (by API name), in stack order. A set that names no
 * `policyType` holds SCPs: every set written before other types existed does.
 */
export function policySets(resources: readonly PolicyResource[], policyType: string = SCP_POLICY_TYPE): PolicyResource[] {
    return ofType(resources, TYPES.scpAttachments).filter((r) => (readString(r.props, "policyType") ?? SCP_POLICY_TYPE) === policyType);
}
