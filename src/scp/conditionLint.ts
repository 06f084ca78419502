import { Node as JsonNode } from "jsonc-parser";
import { CONDITION_OPERATOR_NAMES, parseConditionOperator } from "../../policypacks/aws-org-guardrails/core/conditionOperators";
import { propertyValue, statementNodes } from "../../policypacks/aws-org-guardrails/core/policyTree";
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
    const problems: ScpProblem[] = [];
    for (const statement of statementNodes(tree)) {
        const condition = propertyValue(statement, "Condition");
        if (condition?.type !== "object") continue;
        for (const prop of condition.children ?? []) {
            const key = prop.children?.[0];
            if (key === undefined || parseConditionOperator(String(key.value)) !== undefined) continue;
            problems.push({
                code: "scp-unknown-condition-operator",
                message: `Unknown condition operator \`${String(key.value)}\`.${didYouMean(String(key.value), operatorSpellings()) || " Use one of IAM's operators, like `StringEquals` or `ArnLike`."}`,
                offset: key.offset,
            });
        }
    }
    return problems;
}
