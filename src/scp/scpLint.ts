import { Node as JsonNode } from "jsonc-parser";
import { lintActions } from "./actionLint";
import { lintConditionOperators } from "./conditionLint";
import { ScpProblem } from "../../policypacks/aws-org-guardrails/core/scpDocument";

/**
 * Checks a valid SCP (the parsed tree from `checkScpText`) against the IAM catalogue:
 * actions, service prefixes and wildcards must exist, condition operators must be IAM's.
 * Problems carry offsets into the policy text, like `checkScpText`'s.
 */
export function lintScp(tree: JsonNode): ScpProblem[] {
    return [...lintActions(tree), ...lintConditionOperators(tree)].sort((a, b) => a.offset - b.offset);
}
