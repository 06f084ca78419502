import { EvaluationTarget, policyPath } from "./policyPath";
import { Evaluation, PathEvaluator, PathLevel } from "../../policypacks/aws-org-guardrails/core/pathEvaluation";
import { EMPTY_CONTEXT } from "../../policypacks/aws-org-guardrails/core/requestContext";
import { CompiledStatement, EvaluationRequest } from "../../policypacks/aws-org-guardrails/core/statements";
import { OrgModel } from "../model/types";

export type { Decision, DecidedBy, Evaluation } from "../../policypacks/aws-org-guardrails/core/pathEvaluation";

/**
 * The SCP inheritance of an org model: the path evaluator of the policy core, fed with the
 * model's SCP library and the path of each target (root, its OUs, the account).
 */
export class ScpEvaluator {
    private readonly paths: PathEvaluator;

    constructor(
        private readonly model: OrgModel,
        readonly request: EvaluationRequest = { resource: "*", context: EMPTY_CONTEXT },
    ) {
        this.paths = new PathEvaluator((name) => model.policies.get(name), request);
    }

    /** The decision for `action` (e.g. `s3:GetObject`, any case) at a target. */
    evaluate(target: EvaluationTarget, action: string): Evaluation {
        if (target.kind === "account" && target.account.isManagementAccount) return { decision: "NotRestricted" };
        return this.paths.evaluatePath(policyPath(this.model, target), action);
    }

    /** The decision for `action` along explicit levels, top down. */
    evaluatePath(levels: readonly PathLevel[], action: string): Evaluation {
        return this.paths.evaluatePath(levels, action);
    }

    /** The statements of a policy whose resource and condition apply to this request. */
    statementsOf(policyName: string): readonly CompiledStatement[] {
        return this.paths.statementsOf(policyName);
    }
}
