import { IAMClient, ListOrganizationsFeaturesCommand } from "@aws-sdk/client-iam";
import { LiveRootAccess } from "./liveOrganization";
import { OrganizationsClientOptions, refuseForeignAnswers, sharedClientConfig } from "./organizationsClient";
import { ROOT_ACCESS_FEATURES } from "../model/rootAccess";

/** An IAM client with the same credentials, endpoint and timeouts as the Organizations client. */
export function iamClient(options: OrganizationsClientOptions): IAMClient {
    const client = new IAMClient(sharedClientConfig(options));
    refuseForeignAnswers(client.middlewareStack, options.endpoint);
    return client;
}

/** Which centralized root access features the organization has enabled (`iam:ListOrganizationsFeatures`). */
export async function readLiveRootAccess(client: IAMClient): Promise<LiveRootAccess> {
    const enabled = new Set<string>((await client.send(new ListOrganizationsFeaturesCommand({}))).EnabledFeatures ?? []);
    return { credentialsManagement: enabled.has(ROOT_ACCESS_FEATURES.credentialsManagement), rootSessions: enabled.has(ROOT_ACCESS_FEATURES.rootSessions) };
}
