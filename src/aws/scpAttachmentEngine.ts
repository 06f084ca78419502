import {
    AttachPolicyCommand,
    DetachPolicyCommand,
    OrganizationsClient,
    paginateListPoliciesForTarget,
    PolicyType,
} from "@aws-sdk/client-organizations";
import { awsErrorName, awsErrorReason } from "./awsErrors";
import { collectPages } from "./organizationsClient";
import { FULL_AWS_ACCESS_ID } from "../model/types";
import { isControlTowerPolicy } from "../model/externalPolicies";
import { RCP_FULL_AWS_ACCESS_ID } from "../../policypacks/aws-org-guardrails/core/policyTypes";

/** The API name of SCPs, the type of every set that names none. */
export const SCP_TYPE = "SERVICE_CONTROL_POLICY";
const RCP_TYPE = "RESOURCE_CONTROL_POLICY";

/**
 * What AWS keeps attached to every target for a type while it is enabled: SCPs need at least
 * one (`FullAWSAccess` by default), RCPs always hold `RCPFullAWSAccess`, other types nothing.
 */
export function defaultPolicyIds(policyType: string): string[] {
    if (policyType === SCP_TYPE) return [FULL_AWS_ACCESS_ID];
    if (policyType === RCP_TYPE) return [RCP_FULL_AWS_ACCESS_ID];
    return [];
}

/** Errors by which AWS says the target itself is gone (deleted OU, account that left). */
const TARGET_MISSING_ERRORS: readonly string[] = [
    "TargetNotFoundException",
    "OrganizationalUnitNotFoundException",
    "AccountNotFoundException",
    "RootNotFoundException",
];

/** A change to SCP attachments that this engine refuses to make. */
export class ScpAttachmentError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ScpAttachmentError";
    }
}

/** Whether `targetId` names an organization root (`r-…`). */
export function isRootId(targetId: string): boolean {
    return targetId.startsWith("r-");
}

/** Whether AWS answered that the root, OU or account does not exist (any more). */
export function isTargetMissing(error: unknown): boolean {
    return TARGET_MISSING_ERRORS.includes(awsErrorName(error) ?? "");
}

/**
 * Whether AWS refused an attachment because the target already has as many SCPs as it may.
 * (`POLICY_NUMBER_LIMIT_EXCEEDED` is another quota: the number of policies in the organization.)
 */
function isPerTargetLimitExceeded(error: unknown): boolean {
    return awsErrorName(error) === "ConstraintViolationException" && awsErrorReason(error) === "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED";
}

/**
 * Makes the policies of one type attached directly to a root, OU or account exactly a given
 * set (SCPs unless told otherwise).
 *
 * AWS refuses to detach a target's last SCP, so new policies are attached before old ones are
 * detached: the target never passes through zero attachments. When attaching first would
 * exceed the per-target quota, one unwanted policy is detached to make room, never the last.
 * `RCPFullAWSAccess` is never detached (AWS refuses it too); other types may have none.
 */
export class ScpAttachmentEngine {
    constructor(private readonly client: OrganizationsClient) {}

    /** The ids of the policies of the type attached directly to the target, sorted. */
    async read(targetId: string, policyType: string = SCP_TYPE): Promise<string[]> {
        return (await this.attached(targetId, policyType)).map((p) => p.id);
    }

    /** The policies of the type attached directly to the target, with their names, sorted by id. */
    private async attached(targetId: string, policyType: string): Promise<{ id: string; name: string }[]> {
        const policies = await collectPages(
            paginateListPoliciesForTarget({ client: this.client }, { TargetId: targetId, Filter: policyType as PolicyType }),
            (page) => page.Policies,
        );
        return policies.flatMap((p) => (p.Id === undefined ? [] : [{ id: p.Id, name: p.Name ?? "" }])).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }

