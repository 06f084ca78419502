/**
 * The AWS API calls `@pulumi/aws` makes for the resources this program declares. The Pulumi
 * provider bridges terraform-provider-aws, so these were read from its
 * `internal/service/organizations/*.go`, `ssoadmin/*.go` and `identitystore/*.go` (resource
 * create/read/update/delete/import functions and the waiters and finders they call). `docs/deployer-permissions.json` grants exactly
 * these, plus what the program calls itself through the AWS SDK; a test keeps the three in step.
 */

export type ProviderOperation = "create" | "read" | "update" | "delete" | "import";

export interface ProviderResourceCalls {
    /** The Pulumi type token. */
    readonly token: string;
    /** IAM actions (`service:Action`) per operation. Create, update and import end with a read. */
    readonly calls: Readonly<Record<ProviderOperation, readonly string[]>>;
}

/** Tags are read back after every read and changed in place (`@Tags` resources). */
const TAG_READ = ["organizations:ListTagsForResource"];
const TAG_UPDATE = ["organizations:TagResource", "organizations:UntagResource"];

const ORGANIZATION_READ = [
    "organizations:DescribeOrganization",
    "organizations:ListAccounts",
    "organizations:ListRoots",
    // Only with all features enabled, to read the trusted service principals.
    "organizations:ListAWSServiceAccessForOrganization",
];
const OU_READ = ["organizations:DescribeOrganizationalUnit", "organizations:ListParents", "organizations:ListAccountsForParent", ...TAG_READ];
const ACCOUNT_READ = ["organizations:DescribeAccount", "organizations:ListParents", ...TAG_READ];
const POLICY_READ = ["organizations:DescribePolicy", ...TAG_READ];
const ATTACHMENT_READ = ["organizations:ListTargetsForPolicy"];

/** A permission set change reaches the accounts only once it is provisioned again; the provider waits for it. */
const PROVISION = ["sso:ProvisionPermissionSet", "sso:DescribePermissionSetProvisioningStatus"];
const PERMISSION_SET_READ = ["sso:DescribePermissionSet", "sso:ListTagsForResource"];
const MANAGED_READ = ["sso:ListManagedPoliciesInPermissionSet"];
const CUSTOMER_MANAGED_READ = ["sso:ListCustomerManagedPolicyReferencesInPermissionSet"];
const INLINE_READ = ["sso:GetInlinePolicyForPermissionSet"];
const BOUNDARY_READ = ["sso:GetPermissionsBoundaryForPermissionSet"];
const ASSIGNMENT_READ = ["sso:ListAccountAssignments"];
const GROUP_READ = ["identitystore:DescribeGroup"];

/**
 * The Identity Center resources, from terraform-provider-aws `internal/service/ssoadmin` and
 * `internal/service/identitystore`: every policy resource provisions the permission set again
 * after a change and waits until that is done; the `*Exclusive` resources list what is
 * attached, attach what is missing, detach the rest, and detach nothing on delete; an account
 * assignment is created asynchronously and polled (creation and deletion both).
 */
