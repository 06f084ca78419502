import * as awsOrganizations from "@pulumi/aws/organizations";
import * as pulumi from "@pulumi/pulumi";
import { FULL_AWS_ACCESS, FULL_AWS_ACCESS_ID, OrganizationPolicy, ServiceControlPolicy } from "../src/model/types";
import { POLICY_TYPE_FACTS, RCP_FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS_ID } from "../policypacks/aws-org-guardrails/core/policyTypes";

export interface PolicyLibraryArgs {
    /** The SCP library of the model; FullAWSAccess is AWS-managed and is never created. */
    readonly policies: ReadonlyMap<string, ServiceControlPolicy>;
    /** The policies of every other type; RCPFullAWSAccess is AWS-managed and is never created. Default: none. */
    readonly otherPolicies?: ReadonlyMap<string, OrganizationPolicy>;
    /** Whether RCPs are enabled, so that `RCPFullAWSAccess` exists. Default: false. */
    readonly rcpsEnabled?: boolean;
    /** Resolves once SCPs can be created (the organization has SCPs enabled). */
    readonly organization: pulumi.Resource;
}

/**
 * The organization's policy library: one `awsOrganizations.Policy` per policy of any type,
 * named after it, holding the minified document (AWS counts whitespace against the size limit).
 */
export class PolicyLibrary extends pulumi.ComponentResource {
    /** Policy id by name, `p-FullAWSAccess` and `p-RCPFullAWSAccess` included. */
    public readonly policyIds: ReadonlyMap<string, pulumi.Input<string>>;
    /** Ids of the external SCPs, sorted: the SCP sets never attach or detach them. */
    public readonly externalPolicyIds: readonly string[];

    constructor(name: string, args: PolicyLibraryArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("aws-org:scp:PolicyLibrary", name, {}, opts);
        // A plain string, not an Output: the SCP attachment resource can then check a root's set
        // (it must contain FullAWSAccess) before anything reaches AWS.
        const ids = new Map<string, pulumi.Input<string>>([[FULL_AWS_ACCESS, FULL_AWS_ACCESS_ID]]);
        const external: string[] = [];
        if (args.rcpsEnabled === true) ids.set(RCP_FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS_ID);
        for (const scp of args.policies.values()) {
            if (scp.awsManaged) continue;
            // Someone else's policy (Control Tower, LZA) is referred to by its id, never made a resource:
            // a resource would let `pulumi up` edit it, and deleting it would delete the policy.
            if (scp.external && scp.id !== undefined) {
                ids.set(scp.name, scp.id);
                external.push(scp.id);
                continue;
            }
            const policy = new awsOrganizations.Policy(
                scp.name,
                {
                    name: scp.name,
                    description: scp.description,
                    content: scp.content,
                    type: "SERVICE_CONTROL_POLICY",
                    tags: Object.keys(scp.tags).length > 0 ? { ...scp.tags } : undefined,
                },
                { parent: this, dependsOn: [args.organization], import: scp.id },
            );
            ids.set(scp.name, policy.id);
        }
        for (const other of args.otherPolicies?.values() ?? []) {
            if (other.awsManaged) continue;
            const policy = new awsOrganizations.Policy(
                other.name,
                {
                    name: other.name,
                    description: other.description,
                    content: other.content,
                    type: POLICY_TYPE_FACTS[other.type].apiName,
                    tags: Object.keys(other.tags).length > 0 ? { ...other.tags } : undefined,
                },
                { parent: this, dependsOn: [args.organization], import: other.id },
            );
            ids.set(other.name, policy.id);
        }
        this.policyIds = ids;
        this.externalPolicyIds = external.sort();
        this.registerOutputs({ policyIds: Object.fromEntries(ids) });
    }

    /** Ids of the named policies, in the given order. */
    idsOf(names: readonly string[]): pulumi.Input<string>[] {
        return names.map((n) => {
            const id = this.policyIds.get(n);
            // The loader has resolved every reference, so a miss is a programming error.
            if (id === undefined) throw new Error(`Policy ${n} is not in the library`);
            return id;
        });
    }
}
