/**
 * The validated organization model. The config loader builds it once from the org file;
 * everything downstream (components, plan, analysis) trusts it and never re-validates.
 * Every object is frozen.
 */

import type { SourcePosition } from "../diagnostics/diagnostic";
import type { PolicyDocument } from "../../policypacks/aws-org-guardrails/core/policyDocument";
import type { ScpStrategy } from "../../policypacks/aws-org-guardrails/core/scpDocument";
import type { IdentityCenterModel } from "./identityCenter";
import type { OtherPolicyType, PolicyType } from "../../policypacks/aws-org-guardrails/core/policyTypes";
import type { JsonObject } from "../../policypacks/aws-org-guardrails/core/managementPolicy";
import { AWS_LIMITS } from "../../policypacks/aws-org-guardrails/core/awsLimits";

export type { SourcePosition, ScpStrategy, OtherPolicyType, PolicyType, JsonObject };
export { FULL_AWS_ACCESS, FULL_AWS_ACCESS_ID, RETIRED_TAG } from "../../policypacks/aws-org-guardrails/core/names";

export type FeatureSet = "ALL" | "CONSOLIDATED_BILLING";
export type BillingAccess = "ALLOW" | "DENY";

/** AWS quotas the loader enforces; each can be overridden in `organization.limits`. */
export interface Limits {
    /** SCPs attached directly to one root, OU or account. AWS default: 10. */
    readonly scpsPerTarget: number;
    /** Characters of a minified SCP document. AWS default: 10,240. */
    readonly scpMaxChars: number;
    /** OU levels under the root. AWS default: 5. */
    readonly ouMaxDepth: number;
    /** `CreateAccount` requests in progress at once. AWS default: 5. */
    readonly concurrentAccountCreations: number;
}

/** AWS's own values of {@link Limits}, which an org file may only lower. */
export const AWS_DEFAULT_LIMITS: Limits = AWS_LIMITS;

/** An entry of the SCP library, or the AWS-managed FullAWSAccess. */
export interface ServiceControlPolicy {
    readonly name: string;
    /** Set to adopt an existing SCP (`p-…`) instead of creating it. */
    readonly id?: string;
    readonly description?: string;
    /** Absolute path of the policy file; undefined for FullAWSAccess and an external policy without one. */
    readonly file?: string;
    /** The minified document, exactly as uploaded. */
    readonly content: string;
    readonly document: PolicyDocument;
    readonly awsManaged: boolean;
    /**
     * Managed by someone else (`external: true`: Control Tower's `aws-guardrails-*`, LZA): never
     * created, edited or detached by the program; `id` is set. Without a `file`, its document is
     * unknown and stands as an empty one, which neither allows nor denies anything.
     */
    readonly external: boolean;
    readonly strategy: ScpStrategy;
    readonly tags: Readonly<Record<string, string>>;
    readonly source: SourcePosition;
}

/** The three alternate contacts an account can have, as the org file names them. */
export const ALTERNATE_CONTACT_TYPES = ["billing", "operations", "security"] as const;
export type AlternateContactType = (typeof ALTERNATE_CONTACT_TYPES)[number];

/** An alternate contact of an account (`PutAlternateContact`). */
export interface AlternateContact {
    readonly name: string;
    readonly title: string;
    readonly email: string;
    readonly phone: string;
    /** Where the contact is written: the defaults or the account. */
    readonly source: SourcePosition;
}

export type AlternateContacts = Readonly<Partial<Record<AlternateContactType, AlternateContact>>>;

/** The primary contact of an account (`PutContactInformation`): who AWS writes to, and where. */
export interface PrimaryContact {
    readonly fullName: string;
    readonly companyName?: string;
    readonly addressLine1: string;
    readonly addressLine2?: string;
    readonly addressLine3?: string;
    readonly city: string;
    readonly stateOrRegion?: string;
    readonly districtOrCounty?: string;
    readonly postalCode: string;
    /** ISO 3166 two-letter code, e.g. `US`. */
    readonly countryCode: string;
    readonly phone: string;
    readonly websiteUrl?: string;
    readonly source: SourcePosition;
}

/** An opt-in Region enabled or disabled in an account (`optInRegions`). */
export interface OptInRegion {
    readonly region: string;
    readonly enabled: boolean;
    /** Where the file gives it: the defaults or the account. */
    readonly source: SourcePosition;
}

