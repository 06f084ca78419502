import * as awsOrganizations from "@pulumi/aws/organizations";
import * as pulumi from "@pulumi/pulumi";
import { OrganizationSettings } from "../src/model/types";

/** What a delegation needs of the account it names: its id, and whether it exists already. */
export interface DelegateAccount {
    readonly id: pulumi.Output<string>;
    /** The account's id in the file, for an adopted account. */
    readonly adoptedId?: string;
}

/**
 * One `DelegatedAdministrator` per service principal, named by the principal (a stable key:
 * moving the delegation to another account replaces it under the same name, the old one first). In an adopted
 * organization a delegation to an adopted account is adopted too (`import`), as `npm run import`
 * writes the delegations AWS has: registering it again would fail.
 */
export function delegatedAdministrators(
    settings: OrganizationSettings,
    accounts: ReadonlyMap<string, DelegateAccount>,
    organization: awsOrganizations.Organization,
    parent: pulumi.Resource,
): awsOrganizations.DelegatedAdministrator[] {
    return settings.delegatedAdministrators.flatMap((d) => {
        const account = accounts.get(d.accountName);
        // The loader resolved every name to an account the program manages.
        if (account === undefined) return [];
        const adopt = settings.id !== undefined && account.adoptedId !== undefined ? `${account.adoptedId}/${d.servicePrincipal}` : undefined;
        return [
            new awsOrganizations.DelegatedAdministrator(
                `delegated-admin/${d.servicePrincipal}`,
                { accountId: account.id, servicePrincipal: d.servicePrincipal },
                // AWS registers a delegate only for a service with trusted access, which the organization
                // enables. Most services take one delegated administrator: the old registration must
                // go before the new one is made.
                { parent, dependsOn: [organization], import: adopt, deleteBeforeReplace: true },
            ),
        ];
    });
}