const IDENTITY_CENTER_CALLS: Readonly<Record<string, ProviderResourceCalls>> = {
    "ssoadmin.getInstances": {
        token: "aws:ssoadmin/getInstances:getInstances",
        calls: { create: ["sso:ListInstances"], read: ["sso:ListInstances"], update: ["sso:ListInstances"], delete: [], import: ["sso:ListInstances"] },
    },
    "ssoadmin.PermissionSet": {
        token: "aws:ssoadmin/permissionSet:PermissionSet",
        calls: {
            create: ["sso:CreatePermissionSet", ...PERMISSION_SET_READ],
            read: PERMISSION_SET_READ,
            update: ["sso:UpdatePermissionSet", "sso:TagResource", "sso:UntagResource", ...PROVISION, ...PERMISSION_SET_READ],
            delete: ["sso:DeletePermissionSet"],
            import: PERMISSION_SET_READ,
        },
    },
    "ssoadmin.ManagedPolicyAttachmentsExclusive": {
        token: "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive",
        calls: {
            create: [...MANAGED_READ, "sso:AttachManagedPolicyToPermissionSet", "sso:DetachManagedPolicyFromPermissionSet", ...PROVISION],
            read: MANAGED_READ,
            update: [...MANAGED_READ, "sso:AttachManagedPolicyToPermissionSet", "sso:DetachManagedPolicyFromPermissionSet", ...PROVISION],
            delete: [],
            import: MANAGED_READ,
        },
    },
    "ssoadmin.CustomerManagedPolicyAttachmentsExclusive": {
        token: "aws:ssoadmin/customerManagedPolicyAttachmentsExclusive:CustomerManagedPolicyAttachmentsExclusive",
        calls: {
            create: [...CUSTOMER_MANAGED_READ, "sso:AttachCustomerManagedPolicyReferenceToPermissionSet", "sso:DetachCustomerManagedPolicyReferenceFromPermissionSet", ...PROVISION],
            read: CUSTOMER_MANAGED_READ,
            update: [...CUSTOMER_MANAGED_READ, "sso:AttachCustomerManagedPolicyReferenceToPermissionSet", "sso:DetachCustomerManagedPolicyReferenceFromPermissionSet", ...PROVISION],
            delete: [],
            import: CUSTOMER_MANAGED_READ,
        },
    },
    "ssoadmin.PermissionSetInlinePolicy": {
        token: "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
        calls: {
            create: ["sso:PutInlinePolicyToPermissionSet", ...PROVISION, ...INLINE_READ],
            read: INLINE_READ,
            update: ["sso:PutInlinePolicyToPermissionSet", ...PROVISION, ...INLINE_READ],
            delete: ["sso:DeleteInlinePolicyFromPermissionSet", ...PROVISION],
            import: INLINE_READ,
        },
    },
    "ssoadmin.PermissionsBoundaryAttachment": {
        token: "aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment",
        calls: {
            create: ["sso:PutPermissionsBoundaryToPermissionSet", ...PROVISION, ...BOUNDARY_READ],
            read: BOUNDARY_READ,
            update: BOUNDARY_READ,
            delete: ["sso:DeletePermissionsBoundaryFromPermissionSet", ...PROVISION],
            import: BOUNDARY_READ,
        },
    },
    "ssoadmin.AccountAssignment": {
        token: "aws:ssoadmin/accountAssignment:AccountAssignment",
        calls: {
            // The provider looks for the assignment first, since AWS does not refuse a duplicate.
            create: [...ASSIGNMENT_READ, "sso:CreateAccountAssignment", "sso:DescribeAccountAssignmentCreationStatus"],
            read: ASSIGNMENT_READ,
            update: ASSIGNMENT_READ,
            delete: ["sso:DeleteAccountAssignment", "sso:DescribeAccountAssignmentDeletionStatus"],
            import: ASSIGNMENT_READ,
        },
    },
    "identitystore.Group": {
        token: "aws:identitystore/group:Group",
        calls: {
            create: ["identitystore:CreateGroup", ...GROUP_READ],
            read: GROUP_READ,
            update: ["identitystore:UpdateGroup", ...GROUP_READ],
            delete: ["identitystore:DeleteGroup"],
            import: GROUP_READ,
        },
    },
    "identitystore.getGroup": {
        token: "aws:identitystore/getGroup:getGroup",
        // A group found by display name: its id first, then the group.
        calls: { create: ["identitystore:GetGroupId", ...GROUP_READ], read: ["identitystore:GetGroupId", ...GROUP_READ], update: ["identitystore:GetGroupId", ...GROUP_READ], delete: [], import: GROUP_READ },
    },
};

const ROOT_ACCESS_READ = ["iam:ListOrganizationsFeatures"];
const ROOT_ACCESS_CHANGE = [
    "iam:EnableOrganizationsRootCredentialsManagement",
    "iam:EnableOrganizationsRootSessions",
    "iam:DisableOrganizationsRootCredentialsManagement",
    "iam:DisableOrganizationsRootSessions",
];