/**
 * A library entry of any type but SCP (`type:` in the org file), or the AWS-managed
 * `RCPFullAWSAccess`. RCPs carry their IAM document; management policies their JSON, which
 * merges with the inheritance operators into an effective policy.
 */
export interface OrganizationPolicy {
    readonly name: string;
    readonly type: OtherPolicyType;
    /** Set to adopt an existing policy (`p-…`) instead of creating it. */
    readonly id?: string;
    readonly description?: string;
    /** Absolute path of the policy file; undefined for an AWS-managed policy. */
    readonly file?: string;
    /** The minified document, exactly as uploaded. */
    readonly content: string;
    /** The parsed document. */
    readonly value: JsonObject;
    /** An RCP's statements (present for RCPs only). */
    readonly document?: PolicyDocument;
    readonly awsManaged: boolean;
    readonly tags: Readonly<Record<string, string>>;
    readonly source: SourcePosition;
}

export interface AccountDefaults {
    readonly roleName: string;
    readonly iamUserAccessToBilling: BillingAccess;
    readonly closeOnDeletion: boolean;
    readonly tags: Readonly<Record<string, string>>;
    readonly alternateContacts: AlternateContacts;
    readonly primaryContact?: PrimaryContact;
    readonly optInRegions: readonly OptInRegion[];
}

/**
 * Centralized root access for member accounts (`organization.rootAccess`), through IAM's
 * organization features; both need trusted access for IAM, which the loader adds.
 */
export interface RootAccess {
    /** `RootCredentialsManagement`: member accounts have no root password or keys; new ones are created without. */
    readonly credentialsManagement: boolean;
    /** `RootSessions`: the management account performs privileged root tasks with `sts:AssumeRoot`. */
    readonly rootSessions: boolean;
}

/** A member account that administers one service for the organization (`organization.delegatedAdministrators`). */
export interface DelegatedAdministrator {
    /** The service principal, e.g. `guardduty.amazonaws.com`. */
    readonly servicePrincipal: string;
    /** The name of the account, an account of the file. */
    readonly accountName: string;
    /** Where the file names the account. */
    readonly source: SourcePosition;
}

/** The organization's resource policy (`organization.resourcePolicy`): delegated policy management. */
export interface OrganizationResourcePolicy {
    /** Absolute path of the policy file. */
    readonly file: string;
    /** The minified document, as uploaded. */
    readonly content: string;
    /** Where the file names it. */
    readonly source: SourcePosition;
}

export interface OrganizationSettings {
    readonly featureSet: FeatureSet;
    /** Set to adopt an existing organization (`o-…`). */
    readonly id?: string;
    /** The existing organization's root (`r-…`), to adopt its attachments. */
    readonly rootId?: string;
    readonly managementAccountId?: string;
    /**
     * The services with trusted access: those the file lists, then those the settings need and
     * the file leaves out (IAM for `rootAccess`, each delegated service), so that the organization enables them first.
     */
    readonly serviceAccessPrincipals: readonly string[];
    /**
     * Policy types enabled besides SCPs, by API name (`TAG_POLICY`): those the file lists in
     * `organization.enabledPolicyTypes` and those of its policy library, sorted.
     */
    readonly enabledPolicyTypes: readonly string[];
    /**
     * The Regions the organization uses (`organization.regions`), checked against AWS's list;
     * undefined when the file leaves them out (see `organizationRegions` for the default).
     */
    readonly regions?: readonly string[];
    readonly rootAccess: RootAccess;
    /** One per service principal, in file order. */
    readonly delegatedAdministrators: readonly DelegatedAdministrator[];
    /** Undefined when the file has none: the program then leaves AWS's as it is. */
    readonly resourcePolicy?: OrganizationResourcePolicy;
    readonly limits: Limits;
    /**
     * How many accounts the organization may hold (`limits.accounts`): the quota AWS granted,
     * which, unlike the limits above, AWS raises on request. Default: 10, AWS's default quota.
     */
    readonly accountQuota: number;
    readonly defaults: AccountDefaults;
    readonly source: SourcePosition;
}

/**
 * A node that policies attach to. `policies` is the complete set of SCPs attached, by library
 * name; `otherPolicies` the complete set of each other type the target lists. A type absent
 * from `otherPolicies` keeps AWS's default, which the program leaves alone. An RCP set always
 * holds `RCPFullAWSAccess`, which AWS never lets go.
 */
