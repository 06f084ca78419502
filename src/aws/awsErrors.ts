/**
 * What an error thrown by the AWS SDK says, read in one place. The SDK sets `name` to the
 * error code AWS answered (`ConcurrentModificationException`) and copies extra fields of the
 * answer, such as the `Reason` of a constraint violation, onto the error.
 */

/** The error code AWS answered, e.g. `TooManyRequestsException`; undefined for anything without a name. */
export function awsErrorName(error: unknown): string | undefined {
    const name = (error as { name?: unknown } | null | undefined)?.name;
    return typeof name === "string" ? name : undefined;
}

/** The `Reason` of errors that carry one, e.g. `MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED`. */
export function awsErrorReason(error: unknown): string | undefined {
    const reason = (error as { Reason?: unknown } | null | undefined)?.Reason;
    return typeof reason === "string" && reason !== "" ? reason : undefined;
}

/** `Name (REASON): message`, in AWS's own words, for a message to the user. */
export function awsErrorText(error: unknown): string {
    const reason = awsErrorReason(error);
    const message = (error as { message?: unknown } | null | undefined)?.message;
    return `${awsErrorName(error) ?? "Error"}${reason === undefined ? "" : ` (${reason})`}: ${typeof message === "string" ? message : String(error)}`;
}