const DELEGATION_READ = ["organizations:ListDelegatedAdministrators"];
const ALTERNATE_CONTACT_READ = ["account:GetAlternateContact"];
const PRIMARY_CONTACT_READ = ["account:GetContactInformation"];
const REGION_READ = ["account:GetRegionOptStatus"];
const REGION_CHANGE = ["account:EnableRegion", "account:DisableRegion", ...REGION_READ];
const RESOURCE_POLICY_READ = ["organizations:DescribeResourcePolicy", ...TAG_READ];

/**
 * The organization-wide settings, from terraform-provider-aws `internal/service/iam/organizations_features.go`
 * (enables what is new, disables what was dropped, disables all on delete) and
 * `internal/service/organizations/delegated_administrator.go` (finds the delegate among the
 * service's delegated administrators; every argument replaces), and `internal/service/account/`
 * `alternate_contact.go` (puts, then polls until the contact reads back) and `primary_contact.go`
 * (puts; deleting only forgets it, as AWS cannot remove a primary contact), and
 * `internal/service/account/region.go` (enables or disables, then polls until done; deleting
 * only forgets it), and `internal/service/organizations/resource_policy.go` (puts, retrying while the organization is
 * being finalized; tagged in place).
 */
const SETTINGS_CALLS: Readonly<Record<string, ProviderResourceCalls>> = {
    "account.Region": {
        token: "aws:account/region:Region",
        calls: { create: REGION_CHANGE, read: REGION_READ, update: REGION_CHANGE, delete: [], import: REGION_READ },
    },
    "organizations.ResourcePolicy": {
        token: "aws:organizations/resourcePolicy:ResourcePolicy",
        calls: {
            create: ["organizations:PutResourcePolicy", ...RESOURCE_POLICY_READ],
            read: RESOURCE_POLICY_READ,
            update: ["organizations:PutResourcePolicy", ...TAG_UPDATE, ...RESOURCE_POLICY_READ],
            delete: ["organizations:DeleteResourcePolicy"],
            import: RESOURCE_POLICY_READ,
        },
    },
    "account.AlternativeContact": {
        token: "aws:account/alternativeContact:AlternativeContact",
        calls: {
            create: ["account:PutAlternateContact", ...ALTERNATE_CONTACT_READ],
            read: ALTERNATE_CONTACT_READ,
            update: ["account:PutAlternateContact", ...ALTERNATE_CONTACT_READ],
            delete: ["account:DeleteAlternateContact", ...ALTERNATE_CONTACT_READ],
            import: ALTERNATE_CONTACT_READ,
        },
    },
    "account.PrimaryContact": {
        token: "aws:account/primaryContact:PrimaryContact",
        calls: {
            create: ["account:PutContactInformation", ...PRIMARY_CONTACT_READ],
            read: PRIMARY_CONTACT_READ,
            update: ["account:PutContactInformation", ...PRIMARY_CONTACT_READ],
            delete: [],
            import: PRIMARY_CONTACT_READ,
        },
    },
    "organizations.DelegatedAdministrator": {
        token: "aws:organizations/delegatedAdministrator:DelegatedAdministrator",
        calls: {
            create: ["organizations:RegisterDelegatedAdministrator", ...DELEGATION_READ],
            read: DELEGATION_READ,
            update: DELEGATION_READ,
            delete: ["organizations:DeregisterDelegatedAdministrator"],
            import: DELEGATION_READ,
        },
    },
    "iam.OrganizationsFeatures": {
        token: "aws:iam/organizationsFeatures:OrganizationsFeatures",
        calls: {
            create: ["iam:EnableOrganizationsRootCredentialsManagement", "iam:EnableOrganizationsRootSessions", ...ROOT_ACCESS_READ],
            read: ROOT_ACCESS_READ,
            update: [...ROOT_ACCESS_CHANGE, ...ROOT_ACCESS_READ],
            delete: ["iam:DisableOrganizationsRootCredentialsManagement", "iam:DisableOrganizationsRootSessions"],
            import: ROOT_ACCESS_READ,
        },
    },
};

/**
 * By the name the program writes after `aws.`: `organizations.Account` for
 * `new aws.organizations.Account(...)`. Only the code paths our inputs reach are listed:
 * `createGovcloud` is never set, so `CreateGovCloudAccount` is not here.
 */
