import { AccessDecision, AccessEvaluation, AccessEvaluator } from "./accessEvaluation";
import { IdentityCenterModel, PermissionSet } from "../model/identityCenter";
import { Account, OrgModel } from "../model/types";
import { EvaluationRequest } from "../../policypacks/aws-org-guardrails/core/statements";

/** Who is asked about, where, and for what. */
export interface AccessQuery {
    /** Group names, in the order given. */
    readonly groups: readonly string[];
    readonly accounts: readonly Account[];
    /** Only these permission sets; empty: every one assigned. */
    readonly permissionSets: readonly string[];
    readonly actions: readonly string[];
    readonly request: EvaluationRequest;
}

/** One group in one account with one permission set (or none: not assigned there). */
export interface AccessCell {
    readonly group: string;
    readonly account: Account;
    readonly permissionSet?: PermissionSet;
    /** The assignment's target as written (the account, or the OU path above it). */
    readonly via?: string;
    readonly decisions: readonly { readonly action: string; readonly evaluation: AccessEvaluation }[];
}

export interface AccessReport {
    readonly request: EvaluationRequest;
    readonly actions: readonly string[];
    readonly cells: readonly AccessCell[];
}

/** A decision of `npm run access -- --json`: `effective`'s, plus `NotAssigned` for a group without a permission set there. */
export type AccessJsonDecision = AccessDecision | "NotAssigned";

/** One result of `npm run access -- --json` (interfaces.md §4.5). */
export interface AccessJsonResult {
    readonly target: string;
    readonly group: string;
    readonly permissionSet: string | null;
    readonly action: string;
    readonly decision: AccessJsonDecision;
    readonly decidedBy?: { readonly level: string; readonly policyType: string; readonly policy?: string; readonly statement?: string };
    readonly unevaluatedPolicies?: readonly string[];
}

/**
 * Evaluates every action for every group in every account: one cell per permission set the
 * group has there, or one empty cell when it has none.
 */
export function accessReport(model: OrgModel, ic: IdentityCenterModel, query: AccessQuery): AccessReport {
    const evaluator = new AccessEvaluator(model, query.request);
    const cells: AccessCell[] = [];
    for (const group of query.groups) {
        for (const account of query.accounts) {
            const held = ic.assignments.filter((a) => a.group === group && a.account === account.name && (query.permissionSets.length === 0 || query.permissionSets.includes(a.permissionSet)));
            if (held.length === 0) {
                cells.push({ group, account, decisions: [] });
                continue;
            }
            for (const a of held) {
                const permissionSet = ic.permissionSets.get(a.permissionSet);
                if (permissionSet === undefined) continue;
                cells.push({ group, account, permissionSet, via: a.via, decisions: query.actions.map((action) => ({ action, evaluation: evaluator.evaluate(account, permissionSet, action) })) });
            }
        }
    }
    return { request: query.request, actions: query.actions, cells };
}

/** The report as the documented JSON document: `{ "results": [...] }`, groups, then accounts, then actions. */
export function accessJson(report: AccessReport): { results: AccessJsonResult[] } {
    const results: AccessJsonResult[] = [];
    for (const cell of report.cells) {
        const base = { target: cell.account.name, group: cell.group };
        if (cell.permissionSet === undefined) {
            for (const action of report.actions) results.push({ ...base, permissionSet: null, action, decision: "NotAssigned" });
            continue;
        }
        for (const { action, evaluation } of cell.decisions) {
            results.push({
                ...base,
                permissionSet: cell.permissionSet.name,
                action,
                decision: evaluation.decision,
                ...(evaluation.decidedBy !== undefined ? { decidedBy: evaluation.decidedBy } : {}),
                ...(evaluation.unevaluated.length > 0 ? { unevaluatedPolicies: evaluation.unevaluated } : {}),
            });
        }
    }
    return { results };
}

/** Who holds which permission sets where: `{ "assignments": [...] }`, for `--json` without `--action`. */
export function assignmentsJson(report: AccessReport): { assignments: { target: string; group: string; permissionSet: string; via: string }[] } {
    return {
        assignments: report.cells.flatMap((c) => (c.permissionSet === undefined || c.via === undefined ? [] : [{ target: c.account.name, group: c.group, permissionSet: c.permissionSet.name, via: c.via }])),
    };
}