export interface PolicyTarget {
    readonly policies: readonly string[];
    readonly otherPolicies: Readonly<Partial<Record<OtherPolicyType, readonly string[]>>>;
    /** Where the `policies` list is written, or the node itself when it was omitted. */
    readonly policiesSource: SourcePosition;
}

export interface Root extends PolicyTarget {
    readonly source: SourcePosition;
}

/** How an account comes into the organization. */
export type JoinMethod = "created" | "adopted";

export interface Account extends PolicyTarget {
    /** The stable identity, the Pulumi logical name (`key:`, default the name). */
    readonly key: string;
    readonly name: string;
    /** Logical names it had before (`previousNames:`), which become Pulumi aliases. */
    readonly previousNames: readonly string[];
    /** The file accepts that a change AWS cannot make in place (its email) creates a new account. */
    readonly allowReplacement: boolean;
    readonly email: string;
    /** Present for an existing account, which is adopted and never created. */
    readonly id?: string;
    readonly joined: JoinMethod;
    /** Path of the OU holding it; `null` directly under the root. */
    readonly ouPath: string | null;
    readonly roleName: string;
    readonly iamUserAccessToBilling: BillingAccess;
    readonly closeOnDeletion: boolean;
    readonly tags: Readonly<Record<string, string>>;
    /** The defaults' alternate contacts, each type the account gives replaced by its own. */
    readonly alternateContacts: AlternateContacts;
    /** The account's primary contact, else the defaults'; undefined: left as AWS has it. */
    readonly primaryContact?: PrimaryContact;
    /** The account's opt-in Regions if it gives any, else the defaults'; empty: left as AWS has them. */
    readonly optInRegions: readonly OptInRegion[];
    /** True when `id` is the organization's management account (SCPs never restrict it). */
    readonly isManagementAccount: boolean;
    /** An existing account outside the organization, to be invited (`npm run invite`). */
    readonly invite: boolean;
    /** Retired: kept in a deny-all OU until it is removed from the file. */
    readonly retired: boolean;
    readonly source: SourcePosition;
}

export interface OrganizationalUnit extends PolicyTarget {
    /** The stable identity, the Pulumi logical name (`key:`, default the path). */
    readonly key: string;
    readonly name: string;
    /**
     * Logical names it had before, which become Pulumi aliases: its own `previousPaths:`, and,
     * for an OU keyed by its path, the paths it had under each previous path of its parent.
     */
    readonly previousPaths: readonly string[];
    /** The file accepts that a change AWS cannot make in place (a new parent) creates a new OU. */
    readonly allowReplacement: boolean;
    /** Set to adopt an existing OU (`ou-…`) instead of creating it. */
    readonly id?: string;
    /** Names from the top joined by `/`, e.g. `HIPAA/PCI`: the OU's stable identity. */
    readonly path: string;
    /** 1 for an OU directly under the root. */
    readonly depth: number;
    readonly parentPath: string | null;
    readonly tags: Readonly<Record<string, string>>;
    readonly organizationalUnits: readonly OrganizationalUnit[];
    readonly accounts: readonly Account[];
    readonly source: SourcePosition;
}

export interface OrgModel {
    /** Absolute path of the org file. */
    readonly file: string;
    readonly organization: OrganizationSettings;
    /** The SCP library by name, FullAWSAccess included. */
    readonly policies: ReadonlyMap<string, ServiceControlPolicy>;
    /** The library's policies of every other type by name, `RCPFullAWSAccess` included. */
    readonly otherPolicies: ReadonlyMap<string, OrganizationPolicy>;
    readonly root: Root;
    /** OUs directly under the root. */
    readonly organizationalUnits: readonly OrganizationalUnit[];
    /** Accounts directly under the root. */
    readonly accounts: readonly Account[];
    /** Every OU, parents before children. */
    readonly allOrganizationalUnits: readonly OrganizationalUnit[];
    /** Every account, in file order. */
    readonly allAccounts: readonly Account[];
    /** Permission sets, groups and assignments; undefined when the file has no `identityCenter`. */
    readonly identityCenter?: IdentityCenterModel;
    /**
     * Keys of the accounts and OUs the file removes on purpose (`removed:`): the change review
     * lets them be deleted. An account retired before it was removed needs no entry.
     */
    readonly removed: { readonly accounts: readonly string[]; readonly organizationalUnits: readonly string[] };
}
