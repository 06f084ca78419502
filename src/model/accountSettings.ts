/** AWS Account Management, through which the management account changes member accounts' contacts and Regions. */
export const ACCOUNT_SERVICE_PRINCIPAL = "account.amazonaws.com";
