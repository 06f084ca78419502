import { ArgumentError } from "./exitStatus";
import {
    commandDeadline,
    DEFAULT_COMMAND_DEADLINE_MS,
    DEFAULT_REQUEST_TIMEOUT_MS,
    OrganizationsClientOptions,
} from "../aws/organizationsClient";

/**
 * Command-line options of the commands that talk to AWS Organizations. `--endpoint` points
 * the SDK at an emulator or a private endpoint; the real service needs none.
 */
export const AWS_OPTIONS = {
    profile: { type: "string" },
    "role-arn": { type: "string" },
    endpoint: { type: "string" },
    "request-timeout": { type: "string" },
    deadline: { type: "string" },
} as const;

/** `--sso-region`: the Identity Center home Region, for the commands that read Identity Center. */
export const SSO_REGION_OPTION = { "sso-region": { type: "string" } } as const;

/** The Region `--sso-region` asks for, checked, or `fallback`. */
export function ssoRegion(value: string | undefined, fallback: string): string {
    if (value === undefined) return fallback;
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(value)) throw new ArgumentError(`\`--sso-region ${value}\` is not a Region name such as \`us-east-1\`.`);
    return value;
}

/** The usage lines of {@link AWS_OPTIONS}, shared by every command that has them. */
export const AWS_OPTIONS_USAGE = `  --profile NAME           AWS profile of the management account (default: the standard chain)
  --role-arn ARN           role to assume first
  --endpoint URL           another AWS endpoint (an emulator)
  --request-timeout SECS   longest wait for one answer from AWS before the request is sent again
                           (default: ${DEFAULT_REQUEST_TIMEOUT_MS / 1000})
  --deadline SECS          longest the whole command may take talking to AWS (default: ${DEFAULT_COMMAND_DEADLINE_MS / 1000})`;

export interface AwsOptionValues {
    readonly profile?: string;
    readonly "role-arn"?: string;
    readonly endpoint?: string;
    readonly "request-timeout"?: string;
    readonly deadline?: string;
}

/** How a command's client reaches AWS, from its options; a value that cannot be used is an `ArgumentError`. */
export function awsClientOptions(values: AwsOptionValues): OrganizationsClientOptions {
    const requestTimeout = seconds(values["request-timeout"], "--request-timeout", DEFAULT_REQUEST_TIMEOUT_MS);
    const deadline = seconds(values.deadline, "--deadline", DEFAULT_COMMAND_DEADLINE_MS);
    return {
        profile: values.profile,
        roleArn: values["role-arn"],
        endpoint: values.endpoint === undefined ? undefined : endpointUrl(values.endpoint),
        requestTimeoutMs: requestTimeout,
        deadline: commandDeadline(deadline),
    };
}

/** A positive number of seconds, as milliseconds. */
function seconds(value: string | undefined, flag: string, defaultMs: number): number {
    if (value === undefined) return defaultMs;
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n <= 0) {
        throw new ArgumentError(`\`${flag} ${value}\` is not a number of seconds; give a positive number, like \`${flag} ${defaultMs / 1000}\`.`);
    }
    return Math.round(n * 1000);
}

/** An `http(s)://` URL; anything else would reach the SDK as a raw `TypeError`. */
function endpointUrl(value: string): string {
    let url: URL | undefined;
    try {
        url = new URL(value);
    } catch {
        url = undefined;
    }
    if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
        throw new ArgumentError(`\`--endpoint ${value}\` is not an http(s) URL; write it like \`https://organizations.us-east-1.amazonaws.com\` or \`http://127.0.0.1:5000\`.`);
    }
    return value;
}
