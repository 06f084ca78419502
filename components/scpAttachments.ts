import * as pulumi from "@pulumi/pulumi";
import { SCP_ATTACHMENTS_LOADER } from "./scpAttachmentsLoader";
import { ScpTargetKind, UNKNOWN, scpAttachmentsInputFailures } from "./scpAttachmentsState";
import { ORGANIZATIONS_REGION } from "../src/aws/organizationsClient";
import { ScpAttachmentError } from "../src/aws/scpAttachmentEngine";
import { TYPES } from "../policypacks/aws-org-guardrails/core/names";

export type { ScpAttachmentsState, ScpTargetKind } from "./scpAttachmentsState";

/** The arguments of {@link ScpAttachments}. */
export interface ScpAttachmentsArgs {
    /** The root (`r-…`), OU (`ou-…`) or account (12 digits). Changing it replaces the resource. */
    targetId: pulumi.Input<string>;
    targetKind: ScpTargetKind;
    /**
     * The API name of the policies' type (`RESOURCE_CONTROL_POLICY`, `TAG_POLICY`…). Default,
     * and left out of the state for: `SERVICE_CONTROL_POLICY`. Changing it replaces the resource.
     */
    policyType?: string;
    /** OU path, account name or `root`; shown in messages only, changing it changes nothing in AWS. */
    targetName: string;
    /**
     * The complete set of policy ids of the type to attach; order and repeats do not matter.
     * SCPs: not empty, and a root's must contain `p-FullAWSAccess`; RCPs: must contain
     * `p-RCPFullAWSAccess`; other types: may be empty.
     */
    policyIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The policies' names, in the order of `policyIds`; informational. */
    policyNames: readonly string[];
    /** Ids of SCPs managed by someone else, neither attached nor detached, listed or not. Default: none. */
    externalPolicyIds?: readonly string[];
    /** AWS profile to use. Default: the standard credentials chain. */
    profile?: pulumi.Input<string>;
    /** Role to assume with those credentials. Default: none. */
    roleArn?: pulumi.Input<string>;
    /** Default: `us-east-1`. */
    region?: pulumi.Input<string>;
    /** Another Organizations endpoint (an emulator, FIPS). Default: the AWS endpoint of `region`. */
    endpoint?: pulumi.Input<string>;
}

/** An input as the provider would see it now: a plain string as it is, anything else unknown. */
function knownString(value: unknown): string {
    return typeof value === "string" ? value : UNKNOWN;
}

/**
 * Exactly these policies of one type (SCPs by default) attached to one root, OU or account.
 * For SCPs: `pulumi up` attaches the missing ones
 * first, then detaches every other, including the `FullAWSAccess` that AWS attaches to every new
 * OU and account; SCPs managed by someone else (`externalPolicyIds`, Control Tower's
 * `aws-guardrails-*`) stay as they are. `pulumi refresh` reads what is really attached. Deleting the resource restores
 * the AWS default (`FullAWSAccess` alone). Never detaches `FullAWSAccess` from a root.
 *
 * A resource of Pulumi's Node.js dynamic provider (`pulumi-nodejs:dynamic/aws-org:ScpAttachments`),
 * registered as `pulumi.dynamic.Resource` would register it, except that its `__provider` is a
 * small fixed loader of the provider installed in the project (`scpAttachmentsProvider.ts`)
 * rather than a serialized copy of it.
 */
export class ScpAttachments extends pulumi.CustomResource {
    /** The root, OU or account. */
    declare public readonly targetId: pulumi.Output<string>;
    /** The ids of the SCPs attached, sorted. */
    declare public readonly policyIds: pulumi.Output<string[]>;

    constructor(name: string, args: ScpAttachmentsArgs, opts?: pulumi.CustomResourceOptions) {
        const props = {
            ...args,
            policyNames: [...args.policyNames],
            // Left out when there are none, as in every state written before external SCPs existed.
            externalPolicyIds: args.externalPolicyIds !== undefined && args.externalPolicyIds.length > 0 ? [...args.externalPolicyIds] : undefined,
            region: args.region ?? ORGANIZATIONS_REGION,
        };
        // Plain values are checked now, so that an offline plan reports what `pulumi up` would refuse.
        const failures = scpAttachmentsInputFailures({
            targetId: knownString(args.targetId),
            targetKind: args.targetKind,
            targetName: args.targetName,
            policyType: args.policyType,
            policyIds: Array.isArray(args.policyIds) ? args.policyIds.map(knownString) : UNKNOWN,
            policyNames: props.policyNames,
        });
        if (failures.length > 0) {
            throw new ScpAttachmentError(`Invalid SCP attachments \`${name}\`: ${failures.map((f) => f.reason).join(" ")}`);
        }
        super(TYPES.scpAttachments, name, { ...props, __provider: SCP_ATTACHMENTS_LOADER }, opts);
    }
}
