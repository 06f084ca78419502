import { TYPES } from "../../policypacks/aws-org-guardrails/core/names";

/**
 * When a change to one input makes the provider replace the resource (a new resource, then
 * the old one deleted) instead of updating it. `when` narrows a rule to some changes.
 */
export interface ReplaceRule {
    readonly property: string;
    /** Why, in a few words, for the review. */
    readonly because: string;
    /** Only these changes replace; every change when absent. */
    readonly when?: (old: unknown, now: unknown) => boolean;
}

/**
 * The replace-on-change inputs of every resource type the program registers, the one place the
 * change review learns them from. `@pulumi/aws` is bridged from terraform-provider-aws: an
 * input replaces when the Terraform schema marks it `ForceNew` (or `RequiresReplace`, or a
 * `CustomizeDiff` forces it), in `internal/service/<service>/<resource>.go`. The source of each
 * row is named beside it; `test/plan/replaceRules.test.ts` holds every row to a change built
 * from two versions of an org file. `region` (every regional resource of `@pulumi/aws` 7)
 * moves the resource to another Region, which is a new resource.
 */
export const REPLACE_RULES: Readonly<Record<string, readonly ReplaceRule[]>> = {
    // organizations/organization.go: CustomizeDiff ForceNewIfChange("feature_set") only from ALL to CONSOLIDATED_BILLING.
    [TYPES.organization]: [
        { property: "featureSet", because: "an organization cannot go back from all features to consolidated billing", when: (old, now) => old === "ALL" && now === "CONSOLIDATED_BILLING" },
    ],
    // organizations/organizational_unit.go: parent_id ForceNew (AWS has no MoveOrganizationalUnit); name and tags update.
    [TYPES.organizationalUnit]: [{ property: "parentId", because: "AWS cannot move an OU to another parent" }],
    // organizations/account.go: email, iam_user_access_to_billing, role_name ForceNew; name updates (PutAccountName,
    // terraform-provider-aws PR #42350, @pulumi/aws 7.20), parent_id updates (MoveAccount), tags update.
    [TYPES.account]: [
        { property: "email", because: "AWS cannot change an account's email from the organization: a new account" },
        { property: "roleName", because: "AWS takes the role name only when it creates an account" },
        { property: "iamUserAccessToBilling", because: "AWS takes billing access only when it creates an account" },
    ],
    // organizations/policy.go: type ForceNew; name, content, description and tags update.
    [TYPES.policy]: [{ property: "type", because: "a policy cannot change its type" }],
    // components/scpAttachmentsProvider.ts, this project's own provider: its `diff` replaces on a new target or type.
    [TYPES.scpAttachments]: [
        { property: "targetId", because: "an SCP set belongs to one root, OU or account" },
        { property: "policyType", because: "a set holds the policies of one type" },
    ],
    // iam/organizations_features.go: enabled_features updates (Enable/Disable per feature); nothing replaces.
    [TYPES.organizationsFeatures]: [],
    // organizations/delegated_administrator.go: account_id and service_principal ForceNew (the resource has no update).
    "aws:organizations/delegatedAdministrator:DelegatedAdministrator": [
        { property: "accountId", because: "a registration cannot be changed, only made again" },
        { property: "servicePrincipal", because: "a registration cannot be changed, only made again" },
    ],
    // organizations/resource_policy.go: content and tags update; nothing replaces.
    "aws:organizations/resourcePolicy:ResourcePolicy": [],
    // account/alternate_contact.go: account_id and alternate_contact_type ForceNew; name, title, email, phone update.
    "aws:account/alternativeContact:AlternativeContact": [
        { property: "accountId", because: "an alternate contact belongs to one account" },
        { property: "alternateContactType", because: "an alternate contact is of one type" },
    ],
    // account/primary_contact.go: account_id ForceNew; every other argument updates (PutContactInformation).
    "aws:account/primaryContact:PrimaryContact": [{ property: "accountId", because: "a primary contact belongs to one account" }],
    // account/region.go: account_id and region_name ForceNew; enabled updates.
    "aws:account/region:Region": [
        { property: "accountId", because: "a Region's opt-in belongs to one account" },
        { property: "regionName", because: "a new Region is a new resource" },
    ],
    // ssoadmin/permission_set.go: instance_arn and name ForceNew.
    "aws:ssoadmin/permissionSet:PermissionSet": [
        { property: "instanceArn", because: "a permission set belongs to one Identity Center instance" },
        { property: "name", because: "Identity Center cannot rename a permission set" },
        { property: "region", because: "a new Region is a new permission set" },
    ],
    // ssoadmin/account_assignment.go: every argument ForceNew (the resource has no update).
    "aws:ssoadmin/accountAssignment:AccountAssignment": [
        { property: "instanceArn", because: "an assignment cannot be changed, only made again" },
        { property: "permissionSetArn", because: "an assignment cannot be changed, only made again" },
        { property: "principalId", because: "an assignment cannot be changed, only made again" },
        { property: "principalType", because: "an assignment cannot be changed, only made again" },
        { property: "targetId", because: "an assignment cannot be changed, only made again" },
        { property: "targetType", because: "an assignment cannot be changed, only made again" },
        { property: "region", because: "a new Region is a new assignment" },
    ],
    // ssoadmin/managed_policy_attachments_exclusive.go: instance_arn, permission_set_arn RequiresReplace.
    "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive": [
        { property: "instanceArn", because: "the attachments belong to one permission set" },
        { property: "permissionSetArn", because: "the attachments belong to one permission set" },
        { property: "region", because: "a new Region is a new resource" },
    ],
    // ssoadmin/customer_managed_policy_attachments_exclusive.go: instance_arn, permission_set_arn RequiresReplace.
    "aws:ssoadmin/customerManagedPolicyAttachmentsExclusive:CustomerManagedPolicyAttachmentsExclusive": [
        { property: "instanceArn", because: "the attachments belong to one permission set" },
        { property: "permissionSetArn", because: "the attachments belong to one permission set" },
        { property: "region", because: "a new Region is a new resource" },
    ],
    // ssoadmin/permission_set_inline_policy.go: instance_arn, permission_set_arn ForceNew; inline_policy updates.
    "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy": [
        { property: "instanceArn", because: "the inline policy belongs to one permission set" },
        { property: "permissionSetArn", because: "the inline policy belongs to one permission set" },
        { property: "region", because: "a new Region is a new resource" },
    ],
    // ssoadmin/permissions_boundary_attachment.go: every argument ForceNew (the resource has no update).
    "aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment": [
        { property: "instanceArn", because: "a boundary attachment cannot be changed, only made again" },
        { property: "permissionSetArn", because: "a boundary attachment cannot be changed, only made again" },
        { property: "permissionsBoundary", because: "a boundary attachment cannot be changed, only made again" },
        { property: "region", because: "a new Region is a new resource" },
    ],
    // identitystore/group.go: identity_store_id ForceNew; display_name and description update.
    "aws:identitystore/group:Group": [
        { property: "identityStoreId", because: "a group belongs to one identity store" },
        { property: "region", because: "a new Region is a new group" },
    ],
};

