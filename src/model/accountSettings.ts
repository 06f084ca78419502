/** AWS Account Management, through which the management account changes member accounts' contacts and Regions. */
export const ACCOUNT_SERVICE_PRINCIPAL = "account.amazonaws.com";

/**
 * AWS Account Management's quotas of Region opt-in and opt-out requests in progress at once
 * (Account Management Reference Guide, "Quotas for AWS Account Management").
 */
export const REGION_OPT_CONCURRENCY = { perAccount: 6, perOrganization: 50 } as const;
