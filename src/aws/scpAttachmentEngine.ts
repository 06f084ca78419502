import {
    AttachPolicyCommand,
    DetachPolicyCommand,
    OrganizationsClient,
    paginateListPoliciesForTarget,
} from "@aws-sdk/client-organizations";
import { awsErrorName, awsErrorReason } from "./awsErrors";
import { collectPages } from "./organizationsClient";
import { FULL_AWS_ACCESS_ID } from "../model/types";
import { isControlTowerPolicy } from "../model/externalPolicies";

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
 * Makes the SCPs attached directly to a root, OU or account exactly a given set.
 *
 * AWS refuses to detach a target's last SCP, so new policies are attached before old ones are
 * detached: the target never passes through zero attachments. When attaching first would
 * exceed the per-target quota, one unwanted policy is detached to make room, never the last.
 */
export class ScpAttachmentEngine {
    constructor(private readonly client: OrganizationsClient) {}

    /** The ids of the SCPs attached directly to the target, sorted. */
    async read(targetId: string): Promise<string[]> {
        return (await this.attached(targetId)).map((p) => p.id);
    }

    /** The SCPs attached directly to the target, with their names, sorted by id. */
    private async attached(targetId: string): Promise<{ id: string; name: string }[]> {
        const policies = await collectPages(
            paginateListPoliciesForTarget({ client: this.client }, { TargetId: targetId, Filter: "SERVICE_CONTROL_POLICY" }),
            (page) => page.Policies,
        );
        return policies.flatMap((p) => (p.Id === undefined ? [] : [{ id: p.Id, name: p.Name ?? "" }])).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }

    /**
     * Attaches every listed SCP that is missing, then detaches every SCP not listed.
     * Returns the sorted ids now attached. Refuses an empty list, and a root list without
     * `FullAWSAccess`, before changing anything.
     *
     * External SCPs (`externalIds`, and any named `aws-guardrails-…`, Control Tower's) are
     * someone else's: they are neither attached nor detached, listed or not, and they count
     * toward the target's quota as they are.
     */
    async apply(targetId: string, desiredIds: readonly string[], externalIds: readonly string[] = []): Promise<string[]> {
        const desired = [...new Set(desiredIds)].sort();
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
        const attached = await this.attached(targetId);
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
                if (!isPerTargetLimitExceeded(error) || room === undefined || attachedCount < 2) throw error;
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

    /** Puts the AWS default back: `FullAWSAccess` attached first, then every other SCP but the external ones detached. */
    async restoreDefault(targetId: string, externalIds: readonly string[] = []): Promise<string[]> {
        return this.apply(targetId, [FULL_AWS_ACCESS_ID], externalIds);
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
