import { Node as JsonNode } from "jsonc-parser";
import { lintActions } from "./actionLint";
import { lintConditionKeys } from "./conditionKeyLint";
import { lintConditionOperators } from "./conditionLint";
import { lintConditionValues } from "./conditionValueLint";
import { ScpProblem } from "../../policypacks/aws-org-guardrails/core/scpDocument";

/**
 * Checks an SCP (the parsed tree from `checkScpText`) against the IAM catalogue: actions,
 * service prefixes and wildcards must exist; condition operators must be IAM's, condition keys
 * real and of the statement's services, values of the operator's type and Regions real. Runs
 * on any JSON tree, valid SCP or not, so that one problem never hides another. Problems carry
 * offsets into the policy text, like `checkScpText`'s.
 */
export function lintScp(tree: JsonNode): ScpProblem[] {
    return [...lintActions(tree), ...lintConditionOperators(tree), ...lintConditionKeys(tree), ...lintConditionValues(tree)].sort((a, b) => a.offset - b.offset);
}
