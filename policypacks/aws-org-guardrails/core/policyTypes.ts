/**
 * AWS Organizations' policy types as data: the name an org file gives each (`type:` of a policy
 * library entry), AWS's name in the API, how it combines along the path, its limits with their
 * source, and what the organization needs before it can be used. The program, the loader and
 * the guardrails all read this table; nothing else spells a type's limits.
 */

import { AWS_LIMITS } from "./awsLimits";

/** The names of the policy types in the org file, `SCP` the default. */
export const POLICY_TYPES = [
    "SCP",
    "RCP",
    "TAG",
    "BACKUP",
    "AI_OPT_OUT",
    "CHATBOT",
    "DECLARATIVE_EC2",
    "SECURITYHUB",
    "INSPECTOR",
    "BEDROCK",
    "S3",
    "UPGRADE_ROLLOUT",
    "NETWORK_SECURITY_DIRECTOR",
] as const;

export type PolicyType = (typeof POLICY_TYPES)[number];

/** Every type but SCPs, which the model keeps apart (their library and sets predate the others). */
export type OtherPolicyType = Exclude<PolicyType, "SCP">;

/**
 * How policies of a type combine from the root down. `authorization`: IAM documents, every
 * level must allow (SCPs, RCPs). `management`: JSON documents merged root → OUs → account with
 * the inheritance operators (`@@assign`, `@@append`, `@@remove`,
 * `@@operators_allowed_for_child_policies`) into one effective policy.
 */
export type PolicyFamily = "authorization" | "management";

export interface PolicyTypeFacts {
    readonly type: PolicyType;
    /** The type's name in the Organizations API and in `aws.organizations.Policy`'s `type`. */
    readonly apiName: string;
    /** How the type is called in messages. */
    readonly label: string;
    readonly family: PolicyFamily;
    /** Characters of one document, whitespace included (AWS counts every character). */
    readonly maxChars: number;
    /** Policies of this type attached directly to one root, OU or account. */
    readonly perTarget: number;
    /** Where `maxChars` and `perTarget` come from. */
    readonly limitsSource: string;
    /** The AWS-managed policy attached everywhere while the type is enabled, if the type has one. */
    readonly awsManaged?: { readonly name: string; readonly id: string };
    /** Trusted access the organization needs before policies of the type take effect. */
    readonly servicePrincipal?: string;
    /**
     * Set when `aws.organizations.Policy` of the @pulumi/aws version the project installs
     * refuses the type (its `type` is checked against a fixed list): why, to tell the user.
     */
    readonly providerRefuses?: string;
}

const QUOTAS = "AWS Organizations User Guide, \"Quotas and service limits\" (orgs_reference_limits), and \"Managing organization policies\" (orgs_manage_policies), policy type table";
/**
 * Types AWS added in 2025 and 2026 whose pages give no figures of their own yet: held to the
 * smallest per-target figure AWS publishes for a management type and to the common document
 * size, so that the plan never accepts more than AWS is known to.
 */
const NEWER = "not published for this type at the time of writing: the smallest per-target figure AWS publishes for a management type (5) and the common 10,000-character document size";

