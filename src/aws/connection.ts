import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { awsErrorName, awsErrorText } from "./awsErrors";
import { createOrganizationsClient } from "./organizationsClient";
import { identityCenterClients } from "./readLiveIdentityCenter";

/**
 * Command-line options of the commands that talk to AWS Organizations. `--endpoint` points
 * the SDK at an emulator or a private endpoint; the real service needs none.
 */
export const AWS_OPTIONS = {
    profile: { type: "string" },
    "role-arn": { type: "string" },
    endpoint: { type: "string" },
} as const;

export interface AwsOptionValues {
    readonly profile?: string;
    readonly "role-arn"?: string;
    readonly endpoint?: string;
}

/** `--sso-region`: the Identity Center home Region of the commands that read it. */
export const SSO_REGION_OPTION = { "sso-region": { type: "string" } } as const;

/** Identity Center clients for a command, in its home Region, with the same credentials and endpoint as Organizations. */
export function identityCenterClientsFor(values: AwsOptionValues, region: string): ReturnType<typeof identityCenterClients> {
    return identityCenterClients({ region, profile: values.profile, roleArn: values["role-arn"], endpoint: values.endpoint });
}

/** An Organizations client for a command, retrying on throttling and transient errors. */
export function organizationsClientFor(values: AwsOptionValues): OrganizationsClient {
    return createOrganizationsClient({ profile: values.profile, roleArn: values["role-arn"], endpoint: values.endpoint });
}

/**
 * One line saying which AWS call failed and what to do, for errors thrown by the SDK.
 * Known causes get a fix; anything else keeps AWS's own message.
 */
export function describeAwsError(e: unknown, what: string): string {
    const hints: Record<string, string> = {
        CredentialsProviderError: "no AWS credentials found; pass `--profile NAME` or set `AWS_PROFILE`",
        AccessDeniedException: "run it with credentials of the management account (or a delegated administrator) allowed to call Organizations",
        AWSOrganizationsNotInUseException: "these credentials belong to an account outside any organization; use the management account's credentials",
        TooManyRequestsException: "AWS kept throttling the requests; wait a minute and run the command again",
        TimeoutError: "AWS did not answer within the request timeout, however often the request was sent; check the network and the endpoint, then run the command again",
        AbortError: "the command ran past its deadline and was stopped; run it again, or give it more time",
        RepeatedPageTokenError: "the listing was stopped rather than repeated for ever",
    };
    const hint = hints[awsErrorName(e) ?? ""];
    return `${what} failed: ${awsErrorText(e)}${hint === undefined ? "" : ` (${hint})`}`;
}
