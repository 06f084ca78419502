import { awsErrorName, awsErrorText } from "./awsErrors";

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
        UnsupportedByEndpointError: "run the command against AWS, or against an emulator that implements the call",
    };
    const hint = hints[awsErrorName(e) ?? ""];
    return `${what} failed: ${awsErrorText(e)}${hint === undefined ? "" : ` (${hint})`}`;
}
