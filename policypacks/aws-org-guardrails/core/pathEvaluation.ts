import { at } from "./at";
import { NamedPolicy } from "./policyDocument";
import { EMPTY_CONTEXT } from "./requestContext";
import { appliesToRequest, CompiledStatement, compilePolicy, EvaluationRequest } from "./statements";

/** A node on the way from the root to a target, with the policies attached directly to it. */
export interface PathLevel {
    readonly kind: "root" | "ou" | "account";
    /** `root`, the OU's path (`HIPAA/PCI`) or the account's name. */
    readonly name: string;
    readonly policies: readonly string[];
}

/**
 * `Allowed`: every level allows and none denies. `ImplicitlyDenied`: some level has no
 * matching Allow. `ExplicitlyDenied`: some level has a matching Deny. `NotRestricted`: the
 * management account, which SCPs never restrict.
 */
export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | "NotRestricted";

/** The level that denied, and for an explicit deny the policy and statement (Sid or index). */
export interface DecidedBy {
    readonly level: PathLevel;
    readonly policy?: string;
    readonly statement?: string;
}

export interface Evaluation {
    readonly decision: Decision;
    /** Absent for `Allowed` and `NotRestricted`. */
    readonly decidedBy?: DecidedBy;
}

/** What the policies attached directly to one level say about one action. */
interface LevelVerdict {
    /** Whether some Allow matches; only meaningful when no Deny does. */
    readonly allowed: boolean;
    /** The first matching Deny, in attachment and statement order. */
    readonly deny?: { readonly policy: string; readonly statement: string };
}

const NO_STATEMENTS: readonly CompiledStatement[] = [];

/**
 * Evaluates inheritance along a path as AWS does for SCPs, for one resource and request
 * context: an action is allowed only if every level (root, each OU from the top, the account)
 * has a policy with a matching Allow, and no level has a matching Deny; an explicit deny wins
 * over a missing allow. The topmost deciding level is reported.
 *
 * A level's verdict depends only on the set of policies attached to it, so verdicts are cached
 * by that set: targets that share a path (or levels with the same policies) reuse the work.
 */
export class PathEvaluator {
    private readonly applicable = new Map<string, readonly CompiledStatement[]>();
    private readonly verdicts = new Map<string, Map<string, LevelVerdict>>();

    constructor(
        private readonly policyNamed: (name: string) => NamedPolicy | undefined,
        readonly request: EvaluationRequest = { resource: "*", context: EMPTY_CONTEXT },
    ) {}

    /** The decision for `action` (e.g. `s3:GetObject`, any case) along `levels`, top down. */
    evaluatePath(levels: readonly PathLevel[], action: string): Evaluation {
        const key = action.toLowerCase();
        const verdicts = levels.map((level) => this.levelVerdict(level.policies, key));
        const denying = verdicts.findIndex((v) => v.deny !== undefined);
        if (denying >= 0) {
            const deny = at(verdicts, denying).deny;
            return { decision: "ExplicitlyDenied", decidedBy: { level: at(levels, denying), policy: deny?.policy, statement: deny?.statement } };
        }
        const missing = verdicts.findIndex((v) => !v.allowed);
        if (missing >= 0) return { decision: "ImplicitlyDenied", decidedBy: { level: at(levels, missing) } };
        return { decision: "Allowed" };
    }

    /** The statements of a policy whose resource and condition apply to this request. */
    statementsOf(policyName: string): readonly CompiledStatement[] {
        let found = this.applicable.get(policyName);
        if (found === undefined) {
            const policy = this.policyNamed(policyName);
            found = policy === undefined ? NO_STATEMENTS : compilePolicy(policy).filter((s) => appliesToRequest(s.statement, this.request));
            this.applicable.set(policyName, found);
        }
        return found;
    }

    private levelVerdict(policies: readonly string[], action: string): LevelVerdict {
        const setKey = policies.join("\n");
        let byAction = this.verdicts.get(setKey);
        if (byAction === undefined) {
            byAction = new Map();
            this.verdicts.set(setKey, byAction);
        }
        let verdict = byAction.get(action);
        if (verdict === undefined) {
            verdict = this.computeVerdict(policies, action);
            byAction.set(action, verdict);
        }
        return verdict;
    }

    private computeVerdict(policies: readonly string[], action: string): LevelVerdict {
        let allowed = false;
        for (const name of policies) {
            for (const s of this.statementsOf(name)) {
                if (!s.matchesAction(action)) continue;
                if (s.effect === "Deny") return { allowed, deny: { policy: s.policy, statement: s.label } };
                allowed = true;
            }
        }
        return { allowed };
    }
}
