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
    organizationComponent: "aws-org:index:Organization",
    accountComponent: "aws-org:account:Account",
    organizationsFeatures: "aws:iam/organizationsFeatures:OrganizationsFeatures",
} as const;

/**
 * IAM's organization features of centralized root access (`EnableOrganizationsRootCredentialsManagement`,
 * `EnableOrganizationsRootSessions`), as `aws.iam.OrganizationsFeatures` takes them in `enabledFeatures`.
 */
export const ROOT_ACCESS_FEATURES = {
    credentialsManagement: "RootCredentialsManagement",
    rootSessions: "RootSessions",
} as const;

/** The service principal whose trusted access centralized root access needs. */
export const IAM_SERVICE_PRINCIPAL = "iam.amazonaws.com";

/**
 * Facts the program's components register as outputs, for the guardrails: stack policies see
 * a component's registered outputs, and these are plain values, known during a preview.
 */
export const FACTS = {
    /** On the organization component: the regions the organization uses, e.g. `["us-east-1"]`. */
    regions: "regions",
    /** On each account component: the name of the role the management account reaches it by. */
    roleName: "roleName",
    /** On each account component: `true` for the management account, which SCPs never restrict. */
    managementAccount: "managementAccount",
} as const;

/** The reserved name of the AWS-managed policy `p-FullAWSAccess`. */
export const FULL_AWS_ACCESS = "FullAWSAccess";
export const FULL_AWS_ACCESS_ID = "p-FullAWSAccess";

/** The `type` of an SCP in `aws.organizations.Policy`, also the provider's default. */
export const SCP_POLICY_TYPE = "SERVICE_CONTROL_POLICY";

/** Tag that marks a retired account, which the guardrails allow to be unprotected. */
export const RETIRED_TAG = "aws-org:retired";

/** The top-level OU that holds retired accounts (the program adds it, locked by a deny-all SCP). */
export const RETIRED_OU_NAME = "Retired";

/**
 * Where requests to AWS's global services (IAM, Organizations, CloudFront, Route 53, Support)
 * are made, whatever Region a caller works in: their single endpoint is in `us-east-1`, so
 * their requests carry `aws:RequestedRegion` = `us-east-1` (IAM User Guide, example policy
 * "AWS: Denies access to AWS based on the requested Region").
 */
export const GLOBAL_SERVICES_REGION = "us-east-1";

/** The service prefixes served only from {@link GLOBAL_SERVICES_REGION}. */
export const GLOBAL_SERVICES: ReadonlySet<string> = new Set(["iam", "organizations", "cloudfront", "route53", "support"]);

/** The role AWS creates in every new account for the management account, unless told otherwise. */
export const DEFAULT_ACCESS_ROLE = "OrganizationAccountAccessRole";
