import * as awsOrganizations from "@pulumi/aws/organizations";
import * as pulumi from "@pulumi/pulumi";
import { PolicyLibrary } from "./policyLibrary";
import { attachTargetPolicies, AwsConnection, TargetAlias } from "./targetPolicies";
import { OrganizationalUnit as OuModel } from "../src/model/types";
import { TYPES } from "../policypacks/aws-org-guardrails/core/names";

export interface OrganizationalUnitArgs {
    readonly ou: OuModel;
    /** The root id, or the parent OU's id. */
    readonly parentId: pulumi.Input<string>;
    readonly library: PolicyLibrary;
    readonly connection: AwsConnection;
    /** The organization component, the top of every OU's URN: previous paths at another depth hang below it. */
    readonly organization: pulumi.Resource;
}

/**
 * One OU, its exact SCP set, and its child OUs, built recursively so that parents exist
 * before children. Every logical name is the OU's key (by default its path, `HIPAA/PCI`), so
 * that names do not depend on the order of the file; the paths it had before are aliases, so a
 * rename stays an in-place update of the OU's name.
 */
export class OrganizationalUnit extends pulumi.ComponentResource {
    public readonly id: pulumi.Output<string>;
    public readonly arn: pulumi.Output<string>;
    /** This OU and every OU below it, by path. */
    public readonly byPath: ReadonlyMap<string, OrganizationalUnit>;

    constructor(name: string, args: OrganizationalUnitArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const { ou } = args;
        super(TYPES.organizationalUnitComponent, name, {}, { ...opts, aliases: previousPathAliases(ou, args.organization, (p) => p, () => undefined) });
        const resource = new awsOrganizations.OrganizationalUnit(
            ou.key,
            {
                name: ou.name,
                parentId: args.parentId,
                tags: Object.keys(ou.tags).length > 0 ? { ...ou.tags } : undefined,
            },
            { parent: this, import: ou.id, aliases: previousPathAliases(ou, args.organization, (p) => p, (component) => component) },
        );
        this.id = resource.id;
        this.arn = resource.arn;
        const policyAliases = previousPathAliases(ou, args.organization, (p) => `ou/${p}`, (component) => component);
        attachTargetPolicies("ou", { targetName: ou.path, key: ou.key, aliases: policyAliases }, ou, resource.id, args.library, args.connection, { parent: this });
        const byPath = new Map<string, OrganizationalUnit>([[ou.path, this]]);
        for (const child of ou.organizationalUnits) {
            const unit = new OrganizationalUnit(child.key, { ...args, ou: child, parentId: resource.id }, { parent: this });
            for (const [path, u] of unit.byPath) byPath.set(path, u);
        }
        this.byPath = byPath;
        this.registerOutputs({ id: this.id, arn: this.arn });
    }
}

/**
 * The aliases of a resource of this OU (the component, or one inside it), one per previous
 * path. A URN holds the types of every parent, so a previous path at the OU's depth needs the
 * name only; one at another depth names the old parent too, built down from the organization.
 * `inside` turns the old component's URN into the parent of a resource inside it (undefined for
 * the component itself, whose parent is the OU above).
 */
function previousPathAliases(
    ou: OuModel,
    organization: pulumi.Resource,
    nameOf: (path: string) => string,
    inside: (oldComponent: pulumi.Input<string>) => pulumi.Input<string> | undefined,
): TargetAlias[] {
    return ou.previousPaths.map((previous) => {
        const segments = previous.split("/");
        if (segments.length === ou.depth) return { name: nameOf(previous) };
        let above: pulumi.Input<string> = organization.urn;
        for (let depth = 1; depth < segments.length; depth++) {
            above = pulumi.createUrn(segments.slice(0, depth).join("/"), TYPES.organizationalUnitComponent, above);
        }
        const component = pulumi.createUrn(previous, TYPES.organizationalUnitComponent, above);
        return { name: nameOf(previous), parent: inside(component) ?? above };
    });
}