export const PROVIDER_API_CALLS: Readonly<Record<string, ProviderResourceCalls>> = {
    "organizations.Organization": {
        token: "aws:organizations/organization:Organization",
        calls: {
            create: [
                "organizations:CreateOrganization",
                "organizations:EnableAWSServiceAccess",
                // Enabling a policy type needs the root id, then waits for it on the root.
                "organizations:ListRoots",
                "organizations:EnablePolicyType",
                ...ORGANIZATION_READ,
            ],
            read: ORGANIZATION_READ,
            update: [
                "organizations:EnableAWSServiceAccess",
                "organizations:DisableAWSServiceAccess",
                "organizations:EnablePolicyType",
                "organizations:DisablePolicyType",
                "organizations:EnableAllFeatures",
                ...ORGANIZATION_READ,
            ],
            delete: ["organizations:DeleteOrganization"],
            // The import checks that the id is the caller's organization.
            import: ["organizations:DescribeOrganization", ...ORGANIZATION_READ],
        },
    },
    "organizations.OrganizationalUnit": {
        token: "aws:organizations/organizationalUnit:OrganizationalUnit",
        calls: {
            create: ["organizations:CreateOrganizationalUnit", ...OU_READ],
            read: OU_READ,
            update: ["organizations:UpdateOrganizationalUnit", ...TAG_UPDATE, ...OU_READ],
            delete: ["organizations:DeleteOrganizationalUnit"],
            import: OU_READ,
        },
    },
    "organizations.Account": {
        token: "aws:organizations/account:Account",
        calls: {
            // CreateAccount is asynchronous: the provider polls its status, then moves the
            // new account from the root to its OU.
            create: ["organizations:CreateAccount", "organizations:DescribeCreateAccountStatus", "organizations:ListParents", "organizations:MoveAccount", ...ACCOUNT_READ],
            read: ACCOUNT_READ,
            update: ["organizations:MoveAccount", ...TAG_UPDATE, ...ACCOUNT_READ],
            // Removes the account from the organization, or closes it and waits when
            // `closeOnDeletion` is set.
            delete: ["organizations:RemoveAccountFromOrganization", "organizations:CloseAccount", "organizations:DescribeAccount"],
            import: ACCOUNT_READ,
        },
    },
    "organizations.Policy": {
        token: "aws:organizations/policy:Policy",
        calls: {
            create: ["organizations:CreatePolicy", ...POLICY_READ],
            read: POLICY_READ,
            update: ["organizations:UpdatePolicy", ...TAG_UPDATE, ...POLICY_READ],
            delete: ["organizations:DeletePolicy"],
            // The import refuses AWS-managed policies, which it finds out with DescribePolicy.
            import: POLICY_READ,
        },
    },
    "organizations.PolicyAttachment": {
        token: "aws:organizations/policyAttachment:PolicyAttachment",
        calls: {
            create: ["organizations:AttachPolicy", ...ATTACHMENT_READ],
            read: ATTACHMENT_READ,
            update: ATTACHMENT_READ,
            delete: ["organizations:DetachPolicy"],
            import: ATTACHMENT_READ,
        },
    },
    ...IDENTITY_CENTER_CALLS,
    ...SETTINGS_CALLS,
};

/**
 * Calls that need a further permission from another service: Organizations creates its
 * service-linked role `AWSServiceRoleForOrganizations` as the caller when it first needs it.
 */
export const IMPLIED_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
    "organizations:CreateOrganization": ["iam:CreateServiceLinkedRole"],
    "organizations:CreateAccount": ["iam:CreateServiceLinkedRole"],
};

/**
 * Calls the program can make that the deployer policy deliberately does not grant, and why.
 * A deployment that reaches one of them fails with AccessDenied instead of doing it.
 */
export const WITHHELD_PERMISSIONS: Readonly<Record<string, string>> = {
    "organizations:DeleteOrganization": "the organization resource is protected; deleting an organization is never a deployment's job",
    "sts:AssumeRole":
        "made only when the stack sets `aws:assumeRoles`, by the credentials that assume the deployer role: grant it to them, on that role, not to the deployer",
};
