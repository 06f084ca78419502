import { IAMClient, ListOrganizationsFeaturesCommand } from "@aws-sdk/client-iam";
import { LiveRootAccess } from "./liveOrganization";
import { assumedRoleCredentials, OrganizationsClientOptions, ORGANIZATIONS_REGION, requestHandler } from "./organizationsClient";
import { silenceSdkNodeVersionNotice } from "./sdkNodeVersionNotice";
import { ROOT_ACCESS_FEATURES } from "../model/rootAccess";

/** An IAM client with the same credentials, endpoint and timeouts as the Organizations client. */
export function iamClient(options: OrganizationsClientOptions): IAMClient {
    silenceSdkNodeVersionNotice();
    const region = options.region ?? ORGANIZATIONS_REGION;
    return new IAMClient({
        region,
        maxAttempts: options.maxAttempts ?? 8,
        requestHandler: requestHandler(options),
        ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
        ...(options.roleArn !== undefined
            ? { credentials: assumedRoleCredentials(options.roleArn, options, region) }
            : options.credentials !== undefined
              ? { credentials: options.credentials }
              : options.profile !== undefined
                ? { profile: options.profile }
                : {}),
    });
}

/** Which centralized root access features the organization has enabled (`iam:ListOrganizationsFeatures`). */
export async function readLiveRootAccess(client: IAMClient): Promise<LiveRootAccess> {
    const enabled = new Set<string>((await client.send(new ListOrganizationsFeaturesCommand({}))).EnabledFeatures ?? []);
    return { credentialsManagement: enabled.has(ROOT_ACCESS_FEATURES.credentialsManagement), rootSessions: enabled.has(ROOT_ACCESS_FEATURES.rootSessions) };
}
