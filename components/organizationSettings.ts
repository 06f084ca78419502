import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { rootAccessFeatures } from "../src/model/rootAccess";
import { OrganizationSettings } from "../src/model/types";

/** The organization-wide resources the settings ask for; each undefined when the file does not. */
export interface OrganizationSettingsResources {
    /** IAM's centralized root access features (`organization.rootAccess`). */
    readonly rootAccess?: aws.iam.OrganizationsFeatures;
}

/**
 * Registers the organization-wide settings, as children of `parent`. Each waits for the
 * organization, whose trusted access (IAM for root access) AWS requires first.
 */
export function organizationSettings(settings: OrganizationSettings, organization: aws.organizations.Organization, parent: pulumi.Resource): OrganizationSettingsResources {
    const features = rootAccessFeatures(settings.rootAccess);
    const rootAccess =
        features.length === 0
            ? undefined
            : new aws.iam.OrganizationsFeatures("root-access", { enabledFeatures: features }, { parent, dependsOn: [organization] });
    return { rootAccess };
}
