import { PathLevel } from "../../policypacks/aws-org-guardrails/core/pathEvaluation";
import { Account, OrganizationalUnit, OrgModel, PolicyTarget } from "../model/types";
import { RCP_FULL_AWS_ACCESS } from "../../policypacks/aws-org-guardrails/core/policyTypes";

export type { PathLevel };

/** What SCPs are evaluated for: an account, or an OU (root → that OU). */
export type EvaluationTarget =
    | { readonly kind: "account"; readonly account: Account }
    | { readonly kind: "ou"; readonly ou: OrganizationalUnit };

const ouIndexes = new WeakMap<OrgModel, ReadonlyMap<string, OrganizationalUnit>>();

function ouIndex(model: OrgModel): ReadonlyMap<string, OrganizationalUnit> {
    let index = ouIndexes.get(model);
    if (index === undefined) {
        index = new Map(model.allOrganizationalUnits.map((ou) => [ou.path, ou]));
        ouIndexes.set(model, index);
    }
    return index;
}

/** The name a target goes by in results: the account's name or the OU's path. */
export function targetName(target: EvaluationTarget): string {
    return target.kind === "account" ? target.account.name : target.ou.path;
}

/** The OU path a target sits in (the OU itself for an OU target); null directly under the root. */
function targetOuPath(target: EvaluationTarget): string | null {
    return target.kind === "account" ? target.account.ouPath : target.ou.path;
}

/** The SCPs attached directly to a target. */
export const scpSet = (t: PolicyTarget): readonly string[] => t.policies;

/** The RCPs attached directly to a target: `RCPFullAWSAccess` alone unless it lists some. */
export const rcpSet = (t: PolicyTarget): readonly string[] => t.otherPolicies.RCP ?? [RCP_FULL_AWS_ACCESS];

/**
 * The levels SCPs (or, with `setOf = rcpSet`, RCPs) are evaluated at, top down: the root,
 * each OU from the top, then the account.
 */
export function policyPath(model: OrgModel, target: EvaluationTarget, setOf: (t: PolicyTarget) => readonly string[] = scpSet): PathLevel[] {
    const levels: PathLevel[] = [{ kind: "root", name: "root", policies: setOf(model.root) }];
    const ouPath = targetOuPath(target);
    if (ouPath !== null) {
        const parts = ouPath.split("/");
        const index = ouIndex(model);
        for (let i = 1; i <= parts.length; i++) {
            const ou = index.get(parts.slice(0, i).join("/"));
            if (ou !== undefined) levels.push({ kind: "ou", name: ou.path, policies: setOf(ou) });
        }
    }
    if (target.kind === "account") levels.push({ kind: "account", name: target.account.name, policies: setOf(target.account) });
    return levels;
}

/** Every account, as targets, in file order. */
export function accountTargets(model: OrgModel): EvaluationTarget[] {
    return model.allAccounts.map((account) => ({ kind: "account", account }));
}

/**
 * The targets a name designates: the account of that name and the OU of that path (an org
 * file may, in principle, use one string for both).
 */
export function targetsNamed(model: OrgModel, name: string): EvaluationTarget[] {
    const found: EvaluationTarget[] = model.allAccounts.filter((a) => a.name === name).map((account) => ({ kind: "account", account }));
    const ou = ouIndex(model).get(name.replace(/^\/+|\/+$/g, ""));
    if (ou !== undefined) found.push({ kind: "ou", ou });
    return found;
}

/** Every name `--target` accepts: account names and OU paths. */
export function targetNames(model: OrgModel): string[] {
    return [...model.allAccounts.map((a) => a.name), ...model.allOrganizationalUnits.map((ou) => ou.path)];
}