export const POLICY_TYPE_FACTS: Readonly<Record<PolicyType, PolicyTypeFacts>> = {
    SCP: {
        // The org file may lower these two (`organization.limits`): they live in `AWS_LIMITS`.
        type: "SCP", apiName: "SERVICE_CONTROL_POLICY", label: "SCP", family: "authorization", maxChars: AWS_LIMITS.scpMaxChars, perTarget: AWS_LIMITS.scpsPerTarget, limitsSource: `${QUOTAS} (doubled on 15 May 2026)`,
        awsManaged: { name: "FullAWSAccess", id: "p-FullAWSAccess" },
    },
    RCP: {
        type: "RCP", apiName: "RESOURCE_CONTROL_POLICY", label: "RCP", family: "authorization", maxChars: 5120, perTarget: 5, limitsSource: QUOTAS,
        awsManaged: { name: "RCPFullAWSAccess", id: "p-RCPFullAWSAccess" },
    },
    TAG: { type: "TAG", apiName: "TAG_POLICY", label: "tag policy", family: "management", maxChars: 10000, perTarget: 10, limitsSource: QUOTAS },
    BACKUP: { type: "BACKUP", apiName: "BACKUP_POLICY", label: "backup policy", family: "management", maxChars: 10000, perTarget: 10, limitsSource: QUOTAS },
    AI_OPT_OUT: { type: "AI_OPT_OUT", apiName: "AISERVICES_OPT_OUT_POLICY", label: "AI services opt-out policy", family: "management", maxChars: 2500, perTarget: 5, limitsSource: QUOTAS },
    CHATBOT: { type: "CHATBOT", apiName: "CHATBOT_POLICY", label: "chat applications policy", family: "management", maxChars: 10000, perTarget: 5, limitsSource: QUOTAS },
    DECLARATIVE_EC2: { type: "DECLARATIVE_EC2", apiName: "DECLARATIVE_POLICY_EC2", label: "declarative policy for EC2", family: "management", maxChars: 10000, perTarget: 10, limitsSource: QUOTAS },
    SECURITYHUB: {
        type: "SECURITYHUB", apiName: "SECURITYHUB_POLICY", label: "Security Hub policy", family: "management", maxChars: 10000, perTarget: 5, limitsSource: `${QUOTAS}; per target: ${NEWER}`,
        servicePrincipal: "securityhub.amazonaws.com",
    },
    INSPECTOR: {
        type: "INSPECTOR", apiName: "INSPECTOR_POLICY", label: "Amazon Inspector policy", family: "management", maxChars: 10000, perTarget: 5, limitsSource: NEWER,
        servicePrincipal: "inspector2.amazonaws.com",
    },
    BEDROCK: { type: "BEDROCK", apiName: "BEDROCK_POLICY", label: "Amazon Bedrock policy", family: "management", maxChars: 10000, perTarget: 5, limitsSource: NEWER },
    S3: { type: "S3", apiName: "S3_POLICY", label: "S3 policy", family: "management", maxChars: 10000, perTarget: 5, limitsSource: NEWER },
    UPGRADE_ROLLOUT: { type: "UPGRADE_ROLLOUT", apiName: "UPGRADE_ROLLOUT_POLICY", label: "upgrade rollout policy", family: "management", maxChars: 10000, perTarget: 5, limitsSource: NEWER },
    NETWORK_SECURITY_DIRECTOR: {
        type: "NETWORK_SECURITY_DIRECTOR", apiName: "NETWORK_SECURITY_DIRECTOR_POLICY", label: "network security director policy", family: "management", maxChars: 10000, perTarget: 5, limitsSource: NEWER,
        providerRefuses: "@pulumi/aws 7.x does not list `NETWORK_SECURITY_DIRECTOR_POLICY` among the types of `aws.organizations.Policy` yet",
    },
};

/** The API names of every type but SCPs, as `organization.enabledPolicyTypes` writes them. */
export const OTHER_POLICY_API_NAMES = POLICY_TYPES.filter((t) => t !== "SCP").map((t) => POLICY_TYPE_FACTS[t].apiName);

/** The org-file type of an API name (`TAG_POLICY` → `TAG`), or undefined for a type this table does not know. */
export function policyTypeOfApiName(apiName: string): PolicyType | undefined {
    return POLICY_TYPES.find((t) => POLICY_TYPE_FACTS[t].apiName === apiName);
}

/** Whether a string is an org-file policy type. */
export function isPolicyType(value: string): value is PolicyType {
    return (POLICY_TYPES as readonly string[]).includes(value);
}

/** The reserved name and id of the AWS-managed RCP that AWS keeps attached to every root, OU and account. */
export const RCP_FULL_AWS_ACCESS = "RCPFullAWSAccess";
export const RCP_FULL_AWS_ACCESS_ID = "p-RCPFullAWSAccess";
