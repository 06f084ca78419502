import { Decision, Evaluation, ScpEvaluator } from "./evaluate";
import { EvaluationTarget, PathLevel, policyPath, targetName } from "./policyPath";
import { contextValues, RequestContext } from "../../policypacks/aws-org-guardrails/core/requestContext";
import { EvaluationRequest } from "../../policypacks/aws-org-guardrails/core/statements";
import { Account, OrgModel } from "../model/types";

/** The condition key a Region is asked by. */
export const REQUESTED_REGION = "aws:RequestedRegion";

/** One action at one target. */
export interface TargetDecision {
    readonly action: string;
    readonly evaluation: Evaluation;
    /**
     * When no Region was asked about and the decision turned on `aws:RequestedRegion`: the
     * Regions of the organization where the action is allowed (maybe none).
     */
    readonly allowedInRegions?: readonly string[];
}

/** The decisions for one target, with the path they were made along. */
export interface TargetResults {
    readonly target: EvaluationTarget;
    readonly name: string;
    readonly levels: readonly PathLevel[];
    readonly decisions: readonly TargetDecision[];
}

/** Targets × actions, for one resource and request context. */
export interface EffectiveReport {
    readonly request: EvaluationRequest;
    readonly actions: readonly string[];
    readonly targets: readonly TargetResults[];
    /** The Regions the organization uses, which region-dependent decisions are summed up over. */
    readonly regions: readonly string[];
    /** The account owning the resource, when the request named one other than each target. */
    readonly resourceAccount?: Account;
}

/** One result of `npm run effective -- --json` (docs/effective-scps.md). */
export interface EffectiveJsonResult {
    readonly target: string;
    readonly action: string;
    readonly decision: Decision;
    readonly decidedBy?: { readonly level: string; readonly policyType: "SCP" | "RCP"; readonly policy?: string; readonly statement?: string };
    readonly missingContextKeys?: readonly string[];
    readonly allowedInRegions?: readonly string[];
}

/** True when a decision turned on the Region while the request named none. */
export function turnsOnRegion(evaluation: Evaluation, context: RequestContext): boolean {
    return contextValues(context, REQUESTED_REGION) === undefined && (evaluation.missingContextKeys ?? []).some((k) => k.toLowerCase() === REQUESTED_REGION.toLowerCase());
}

/**
 * Evaluates every action at every target: its SCPs, and the RCPs of the resource's account
 * (`resourceAccount`, else the target's own). Where a decision turned on
 * `aws:RequestedRegion` and the request gave none, the action is also evaluated in each of
 * `regions`.
 */
export function effectiveReport(
    model: OrgModel,
    targets: readonly EvaluationTarget[],
    actions: readonly string[],
    request: EvaluationRequest,
    regions: readonly string[] = [],
    resourceAccount?: Account,
): EffectiveReport {
    const evaluator = new ScpEvaluator(model, request, resourceAccount);
    const inRegion = new Map<string, ScpEvaluator>();
    const regional = (region: string): ScpEvaluator => {
        let found = inRegion.get(region);
        if (found === undefined) {
            found = new ScpEvaluator(model, { resource: request.resource, context: new Map([...request.context, [REQUESTED_REGION.toLowerCase(), [region]]]) }, resourceAccount);
            inRegion.set(region, found);
        }
        return found;
    };
    return {
        request,
        actions,
        regions,
        ...(resourceAccount !== undefined ? { resourceAccount } : {}),
        targets: targets.map((target) => ({
            target,
            name: targetName(target),
            levels: policyPath(model, target),
            decisions: actions.map((action) => {
                const evaluation = evaluator.evaluate(target, action);
                if (!turnsOnRegion(evaluation, request.context)) return { action, evaluation };
                const allowedInRegions = regions.filter((r) => regional(r).evaluate(target, action).decision === "Allowed");
                return { action, evaluation, allowedInRegions };
            }),
        })),
    };
}

/** The report as the documented JSON document: `{ "results": [...] }`, targets in order, then actions. */
export function effectiveJson(report: EffectiveReport): { results: EffectiveJsonResult[] } {
    const results: EffectiveJsonResult[] = [];
    for (const t of report.targets) {
        for (const { action, evaluation, allowedInRegions } of t.decisions) {
            const by = evaluation.decidedBy;
            const decidedBy = by === undefined
                ? undefined
                : { level: by.level.name, policyType: by.policyType ?? "SCP", ...(by.policy !== undefined ? { policy: by.policy } : {}), ...(by.statement !== undefined ? { statement: by.statement } : {}) };
            results.push({
                target: t.name,
                action,
                decision: evaluation.decision,
                ...(decidedBy !== undefined ? { decidedBy } : {}),
                ...(evaluation.missingContextKeys !== undefined ? { missingContextKeys: evaluation.missingContextKeys } : {}),
                ...(allowedInRegions !== undefined ? { allowedInRegions } : {}),
            });
        }
    }
    return { results };
}
