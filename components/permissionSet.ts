import * as awsSsoadmin from "@pulumi/aws/ssoadmin";
import * as pulumi from "@pulumi/pulumi";
import { instanceArnOfPermissionSet } from "../src/config/identityCenterRules";
import { PermissionSet as PermissionSetModel } from "../src/model/identityCenter";

export interface PermissionSetArgs {
    readonly permissionSet: PermissionSetModel;
    readonly instanceArn: pulumi.Input<string>;
    /** The Identity Center home Region; undefined: the provider's. */
    readonly region?: string;
}

/**
 * One permission set and exactly the policies the file gives it. Managed and customer
 * managed policies go through the provider's `*Exclusive` resources, which detach whatever
 * was attached by hand; the inline policy and the boundary are single values, put back on
 * every update.
 *
 * Renaming a permission set replaces it in AWS (a new ARN, every assignment made again): the
 * logical name is the permission set's name, so a rename reads as what it is.
 */
export class PermissionSet extends pulumi.ComponentResource {
    public readonly arn: pulumi.Output<string>;
    /** The resources that put policies on it: assignments wait for them. */
    public readonly policyResources: pulumi.Resource[];

    constructor(name: string, args: PermissionSetArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("aws-org:identity:PermissionSet", name, {}, opts);
        const ps = args.permissionSet;
        const regional = args.region === undefined ? {} : { region: args.region };
        const base = `permission-set/${ps.name}`;
        const resource = new awsSsoadmin.PermissionSet(
            base,
            {
                instanceArn: args.instanceArn,
                // Always explicit: an autonamed permission set gets a random suffix, over 32 characters.
                name: ps.name,
                description: ps.description,
                sessionDuration: ps.sessionDuration,
                relayState: ps.relayState,
                ...regional,
            },
            // An adopted permission set is imported by `<arn>,<instance arn>`; its policies are then made exact.
            { parent: this, import: ps.arn === undefined ? undefined : `${ps.arn},${instanceArnOfPermissionSet(ps.arn) ?? ""}` },
        );
        this.arn = resource.arn;
        const common = { instanceArn: args.instanceArn, permissionSetArn: resource.arn, ...regional };
        const child = { parent: this };
        // Destroying an `*Exclusive` resource detaches nothing; the permission set's own deletion does.
        this.policyResources = [
            new awsSsoadmin.ManagedPolicyAttachmentsExclusive(`${base}/managed-policies`, { ...common, managedPolicyArns: ps.managedPolicies.map((p) => p.arn) }, child),
            new awsSsoadmin.CustomerManagedPolicyAttachmentsExclusive(
                `${base}/customer-managed-policies`,
                { ...common, customerManagedPolicyReferences: ps.customerManagedPolicies.map((c) => ({ name: c.name, path: c.path })) },
                child,
            ),
        ];
        if (ps.inlinePolicy !== undefined) {
            this.policyResources.push(new awsSsoadmin.PermissionSetInlinePolicy(`${base}/inline-policy`, { ...common, inlinePolicy: ps.inlinePolicy.content }, child));
        }
        const boundary = ps.permissionsBoundary;
        if (boundary !== undefined) {
            this.policyResources.push(
                new awsSsoadmin.PermissionsBoundaryAttachment(
                    `${base}/permissions-boundary`,
                    {
                        ...common,
                        permissionsBoundary:
                            boundary.kind === "managed"
                                ? { managedPolicyArn: boundary.policy.arn }
                                : { customerManagedPolicyReference: { name: boundary.policy.name, path: boundary.policy.path } },
                    },
                    child,
                ),
            );
        }
        this.registerOutputs({ arn: this.arn });
    }
}
