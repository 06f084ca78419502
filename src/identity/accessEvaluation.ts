import { ScpEvaluator } from "../scp/evaluate";
import { PermissionSet } from "../model/identityCenter";
import { Account, OrgModel } from "../model/types";
import { EMPTY_CONTEXT } from "../../policypacks/aws-org-guardrails/core/requestContext";
import { appliesToRequest, CompiledStatement, compilePolicy, EvaluationRequest } from "../../policypacks/aws-org-guardrails/core/statements";

/** The decision for a person who signed in with a permission set: as `effective`'s, without `NotRestricted`. */
export type AccessDecision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

/** Which kind of policy decided: the organization's SCPs (and RCPs), or the permission set's own. */
export type AccessPolicyType = "SCP" | "RCP" | "PermissionSet" | "PermissionsBoundary";

/**
 * What decided a denial. For SCPs, `level` is `root`, an OU path or the account's name, as in
 * `effective`; for the permission set's policies it is `permission set <name>` or
 * `permissions boundary`. `policy` and `statement` name the statement of an explicit deny
 * (and the policy that lacks an Allow, when there is one).
 */
export interface AccessDecidedBy {
    readonly level: string;
    readonly policyType: AccessPolicyType;
    readonly policy?: string;
    readonly statement?: string;
}

export interface AccessEvaluation {
    readonly decision: AccessDecision;
    /** Absent for `Allowed`. */
    readonly decidedBy?: AccessDecidedBy;
    /**
     * Customer managed policies of the permission set, whose documents live in each account and
     * are not known offline: the decision is made without them (a boundary among them is taken
     * to allow everything).
     */
    readonly unevaluated: readonly string[];
}

/** The name the inline policy goes by in results. */
export const INLINE_POLICY = "inline policy";

interface Verdict {
    readonly allowed: boolean;
    readonly deny?: { readonly policy: string; readonly statement: string };
}

interface CompiledPermissionSet {
    readonly identity: readonly CompiledStatement[];
    /** Undefined without a boundary, or with a customer managed one (unknown offline). */
    readonly boundary?: { readonly name: string; readonly statements: readonly CompiledStatement[] };
    readonly unevaluated: readonly string[];
}

/**
 * What a permission set lets its holder do in an account, as AWS evaluates a request by an
 * IAM role in the same account (no resource-based policy): an explicit Deny in any SCP on the
 * account's path, in the boundary or in the permission set's policies denies; otherwise every
 * SCP level must allow (SCPs never restrict the management account), the boundary must allow
 * (when there is one), and one of the permission set's policies must allow.
 *
 * Where several policies decide, the one reported is the first in that order: SCPs top down,
 * then the boundary, then the permission set's policies in the file's order, inline last.
 */
export class AccessEvaluator {
    private readonly scps: ScpEvaluator;
    private readonly compiled = new Map<PermissionSet, CompiledPermissionSet>();

    constructor(
        model: OrgModel,
        readonly request: EvaluationRequest = { resource: "*", context: EMPTY_CONTEXT },
    ) {
        this.scps = new ScpEvaluator(model, request);
    }

    evaluate(account: Account, permissionSet: PermissionSet, action: string): AccessEvaluation {
        const ps = this.compile(permissionSet);
        const unevaluated = ps.unevaluated;
        const scp = this.scps.evaluate({ kind: "account", account }, action);
        if (scp.decision === "ExplicitlyDenied" && scp.decidedBy !== undefined) {
            const by = scp.decidedBy;
            return { decision: "ExplicitlyDenied", decidedBy: { level: by.level.name, policyType: by.policyType ?? "SCP", ...optional(by.policy, by.statement) }, unevaluated };
        }
        const boundary = ps.boundary === undefined ? undefined : verdict(ps.boundary.statements, action);
        const boundaryLevel = "permissions boundary";
        if (boundary?.deny !== undefined) {
            return { decision: "ExplicitlyDenied", decidedBy: { level: boundaryLevel, policyType: "PermissionsBoundary", ...optional(boundary.deny.policy, boundary.deny.statement) }, unevaluated };
        }
        const identity = verdict(ps.identity, action);
        const identityLevel = `permission set ${permissionSet.name}`;
        if (identity.deny !== undefined) {
            return { decision: "ExplicitlyDenied", decidedBy: { level: identityLevel, policyType: "PermissionSet", ...optional(identity.deny.policy, identity.deny.statement) }, unevaluated };
        }
        if (scp.decision === "ImplicitlyDenied" && scp.decidedBy !== undefined) {
            return { decision: "ImplicitlyDenied", decidedBy: { level: scp.decidedBy.level.name, policyType: scp.decidedBy.policyType ?? "SCP" }, unevaluated };
        }
        if (boundary !== undefined && !boundary.allowed && ps.boundary !== undefined) {
            return { decision: "ImplicitlyDenied", decidedBy: { level: boundaryLevel, policyType: "PermissionsBoundary", policy: ps.boundary.name }, unevaluated };
        }
        if (!identity.allowed) return { decision: "ImplicitlyDenied", decidedBy: { level: identityLevel, policyType: "PermissionSet" }, unevaluated };
        return { decision: "Allowed", unevaluated };
    }

    private compile(ps: PermissionSet): CompiledPermissionSet {
        let found = this.compiled.get(ps);
        if (found === undefined) {
            const applicable = (statements: readonly CompiledStatement[]) => statements.filter((s) => appliesToRequest(s.statement, this.request));
            const policies = [
                ...ps.managedPolicies.map((p) => ({ name: p.name, document: p.document })),
                ...(ps.inlinePolicy === undefined ? [] : [{ name: INLINE_POLICY, document: ps.inlinePolicy.document }]),
            ];
            const b = ps.permissionsBoundary;
            found = {
                identity: applicable(policies.flatMap(compilePolicy)),
                boundary: b?.kind === "managed" ? { name: b.policy.name, statements: applicable(compilePolicy({ name: b.policy.name, document: b.policy.document })) } : undefined,
                unevaluated: [
                    ...ps.customerManagedPolicies.map((c) => `${c.path}${c.name}`),
                    ...(b?.kind === "customer-managed" ? [`${b.policy.path}${b.policy.name} (boundary)`] : []),
                ],
            };
            this.compiled.set(ps, found);
        }
        return found;
    }
}

/** Whether some statement allows the action, and the first that denies it. */
function verdict(statements: readonly CompiledStatement[], action: string): Verdict {
    let allowed = false;
    for (const s of statements) {
        if (!s.matchesAction(action)) continue;
        if (s.effect === "Deny") return { allowed, deny: { policy: s.policy, statement: s.label } };
        allowed = true;
    }
    return { allowed };
}

function optional(policy: string | undefined, statement: string | undefined): { policy?: string; statement?: string } {
    return { ...(policy !== undefined ? { policy } : {}), ...(statement !== undefined ? { statement } : {}) };
}
