import { EvaluationTarget, policyPath, rcpSet } from "./policyPath";
import { Evaluation, PathEvaluator, PathLevel } from "../../policypacks/aws-org-guardrails/core/pathEvaluation";
import { contextValues, EMPTY_CONTEXT, RequestContext } from "../../policypacks/aws-org-guardrails/core/requestContext";
import { CompiledStatement, EvaluationRequest } from "../../policypacks/aws-org-guardrails/core/statements";
import { RCP_SERVICES } from "../../policypacks/aws-org-guardrails/core/rcpServices";
import { POLICY_TYPE_FACTS } from "../../policypacks/aws-org-guardrails/core/policyTypes";
import { Account, OrgModel } from "../model/types";

export type { Decision, DecidedBy, Evaluation } from "../../policypacks/aws-org-guardrails/core/pathEvaluation";

/**
 * The SCP inheritance of an org model: the path evaluator of the policy core, fed with the
 * model's SCP library and the path of each target (root, its OUs, the account). Where the
 * organization has RCPs, a request is also checked against the RCPs of the resource's account
 * (`resourceAccount`; by default the target itself): allowed only if both allow it.
 */
export class ScpEvaluator {
    private readonly paths: PathEvaluator;
    private readonly rcpPaths: PathEvaluator;
    private readonly rcpsEnabled: boolean;

    constructor(
        private readonly model: OrgModel,
        readonly request: EvaluationRequest = { resource: "*", context: EMPTY_CONTEXT },
        /** The account that owns the resource, when it is not the target's. */
        private readonly resourceAccount?: Account,
    ) {
        this.paths = new PathEvaluator((name) => model.policies.get(name), request);
        this.rcpPaths = new PathEvaluator((name) => {
            const document = model.otherPolicies.get(name)?.document;
            return document === undefined ? undefined : { name, document };
        }, { resource: request.resource, context: withCallerFacts(model, request.context) });
        this.rcpsEnabled = model.organization.enabledPolicyTypes.includes(POLICY_TYPE_FACTS.RCP.apiName);
    }

    /** The decision for `action` (e.g. `s3:GetObject`, any case) at a target, SCPs and RCPs together. */
    evaluate(target: EvaluationTarget, action: string): Evaluation {
        const scp = this.evaluateScps(target, action);
        const rcp = this.evaluateRcps(target, action);
        return rcp === undefined ? scp : combine(scp, rcp);
    }

    /** The SCPs alone: what the caller's account may do. */
    evaluateScps(target: EvaluationTarget, action: string): Evaluation {
        if (target.kind === "account" && target.account.isManagementAccount) return { decision: "NotRestricted" };
        return tagged(this.paths.evaluatePath(policyPath(this.model, target), action), "SCP");
    }

    /**
     * The RCPs alone, at the resource's account; undefined where they do not apply: RCPs not
     * enabled, a service RCPs do not cover, or a resource of the management account.
     */
    evaluateRcps(target: EvaluationTarget, action: string): Evaluation | undefined {
        if (!this.rcpsEnabled || !RCP_SERVICES.includes(action.split(":")[0]?.toLowerCase() ?? "")) return undefined;
        const owner: EvaluationTarget = this.resourceAccount === undefined ? target : { kind: "account", account: this.resourceAccount };
        if (owner.kind === "account" && owner.account.isManagementAccount) return undefined;
        return tagged(this.rcpPaths.evaluatePath(policyPath(this.model, owner, rcpSet), action), "RCP");
    }

    /** The RCP levels a target's requests meet: the resource account's path. */
    rcpLevels(target: EvaluationTarget): PathLevel[] {
        return policyPath(this.model, this.resourceAccount === undefined ? target : { kind: "account", account: this.resourceAccount }, rcpSet);
    }

    /** Whether RCPs count in this organization. */
    get hasRcps(): boolean {
        return this.rcpsEnabled;
    }

    /** The decision for `action` along explicit levels, top down (SCPs). */
    evaluatePath(levels: readonly PathLevel[], action: string): Evaluation {
        return this.paths.evaluatePath(levels, action);
    }

    /** The statements of a policy whose resource and condition apply to this request. */
    statementsOf(policyName: string): readonly CompiledStatement[] {
        return this.model.policies.has(policyName) ? this.paths.statementsOf(policyName) : this.rcpPaths.statementsOf(policyName);
    }
}

/** A stand-in for the organization's id while it is not known (an organization the program creates). */
export const THIS_ORGANIZATION = "o-thisorganization";

/**
 * What is known of every request the evaluation is about: the caller is a principal of a member
 * account, not an AWS service, and the resource is in this organization. Given as context
 * unless the request says otherwise (`--context aws:PrincipalOrgID=o-other` asks about a caller
 * from elsewhere), so that RCPs that deny principals outside the organization (the data
 * perimeter) do not deny every request for want of these keys.
 */
function withCallerFacts(model: OrgModel, context: RequestContext): RequestContext {
    const org = model.organization.id ?? THIS_ORGANIZATION;
    const facts: [string, string][] = [["aws:principalorgid", org], ["aws:resourceorgid", org], ["aws:principalisawsservice", "false"]];
    const merged = new Map(context);
    for (const [key, value] of facts) if (contextValues(context, key) === undefined) merged.set(key, [value]);
    return merged;
}

function tagged(e: Evaluation, policyType: "SCP" | "RCP"): Evaluation {
    return e.decidedBy === undefined ? e : { ...e, decidedBy: { ...e.decidedBy, policyType } };
}

/**
 * SCPs and RCPs together: an explicit deny of either wins (the caller's SCPs reported first),
 * then a missing allow of either; otherwise the SCPs' decision stands (`NotRestricted` for the
 * management account). A denial keeps the keys the denying side turned on (the other side
 * cannot undo it); an allowance the keys of both, since either could still deny.
 */
function combine(scp: Evaluation, rcp: Evaluation): Evaluation {
    const order: readonly Evaluation[] = [scp, rcp];
    const denied = order.find((e) => e.decision === "ExplicitlyDenied") ?? order.find((e) => e.decision === "ImplicitlyDenied");
    if (denied !== undefined) return denied;
    const keys = [...(scp.missingContextKeys ?? []), ...(rcp.missingContextKeys ?? [])];
    const distinct = [...new Map(keys.map((k) => [k.toLowerCase(), k])).values()];
    return distinct.length > 0 ? { ...scp, missingContextKeys: distinct } : scp;
}