    /**
     * Attaches every listed policy that is missing, then detaches every one of the type not
     * listed. Returns the sorted ids now attached. Refuses, before changing anything, an empty
     * SCP list, a root SCP list without `FullAWSAccess` and an RCP list without `RCPFullAWSAccess`.
     *
     * External policies (`externalIds`, and any named `aws-guardrails-…`, Control Tower's) are
     * someone else's: they are neither attached nor detached, listed or not, and they count
     * toward the target's quota as they are.
     */
    async apply(targetId: string, desiredIds: readonly string[], policyType: string = SCP_TYPE, externalIds: readonly string[] = []): Promise<string[]> {
        const desired = [...new Set(desiredIds)].sort();
        if (policyType === RCP_TYPE && !desired.includes(RCP_FULL_AWS_ACCESS_ID)) {
            throw new ScpAttachmentError(
                `Refusing to detach \`RCPFullAWSAccess\` (\`${RCP_FULL_AWS_ACCESS_ID}\`) from \`${targetId}\`: AWS keeps it attached to every root, OU and account while RCPs are enabled. List it with the target's RCPs.`,
            );
        }
        // Management policies on one level merge in attachment order: attach in the order listed.
        if (policyType !== SCP_TYPE) return this.converge(targetId, [...new Set(desiredIds)], policyType, externalIds);
        if (desired.length === 0) {
            throw new ScpAttachmentError(
                `No SCP was requested for \`${targetId}\`: AWS keeps at least one SCP on every root, OU and account; list \`FullAWSAccess\` to restore the default.`,
            );
        }
        if (isRootId(targetId) && !desired.includes(FULL_AWS_ACCESS_ID)) {
            throw new ScpAttachmentError(
                `Refusing to detach \`FullAWSAccess\` (\`${FULL_AWS_ACCESS_ID}\`) from the root \`${targetId}\` `
                    + `(requested: ${desired.map((id) => `\`${id}\``).join(", ")}): an SCP on the root applies to every member account, `
                    + "and without `FullAWSAccess` every member account would lose every permission, including the role used to reach it. "
                    + "Keep `FullAWSAccess` in the root's `policies` and put allow-lists on OUs.",
            );
        }
        return this.converge(targetId, desired, policyType, externalIds);
    }

    /** Puts the AWS default of the type back: for SCPs `FullAWSAccess` attached first, then every other but the external ones detached. */
    async restoreDefault(targetId: string, policyType: string = SCP_TYPE, externalIds: readonly string[] = []): Promise<string[]> {
        return this.apply(targetId, defaultPolicyIds(policyType), policyType, externalIds);
    }

    /** Attach what is missing (making room at the quota), then detach what is not wanted; external ones stay as they are. */
    private async converge(targetId: string, desired: readonly string[], policyType: string, externalIds: readonly string[]): Promise<string[]> {
        const attached = await this.attached(targetId, policyType);
        const current = attached.map((p) => p.id);
        const external = new Set([...externalIds, ...attached.filter((p) => isControlTowerPolicy(p.name)).map((p) => p.id)]);
        const unwanted = current.filter((id) => !desired.includes(id) && !external.has(id));
        let attachedCount = current.length;
        for (const policyId of desired.filter((id) => !current.includes(id) && !external.has(id))) {
            try {
                await this.attach(targetId, policyId);
            } catch (error) {
                // Attach-first can exceed the quota of SCPs per target during a swap.
                const room = unwanted[0];
                // SCPs keep at least one; RCPFullAWSAccess is never among the unwanted.
                const floor = policyType === SCP_TYPE ? 2 : 1;
                if (!isPerTargetLimitExceeded(error) || room === undefined || attachedCount < floor) throw error;
                await this.detach(targetId, room);
                unwanted.shift();
                attachedCount--;
                await this.attach(targetId, policyId);
            }
            attachedCount++;
        }
        for (const policyId of unwanted) await this.detach(targetId, policyId);
        return [...new Set([...desired.filter((id) => !external.has(id)), ...current.filter((id) => external.has(id))])].sort();
    }

    private async attach(targetId: string, policyId: string): Promise<void> {
        try {
            await this.client.send(new AttachPolicyCommand({ TargetId: targetId, PolicyId: policyId }));
        } catch (error) {
            if (awsErrorName(error) !== "DuplicatePolicyAttachmentException") throw error;
        }
    }

    private async detach(targetId: string, policyId: string): Promise<void> {
        try {
            await this.client.send(new DetachPolicyCommand({ TargetId: targetId, PolicyId: policyId }));
        } catch (error) {
            if (awsErrorName(error) !== "PolicyNotAttachedException") throw error;
        }
    }
}
