/**
 * AWS's rules for the values of `identityCenter:`, as pure functions returning a problem
 * description or `undefined`. Sources: the SSO Admin API reference (CreatePermissionSet,
 * PutInlinePolicyToPermissionSet, CustomerManagedPolicyReference), the Identity Store API
 * reference (CreateGroup) and the Identity Center quotas page.
 */

/** `CreatePermissionSet` Name: 1–32 of `[\w+=,.@-]`. */
export function permissionSetNameProblem(name: string): string | undefined {
    return /^[\w+=,.@-]{1,32}$/.test(name) ? undefined : "must be 1 to 32 letters, digits or `+=,.@_-` (no spaces)";
}

/** `CreatePermissionSet` Description: 1–700 characters, printable ASCII and Latin-1, tabs and line breaks. */
export function descriptionProblem(text: string): string | undefined {
    if (text.length < 1 || text.length > 700) return `must be 1 to 700 characters (it has ${text.length})`;
    // eslint-disable-next-line no-control-regex -- tabs and line breaks are among the characters AWS allows
    return /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/.test(text) ? undefined : "may contain only printable ASCII and Latin-1 characters";
}

/** `CreatePermissionSet` RelayState: 1–240 characters of the API's pattern; the console opens it after sign-in. */
export function relayStateProblem(url: string): string | undefined {
    if (url.length < 1 || url.length > 240) return `must be 1 to 240 characters (it has ${url.length})`;
    if (!/^[a-zA-Z0-9&$@#\\/%?=~\-_'"|!:,.;*+[\] (){}]+$/.test(url)) return "contains a character AWS does not accept in a relay state";
    return /^https:\/\//.test(url) ? undefined : "must be an `https://` URL of the AWS console, like `https://console.aws.amazon.com/ec2/`";
}

const DURATION = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/;

/** Seconds of an ISO 8601 duration of hours, minutes and seconds (`PT1H30M`), or undefined. */
export function durationSeconds(text: string): number | undefined {
    const m = DURATION.exec(text);
    if (m === null || text === "PT") return undefined;
    const [h, min, s] = [m[1], m[2], m[3]].map((v) => (v === undefined ? 0 : Number(v)));
    return (h ?? 0) * 3600 + (min ?? 0) * 60 + (s ?? 0);
}

/** Identity Center sessions last 1 to 12 hours. */
export function sessionDurationProblem(text: string): string | undefined {
    const seconds = durationSeconds(text);
    if (seconds === undefined) return "is not an ISO 8601 duration such as `PT1H`, `PT4H` or `PT1H30M`";
    if (seconds < 3600 || seconds > 12 * 3600) return "is outside Identity Center's range of 1 to 12 hours (`PT1H` to `PT12H`)";
    return undefined;
}

/** The SSO Admin API's pattern of a permission set ARN (`PermissionSetArn`, botocore's sso-admin model). */
export function permissionSetArnProblem(arn: string): string | undefined {
    return PERMISSION_SET_ARN.test(arn) ? undefined : "must look like `arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef`";
}

const PERMISSION_SET_ARN = /^arn:aws(-[a-z]{1,5}){0,3}:sso:::permissionSet\/((?:sso)?ins-[a-zA-Z0-9-.]{16})\/ps-[a-zA-Z0-9-./]{16}$/;

/** The instance a permission set belongs to, from its ARN (`…permissionSet/ssoins-x/ps-y` → `…instance/ssoins-x`). */
export function instanceArnOfPermissionSet(arn: string): string | undefined {
    const m = PERMISSION_SET_ARN.exec(arn);
    return m === null ? undefined : `${arn.slice(0, arn.indexOf(":sso:"))}:sso:::instance/${m[2] ?? ""}`;
}

/** Customer managed policy names: 1–128 of `[\w+=,.@-]`. */
export function customerPolicyNameProblem(name: string): string | undefined {
    return /^[\w+=,.@-]{1,128}$/.test(name) ? undefined : "must be 1 to 128 letters, digits or `+=,.@_-`";
}

/** IAM paths: `/`, or `/` + segments, each followed by `/`, at most 512 characters. */
export function policyPathProblem(p: string): string | undefined {
    if (p.length > 512) return "must be at most 512 characters";
    return /^(\/[A-Za-z0-9.,+@=_-]+)*\/$/.test(p) ? undefined : "must start and end with `/`, like `/` or `/team/`";
}

/** Identity Store DisplayName: 1–1024 characters, no control characters. */
export function groupNameProblem(name: string): string | undefined {
    if (name.trim().length === 0 || name.length > 1024) return "must be 1 to 1024 characters and not blank";
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    return /[\u0000-\u001F\u007F]/.test(name) ? "must not contain control characters" : undefined;
}

export function groupDescriptionProblem(text: string): string | undefined {
    return text.length >= 1 && text.length <= 1024 ? undefined : `must be 1 to 1024 characters (it has ${text.length})`;
}

/** The inline policy quota: 32,768 bytes, of which at most 10,240 characters other than whitespace. */
export const INLINE_POLICY_MAX_BYTES = 32768;
export const INLINE_POLICY_MAX_NON_WHITESPACE = 10240;

export function inlinePolicySizeProblem(minified: string): string | undefined {
    const bytes = Buffer.byteLength(minified, "utf8");
    if (bytes > INLINE_POLICY_MAX_BYTES) return `is ${bytes} bytes once minified, over Identity Center's limit of ${INLINE_POLICY_MAX_BYTES}`;
    const chars = minified.replace(/\s/g, "").length;
    if (chars > INLINE_POLICY_MAX_NON_WHITESPACE) return `has ${chars} characters other than whitespace, over Identity Center's limit of ${INLINE_POLICY_MAX_NON_WHITESPACE}`;
    return undefined;
}

/** A Region name such as `eu-west-1`. */
export function regionProblem(region: string): string | undefined {
    return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region) ? undefined : "is not a Region name such as `us-east-1`";
}

/** The AWS access portal: `https://<d-… or alias>.awsapps.com/start` (or a newer `…app.aws` address). */
export function startUrlProblem(url: string): string | undefined {
    return /^https:\/\/[A-Za-z0-9.-]+\/start\/?$|^https:\/\/[A-Za-z0-9.-]+\.app\.aws\/?$/.test(url) ? undefined : "is not an AWS access portal URL such as `https://d-1234567890.awsapps.com/start`";
}