/**
 * How a provider compares old and new inputs, where it is not "every input, in order".
 * `only`: the inputs its diff looks at (others change nothing in the cloud); `unordered`: lists
 * it compares as sets (Terraform `TypeSet`, or a provider that sorts them).
 */
export interface ProviderDiff {
    readonly only?: readonly string[];
    readonly unordered?: readonly string[];
}

export const PROVIDER_DIFFS: Readonly<Record<string, ProviderDiff>> = {
    // components/scpAttachmentsProvider.ts `diff`: the target, the type, the sets of policy and external ids and the connection; names are for messages.
    [TYPES.scpAttachments]: { only: ["targetId", "policyType", "policyIds", "externalPolicyIds", "profile", "roleArn", "region", "endpoint"], unordered: ["policyIds", "externalPolicyIds"] },
    // organizations/organization.go: aws_service_access_principals and enabled_policy_types are TypeSet.
    [TYPES.organization]: { unordered: ["awsServiceAccessPrincipals", "enabledPolicyTypes"] },
    // ssoadmin/managed_policy_attachments_exclusive.go: managed_policy_arns is a set.
    "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive": { unordered: ["managedPolicyArns"] },
    // ssoadmin/customer_managed_policy_attachments_exclusive.go: customer_managed_policy_reference is a set.
    "aws:ssoadmin/customerManagedPolicyAttachmentsExclusive:CustomerManagedPolicyAttachmentsExclusive": { unordered: ["customerManagedPolicyReferences"] },
};

/** The rule that makes this change of `property` replace a resource of `type`, if any. */
export function replaceRule(type: string, property: string, old: unknown, now: unknown): ReplaceRule | undefined {
    return REPLACE_RULES[type]?.find((r) => r.property === property && (r.when === undefined || r.when(old, now)));
}
