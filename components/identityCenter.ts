import * as awsIdentitystore from "@pulumi/aws/identitystore";
import * as awsSsoadmin from "@pulumi/aws/ssoadmin";
import * as pulumi from "@pulumi/pulumi";
import { PermissionSet } from "./permissionSet";
import { assignmentKey, IdentityCenterModel } from "../src/model/identityCenter";
import { SsoAssignment } from "../src/registry/ssoProfiles";

export interface IdentityCenterArgs {
    readonly model: IdentityCenterModel;
    /** Account id by account name, for every account the program manages. */
    readonly accountIds: ReadonlyMap<string, pulumi.Input<string>>;
    /** Each account's stable identity by name (its key and the keys it had), which names its assignments. */
    readonly accountIdentities?: ReadonlyMap<string, { readonly key: string; readonly previousNames: readonly string[] }>;
}

/** What the stack exports about Identity Center: where to sign in, and the permission sets' ARNs. */
export interface IdentityCenterOutput {
    readonly instanceArn: string;
    readonly identityStoreId: string;
    readonly region: string;
    /** The AWS access portal: the file's `startUrl`, or the instance's default address. */
    readonly portalUrl: string;
    /** Permission set ARN by name. */
    readonly permissionSets: Record<string, string>;
    /** Who holds which permission set where, for `npm run accounts -- --from-outputs` to write SSO profiles. */
    readonly assignments: readonly SsoAssignment[];
}

/**
 * IAM Identity Center of the organization: the instance (read once, never created: an
 * organization has one, enabled in the console), its permission sets with their exact
 * policies, the groups the file creates or looks up, and one account assignment for each
 * (permission set, group, account).
 *
 * Assignment names are `permissionSet/group/account` (the account's key, so that a renamed
 * account keeps its assignments), never the OU they came from: moving an
 * account to another OU that grants the same access changes nothing, and moving it to one that
 * grants other access creates and deletes only the assignments that differ.
 */
export class IdentityCenter extends pulumi.ComponentResource {
    public readonly output: pulumi.Output<IdentityCenterOutput>;

    constructor(name: string, args: IdentityCenterArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("aws-org:identity:IdentityCenter", name, {}, opts);
        const { model } = args;
        const region = model.region;
        const instances = awsSsoadmin.getInstancesOutput(region === undefined ? {} : { region }, { parent: this });
        const where = region === undefined ? "the stack's Region" : `Region \`${region}\``;
        const first = (list: string[], what: string): string => {
            const value = list[0];
            if (value === undefined) {
                throw new Error(`No IAM Identity Center instance in ${where}, so there is no ${what}: enable Identity Center for the organization in the console (once, from the management account), or set \`identityCenter.region\` to its home Region.`);
            }
            return value;
        };
        const instanceArn = instances.arns.apply((arns) => first(arns, "instance"));
        const identityStoreId = instances.identityStoreIds.apply((ids) => first(ids, "identity store"));
        const regional = region === undefined ? {} : { region };

        const permissionSets = new Map<string, PermissionSet>();
        for (const ps of model.permissionSets.values()) {
            permissionSets.set(ps.name, new PermissionSet(ps.name, { permissionSet: ps, instanceArn, region }, { parent: this }));
        }

        const groupIds = new Map<string, pulumi.Output<string>>();
        for (const group of model.groups.values()) {
            if (group.create) {
                const created = new awsIdentitystore.Group(
                    `group/${group.name}`,
                    { displayName: group.name, description: group.description, identityStoreId, ...regional },
                    { parent: this },
                );
                groupIds.set(group.name, created.groupId);
            } else {
                const found = awsIdentitystore.getGroupOutput(
                    { identityStoreId, alternateIdentifier: { uniqueAttribute: { attributePath: "DisplayName", attributeValue: group.name } }, ...regional },
                    { parent: this },
                );
                groupIds.set(group.name, found.groupId);
            }
        }

        for (const a of model.assignments) {
            const ps = permissionSets.get(a.permissionSet);
            const groupId = groupIds.get(a.group);
            const accountId = args.accountIds.get(a.account);
            // The model only expands to declared groups, permission sets and managed accounts.
            if (ps === undefined || groupId === undefined || accountId === undefined) throw new Error(`Assignment ${assignmentKey(a)} names something the program does not build.`);
            const identity = args.accountIdentities?.get(a.account);
            const keyed = (account: string) => `assignment/${assignmentKey({ ...a, account })}`;
            new awsSsoadmin.AccountAssignment(
                keyed(identity?.key ?? a.account),
                {
                    instanceArn,
                    permissionSetArn: ps.arn,
                    principalType: "GROUP",
                    principalId: groupId,
                    targetType: "AWS_ACCOUNT",
                    targetId: accountId,
                    ...regional,
                },
                // The role is provisioned into the account with the policies attached at that moment.
                { parent: this, dependsOn: ps.policyResources, aliases: (identity?.previousNames ?? []).map((n) => ({ name: keyed(n) })) },
            );
        }

        this.output = pulumi
            .all([instanceArn, identityStoreId, instances.region, pulumi.all(Object.fromEntries([...permissionSets].map(([n, p]) => [n, p.arn])))])
            .apply(([arn, storeId, instanceRegion, arns]) => ({
                instanceArn: arn,
                identityStoreId: storeId,
                region: region ?? instanceRegion,
                portalUrl: model.startUrl ?? `https://${storeId}.awsapps.com/start`,
                permissionSets: arns,
                assignments: model.assignments.map((a) => ({ account: a.account, permissionSet: a.permissionSet, group: a.group })),
            }));
        this.registerOutputs({ output: this.output });
    }
}
