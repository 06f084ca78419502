import * as awsIam from "@pulumi/aws/iam";
import * as awsOrganizations from "@pulumi/aws/organizations";
import * as pulumi from "@pulumi/pulumi";
import { rootAccessFeatures } from "../src/model/rootAccess";
import { OrganizationSettings } from "../src/model/types";

/** The organization-wide resources the settings ask for; each undefined when the file does not. */
export interface OrganizationSettingsResources {
    /** IAM's centralized root access features (`organization.rootAccess`). */
    readonly rootAccess?: awsIam.OrganizationsFeatures;
    /** The organization's resource policy (`organization.resourcePolicy`): delegated policy management. */
    readonly resourcePolicy?: awsOrganizations.ResourcePolicy;
}

/**
 * Registers the organization-wide settings, as children of `parent`. Each waits for the
 * organization, whose trusted access (IAM for root access) AWS requires first, and which must
 * exist before it can have a resource policy.
 */
export function organizationSettings(settings: OrganizationSettings, organization: awsOrganizations.Organization, parent: pulumi.Resource): OrganizationSettingsResources {
    const features = rootAccessFeatures(settings.rootAccess);
    const rootAccess =
        features.length === 0
            ? undefined
            : new awsIam.OrganizationsFeatures("root-access", { enabledFeatures: features }, { parent, dependsOn: [organization] });
    const resourcePolicy =
        settings.resourcePolicy === undefined
            ? undefined
            : new awsOrganizations.ResourcePolicy("resource-policy", { content: settings.resourcePolicy.content }, { parent, dependsOn: [organization] });
    return { rootAccess, resourcePolicy };
}
