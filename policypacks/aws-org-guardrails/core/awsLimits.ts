/**
 * AWS Organizations' limits that the program and the guardrails enforce before anything reaches
 * AWS. None of these is raised on request (AWS's "Quotas for AWS Organizations" page lists them
 * as fixed; only the number of accounts is adjustable), so an org file or a policy config may
 * set them lower, never higher. The first two doubled on 15 May 2026 (from 5 SCPs and 5,120
 * characters).
 */
export const AWS_LIMITS = Object.freeze({
    /** SCPs attached directly to one root, OU or account. */
    scpsPerTarget: 10,
    /** Characters of one SCP document, whitespace included. */
    scpMaxChars: 10240,
    /** OU levels below the root. */
    ouMaxDepth: 5,
    /** `CreateAccount` requests in progress at once. */
    concurrentAccountCreations: 5,
});
