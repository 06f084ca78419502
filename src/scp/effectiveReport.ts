import { Decision, Evaluation, ScpEvaluator } from "./evaluate";
import { EvaluationTarget, PathLevel, policyPath, targetName } from "./policyPath";
import { EvaluationRequest } from "../../policypacks/aws-org-guardrails/core/statements";
import { OrgModel } from "../model/types";

/** The decisions for one target, with the path they were made along. */
export interface TargetResults {
    readonly target: EvaluationTarget;
    readonly name: string;
    readonly levels: readonly PathLevel[];
    readonly decisions: readonly { readonly action: string; readonly evaluation: Evaluation }[];
}

/** Targets × actions, for one resource and request context. */
export interface EffectiveReport {
    readonly request: EvaluationRequest;
    readonly actions: readonly string[];
    readonly targets: readonly TargetResults[];
}

/** One result of `npm run effective -- --json` (docs/effective-scps.md). */
export interface EffectiveJsonResult {
    readonly target: string;
    readonly action: string;
    readonly decision: Decision;
    readonly decidedBy?: { readonly level: string; readonly policy?: string; readonly statement?: string };
}

/** Evaluates every action at every target. */
export function effectiveReport(model: OrgModel, targets: readonly EvaluationTarget[], actions: readonly string[], request: EvaluationRequest): EffectiveReport {
    const evaluator = new ScpEvaluator(model, request);
    return {
        request,
        actions,
        targets: targets.map((target) => ({
            target,
            name: targetName(target),
            levels: policyPath(model, target),
            decisions: actions.map((action) => ({ action, evaluation: evaluator.evaluate(target, action) })),
        })),
    };
}

/** The report as the documented JSON document: `{ "results": [...] }`, targets in order, then actions. */
export function effectiveJson(report: EffectiveReport): { results: EffectiveJsonResult[] } {
    const results: EffectiveJsonResult[] = [];
    for (const t of report.targets) {
        for (const { action, evaluation } of t.decisions) {
            const by = evaluation.decidedBy;
            const decidedBy = by === undefined
                ? undefined
                : { level: by.level.name, ...(by.policy !== undefined ? { policy: by.policy } : {}), ...(by.statement !== undefined ? { statement: by.statement } : {}) };
            results.push({ target: t.name, action, decision: evaluation.decision, ...(decidedBy !== undefined ? { decidedBy } : {}) });
        }
    }
    return { results };
}
