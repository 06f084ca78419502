import { NamedPolicy } from "./policyDocument";
import { EMPTY_CONTEXT } from "./requestContext";
import { CompiledStatement, compilePolicy, EvaluationRequest, requestOutcome } from "./statements";

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

/**
 * The level that denied, and for an explicit deny the policy and statement (Sid or index);
 * `policyType` says whether the caller's SCPs or the resource's RCPs decided, where both count.
 */
export interface DecidedBy {
    readonly level: PathLevel;
    readonly policyType?: "SCP" | "RCP";
    readonly policy?: string;
    readonly statement?: string;
}

export interface Evaluation {
    readonly decision: Decision;
    /** Absent for `Allowed` and `NotRestricted`. */
    readonly decidedBy?: DecidedBy;
    /**
     * Condition keys the request did not carry on which a statement matching the action
     * turned (it applied, or failed to, only because they were absent), as the policies spell
     * them; absent when none did. Giving them may change the decision.
     */
    readonly missingContextKeys?: readonly string[];
}

/** What the policies attached directly to one level say about one action. */
interface LevelVerdict {
    /** Whether some Allow matches; only meaningful when no Deny does. */
    readonly allowed: boolean;
    /** The first matching Deny, in attachment and statement order. */
    readonly deny?: { readonly policy: string; readonly statement: string };
    /** Whether some Allow, or some Deny, matches whatever the absent keys. */
    readonly certainAllow: boolean;
    readonly certainDeny: boolean;
    /** Absent keys of the statements that match only because of them, and of those that fail only because of them. */
    readonly allowKeys: { readonly applied: readonly string[]; readonly failed: readonly string[] };
    readonly denyKeys: { readonly applied: readonly string[]; readonly failed: readonly string[] };
}

/** A statement with what the request makes of its resource and condition. */
interface JudgedStatement {
    readonly compiled: CompiledStatement;
    readonly applies: boolean;
    readonly absentKeys: readonly string[];
}

const NO_STATEMENTS: readonly JudgedStatement[] = [];

/** `keys` without repeats (compared in any case, as IAM compares key names), first spelling kept. */
function distinctKeys(keys: Iterable<string>): string[] {
    const seen = new Map<string, string>();
    for (const k of keys) if (!seen.has(k.toLowerCase())) seen.set(k.toLowerCase(), k);
    return [...seen.values()];
}

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
    private readonly judged = new Map<string, readonly JudgedStatement[]>();
    private readonly verdicts = new Map<string, Map<string, LevelVerdict>>();

    constructor(
        private readonly policyNamed: (name: string) => NamedPolicy | undefined,
        readonly request: EvaluationRequest = { resource: "*", context: EMPTY_CONTEXT },
    ) {}

    /** The decision for `action` (e.g. `s3:GetObject`, any case) along `levels`, top down. */
    evaluatePath(levels: readonly PathLevel[], action: string): Evaluation {
        const key = action.toLowerCase();
        const verdicts = levels.map((level) => this.levelVerdict(level.policies, key));
        const keys = distinctKeys(turningKeys(verdicts));
        const missing = keys.length > 0 ? { missingContextKeys: keys } : {};
        const denying = verdicts.findIndex((v) => v.deny !== undefined);
        const denyingLevel = levels[denying];
        const deny = verdicts[denying]?.deny;
        if (denyingLevel !== undefined && deny !== undefined) {
            return { decision: "ExplicitlyDenied", decidedBy: { level: denyingLevel, policy: deny.policy, statement: deny.statement }, ...missing };
        }
        const missingAllow = levels[verdicts.findIndex((v) => !v.allowed)];
        if (missingAllow !== undefined) return { decision: "ImplicitlyDenied", decidedBy: { level: missingAllow }, ...missing };
        return { decision: "Allowed", ...missing };
    }

    /** The statements of a policy whose resource and condition apply to this request. */
    statementsOf(policyName: string): readonly CompiledStatement[] {
        return this.judgedStatements(policyName).filter((s) => s.applies).map((s) => s.compiled);
    }

    private judgedStatements(policyName: string): readonly JudgedStatement[] {
        let found = this.judged.get(policyName);
        if (found === undefined) {
            const policy = this.policyNamed(policyName);
            found = policy === undefined
                ? NO_STATEMENTS
                : compilePolicy(policy).flatMap((compiled) => {
                    const outcome = requestOutcome(compiled.statement, this.request);
                    // A statement whose resource rules the request out decides nothing, whatever its condition.
                    return outcome.resourceMatches ? [{ compiled, applies: outcome.applies, absentKeys: outcome.absentKeys }] : [];
                });
            this.judged.set(policyName, found);
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
        let deny: LevelVerdict["deny"];
        let allowed = false;
        let certainAllow = false;
        let certainDeny = false;
        const allowKeys = { applied: [] as string[], failed: [] as string[] };
        const denyKeys = { applied: [] as string[], failed: [] as string[] };
        for (const name of policies) {
            for (const s of this.judgedStatements(name)) {
                if (!s.compiled.matchesAction(action)) continue;
                const isDeny = s.compiled.effect === "Deny";
                const keys = isDeny ? denyKeys : allowKeys;
                (s.applies ? keys.applied : keys.failed).push(...s.absentKeys);
                if (!s.applies) continue;
                if (isDeny) {
                    deny ??= { policy: s.compiled.policy, statement: s.compiled.label };
                    certainDeny ||= s.absentKeys.length === 0;
                } else {
                    allowed = true;
                    certainAllow ||= s.absentKeys.length === 0;
                }
            }
        }
        const verdict = { allowed, certainAllow, certainDeny, allowKeys, denyKeys };
        return deny === undefined ? verdict : { ...verdict, deny };
    }
}

/**
 * The absent keys that could turn the decision from allowed to denied or back, if given:
 * for an allowed action, those of Denies that fail only for want of them, and of Allows a
 * level counts on only because of them; for a denied one, those of the Denies and the missing
 * Allows that decide it, unless some Deny or missing Allow decides it whatever the keys.
 */
function turningKeys(verdicts: readonly LevelVerdict[]): string[] {
    const denied = verdicts.some((v) => v.deny !== undefined) || verdicts.some((v) => !v.allowed);
    if (!denied) {
        return [...verdicts.flatMap((v) => v.denyKeys.failed), ...verdicts.flatMap((v) => (v.certainAllow ? [] : v.allowKeys.applied))];
    }
    if (verdicts.some((v) => v.certainDeny)) return [];
    const lacking = verdicts.filter((v) => !v.allowed);
    // A level without an Allow, even one that fails for want of a key, stays denied.
    if (lacking.some((v) => v.allowKeys.failed.length === 0)) return [];
    return [...verdicts.flatMap((v) => v.denyKeys.applied), ...lacking.flatMap((v) => v.allowKeys.failed)];
}
