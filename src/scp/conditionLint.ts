import { Node as JsonNode } from "jsonc-parser";
import { CONDITION_OPERATOR_NAMES, parseConditionOperator } from "../../policypacks/aws-org-guardrails/core/conditionOperators";
import { conditionOperatorNodes } from "./conditionEntries";
import { ScpProblem } from "../../policypacks/aws-org-guardrails/core/scpDocument";
import { didYouMean } from "../diagnostics/suggest";

let spellings: string[] | undefined;

/** Every operator as it may be written: with or without a set prefix and `IfExists`. */
function operatorSpellings(): string[] {
    spellings ??= ["", "ForAnyValue:", "ForAllValues:"].flatMap((set) =>
        CONDITION_OPERATOR_NAMES.flatMap((name) => (name === "Null" ? (set === "" ? [name] : []) : [`${set}${name}`, `${set}${name}IfExists`])),
    );
    return spellings;
}

/**
 * Checks that every operator of every `Condition` is one IAM knows; AWS rejects the policy
 * otherwise, and the evaluator could not read it.
 */
export function lintConditionOperators(tree: JsonNode): ScpProblem[] {
    return conditionOperatorNodes(tree).flatMap(({ operatorNode }) => {
        const written = String(operatorNode.value);
        if (parseConditionOperator(written) !== undefined) return [];
        return [{
            code: "scp-unknown-condition-operator",
            message: `Unknown condition operator \`${written}\`.${didYouMean(written, operatorSpellings()) || " Use one of IAM's operators, like `StringEquals` or `ArnLike`."}`,
            offset: operatorNode.offset,
        }];
    });
}
