import { AccountClient, AlternateContactType, GetAlternateContactCommand } from "@aws-sdk/client-account";
import { awsErrorName } from "./awsErrors";
import { LiveAlternateContact, LiveAlternateContacts } from "./liveOrganization";
import { mapLimited } from "./mapLimited";
import { OrganizationsClientOptions, refuseForeignAnswers, sharedClientConfig } from "./organizationsClient";
import { ALTERNATE_CONTACT_TYPES, AlternateContactType as FileContactType } from "../model/types";

/** An Account Management client with the same credentials, endpoint and timeouts as the Organizations client. */
export function accountManagementClient(options: OrganizationsClientOptions): AccountClient {
    const client = new AccountClient(sharedClientConfig(options));
    refuseForeignAnswers(client.middlewareStack, options.endpoint);
    return client;
}

/**
 * The alternate contacts of each account, by account id: three requests per account. The
 * management account is read in its own context (AWS refuses an `AccountId` naming the caller).
 */
export async function readLiveAlternateContacts(
    client: AccountClient,
    accountIds: readonly string[],
    managementAccountId: string,
    concurrency = 4,
): Promise<Map<string, LiveAlternateContacts>> {
    const read = await mapLimited(accountIds, concurrency, async (id) => {
        const contacts: Partial<Record<FileContactType, LiveAlternateContact>> = {};
        for (const type of ALTERNATE_CONTACT_TYPES) {
            const contact = await readOne(client, id === managementAccountId ? undefined : id, type);
            if (contact !== undefined) contacts[type] = contact;
        }
        return [id, contacts] as const;
    });
    return new Map(read);
}

async function readOne(client: AccountClient, accountId: string | undefined, type: FileContactType): Promise<LiveAlternateContact | undefined> {
    try {
        const answer = await client.send(new GetAlternateContactCommand({ AccountId: accountId, AlternateContactType: type.toUpperCase() as AlternateContactType }));
        const c = answer.AlternateContact;
        if (c === undefined) return undefined;
        return { name: c.Name ?? "", title: c.Title ?? "", email: c.EmailAddress ?? "", phone: c.PhoneNumber ?? "" };
    } catch (e) {
        // AWS's answer for a type the account has no contact of.
        if (awsErrorName(e) === "ResourceNotFoundException") return undefined;
        throw e;
    }
}
