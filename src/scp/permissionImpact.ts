import { ScpEvaluator, Decision } from "./evaluate";
import { iamAllActions } from "./iamCatalog";
import { policyPath } from "./policyPath";
import { ServiceReachCalculator } from "./serviceReach";
import { Account, OrgModel } from "../model/types";
import { at } from "../../policypacks/aws-org-guardrails/core/at";

/** What one account gains and loses of one service. */
export interface ServiceImpact {
    readonly target: string;
    readonly service: string;
    /** Catalogue actions it may use before and not after. */
    readonly lost: number;
    /** Catalogue actions it may use after and not before. */
    readonly gained: number;
    /** Catalogue actions of the service it may use before. */
    readonly before: number;
    /** Catalogue actions of the service. */
    readonly total: number;
}

/** One action's decision at one account, before and after (decisions as `npm run effective` gives them). */
export interface ActionImpact {
    readonly target: string;
    readonly action: string;
    readonly before: Decision;
    readonly after: Decision;
}

/** An account of the new model with what it was in the old one: the same key, or one of its previous names. */
export interface AccountPair {
    readonly before: Account;
    readonly after: Account;
}

/** The accounts both models have, paired by identity (so a renamed account is one account). */
export function pairAccounts(before: OrgModel, after: OrgModel): AccountPair[] {
    const byKey = new Map(before.allAccounts.map((a) => [a.key, a]));
    return after.allAccounts.flatMap((a) => {
        const was = [a.key, ...a.previousNames].map((k) => byKey.get(k)).find((x) => x !== undefined);
        return was === undefined ? [] : [{ before: was, after: a }];
    });
}

/** The SCP documents along an account's path, which decide what it may do. */
function pathText(model: OrgModel, account: Account): string {
    return policyPath(model, { kind: "account", account })
        .map((level) => level.policies.map((name) => model.policies.get(name)?.content ?? name).join("\u0001"))
        .join("\u0002");
}

/** The accounts whose effective SCPs change: their path carries other documents (the management account never). */
export function accountsWithNewScps(before: OrgModel, after: OrgModel): AccountPair[] {
    return pairAccounts(before, after).filter((p) => !p.after.isManagementAccount && !p.before.isManagementAccount && pathText(before, p.before) !== pathText(after, p.after));
}

/**
 * For every account whose effective SCPs change, what it gains and loses, service by service,
 * over the whole IAM catalogue: an action counts as usable when the SCPs on its path may allow
 * it (Allows covering it at every level, no unconditional Deny; conditions aside, as in
 * `ServiceReachCalculator`). Paths shared by many accounts are computed once.
 */
export function impactByService(before: OrgModel, after: OrgModel): ServiceImpact[] {
    const actions = iamAllActions();
    const services = actions.map((a) => a.slice(0, a.indexOf(":")));
    const reachBefore = new ServiceReachCalculator(before);
    const reachAfter = new ServiceReachCalculator(after);
    const masks = new Map<string, Uint8Array>();
    const maskOf = (model: OrgModel, calculator: ServiceReachCalculator, account: Account): Uint8Array => {
        const levels = policyPath(model, { kind: "account", account });
        const key = `${model === before ? "b" : "a"}${levels.map((l) => l.policies.join("\u0001")).join("\u0002")}`;
        let mask = masks.get(key);
        if (mask === undefined) {
            mask = calculator.mask(levels);
            masks.set(key, mask);
        }
        return mask;
    };
    const result: ServiceImpact[] = [];
    const summaries = new Map<string, ServiceImpact[]>();
    for (const pair of accountsWithNewScps(before, after)) {
        const was = maskOf(before, reachBefore, pair.before);
        const now = maskOf(after, reachAfter, pair.after);
        const key = `${pathText(before, pair.before)}\u0003${pathText(after, pair.after)}`;
        let summary = summaries.get(key);
        if (summary === undefined) {
            summary = compare(was, now, services);
            summaries.set(key, summary);
        }
        for (const s of summary) result.push({ ...s, target: pair.after.name });
    }
    return result;
}

/** Per service, what two masks of the catalogue differ by (services without a difference left out). */
function compare(was: Uint8Array, now: Uint8Array, services: readonly string[]): ServiceImpact[] {
    const counts = new Map<string, { lost: number; gained: number; before: number; total: number }>();
    for (let i = 0; i < services.length; i++) {
        const service = at(services, i);
        let c = counts.get(service);
        if (c === undefined) {
            c = { lost: 0, gained: 0, before: 0, total: 0 };
            counts.set(service, c);
        }
        const b = at(was, i);
        const a = at(now, i);
        c.total++;
        c.before += b;
        if (b === 1 && a === 0) c.lost++;
        else if (b === 0 && a === 1) c.gained++;
    }
    return [...counts]
        .filter(([, c]) => c.lost > 0 || c.gained > 0)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([service, c]) => ({ target: "", service, ...c }));
}

/** The exact decision of each action, before and after, at every account whose effective SCPs change. */
export function actionImpact(before: OrgModel, after: OrgModel, actions: readonly string[]): ActionImpact[] {
    const was = new ScpEvaluator(before);
    const now = new ScpEvaluator(after);
    return accountsWithNewScps(before, after).flatMap((pair) =>
        actions.map((action) => ({
            target: pair.after.name,
            action,
            before: was.evaluate({ kind: "account", account: pair.before }, action).decision,
            after: now.evaluate({ kind: "account", account: pair.after }, action).decision,
        })),
    );
}
