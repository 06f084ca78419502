/**
 * Names the aws-org program and this policy pack agree on: the type tokens of the resources the
 * program registers, AWS's reserved policy names, and the tag that marks a retired account.
 * The pack matches resources by these strings rather than by provider classes, so that it runs
 * without loading a provider SDK (also inside the program's offline plan).
 */

export const TYPES = {
    organization: "aws:organizations/organization:Organization",
    organizationalUnit: "aws:organizations/organizationalUnit:OrganizationalUnit",
    account: "aws:organizations/account:Account",
    policy: "aws:organizations/policy:Policy",
    policyAttachment: "aws:organizations/policyAttachment:PolicyAttachment",
    scpAttachments: "pulumi-nodejs:dynamic/aws-org:ScpAttachments",
    organizationalUnitComponent: "aws-org:organization:OrganizationalUnit",
} as const;

/** The reserved name of the AWS-managed policy `p-FullAWSAccess`. */
export const FULL_AWS_ACCESS = "FullAWSAccess";
export const FULL_AWS_ACCESS_ID = "p-FullAWSAccess";

/** The `type` of an SCP in `aws.organizations.Policy`, also the provider's default. */
export const SCP_POLICY_TYPE = "SERVICE_CONTROL_POLICY";

/** Tag that marks a retired account, which the guardrails allow to be unprotected. */
export const RETIRED_TAG = "aws-org:retired";
