import * as awsAccount from "@pulumi/aws/account";
import * as pulumi from "@pulumi/pulumi";
import { ALTERNATE_CONTACT_TYPES, Account } from "../src/model/types";

/**
 * The account's alternate contacts and primary contact, as children of its component. The
 * management account changes its own contacts in its own context: AWS refuses an `accountId`
 * that names the caller's account.
 */
export function accountContacts(account: Account, accountId: pulumi.Output<string>, parent: pulumi.Resource): pulumi.Resource[] {
    const target = account.isManagementAccount ? undefined : accountId;
    const resources: pulumi.Resource[] = [];
    // Named after the account's key, like the account; the names it had before are aliases.
    const named = (suffix: string) => ({ parent, aliases: account.previousNames.map((n) => ({ name: `${n}/${suffix}` })) });
    for (const type of ALTERNATE_CONTACT_TYPES) {
        const c = account.alternateContacts[type];
        if (c === undefined) continue;
        resources.push(
            new awsAccount.AlternativeContact(
                `${account.key}/contact/${type}`,
                { accountId: target, alternateContactType: type.toUpperCase(), name: c.name, title: c.title, emailAddress: c.email, phoneNumber: c.phone },
                named(`contact/${type}`),
            ),
        );
    }
    const p = account.primaryContact;
    if (p !== undefined) {
        resources.push(
            new awsAccount.PrimaryContact(
                `${account.key}/contact/primary`,
                {
                    accountId: target,
                    fullName: p.fullName,
                    companyName: p.companyName,
                    addressLine1: p.addressLine1,
                    addressLine2: p.addressLine2,
                    addressLine3: p.addressLine3,
                    city: p.city,
                    stateOrRegion: p.stateOrRegion,
                    districtOrCounty: p.districtOrCounty,
                    postalCode: p.postalCode,
                    countryCode: p.countryCode,
                    phoneNumber: p.phone,
                    websiteUrl: p.websiteUrl,
                },
                named("contact/primary"),
            ),
        );
    }
    return resources;
}
