import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PolicyLibrary } from "./policyLibrary";
import { attachTargetPolicies, AwsConnection } from "./targetPolicies";
import { OrganizationalUnit as OuModel } from "../src/model/types";

export interface OrganizationalUnitArgs {
    readonly ou: OuModel;
    /** The root id, or the parent OU's id. */
    readonly parentId: pulumi.Input<string>;
    readonly library: PolicyLibrary;
    readonly connection: AwsConnection;
}

/**
 * One OU, its exact SCP set, and its child OUs, built recursively so that parents exist
 * before children. Every logical name is the OU path (`HIPAA/PCI`): AWS cannot move an OU,
 * and a changed name would replace it, so names must not depend on the order of the file.
 */
export class OrganizationalUnit extends pulumi.ComponentResource {
    public readonly id: pulumi.Output<string>;
    public readonly arn: pulumi.Output<string>;
    /** This OU and every OU below it, by path. */
    public readonly byPath: ReadonlyMap<string, OrganizationalUnit>;

    constructor(name: string, args: OrganizationalUnitArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("aws-org:organization:OrganizationalUnit", name, {}, opts);
        const { ou } = args;
        const resource = new aws.organizations.OrganizationalUnit(
            ou.path,
            {
                name: ou.name,
                parentId: args.parentId,
                tags: Object.keys(ou.tags).length > 0 ? { ...ou.tags } : undefined,
            },
            { parent: this, import: ou.id },
        );
        this.id = resource.id;
        this.arn = resource.arn;
        attachTargetPolicies("ou", ou.path, ou, resource.id, args.library, args.connection, { parent: this });
        const byPath = new Map<string, OrganizationalUnit>([[ou.path, this]]);
        for (const child of ou.organizationalUnits) {
            const unit = new OrganizationalUnit(child.path, { ...args, ou: child, parentId: resource.id }, { parent: this });
            for (const [path, u] of unit.byPath) byPath.set(path, u);
        }
        this.byPath = byPath;
        this.registerOutputs({ id: this.id, arn: this.arn });
    }
}
