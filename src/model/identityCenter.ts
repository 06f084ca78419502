/**
 * The Identity Center part of the organization model (`identityCenter:` in the org file):
 * permission sets, groups and the assignments of groups to accounts, validated and resolved.
 */

import type { SourcePosition } from "../diagnostics/diagnostic";
import type { PolicyDocument } from "../../policypacks/aws-org-guardrails/core/policyDocument";

/** An AWS managed policy attached to a permission set, resolved to its ARN and document. */
export interface ManagedPolicyRef {
    readonly name: string;
    readonly arn: string;
    /** Its latest document in the bundled data, for offline evaluation. */
    readonly document: PolicyDocument;
}

/** A customer managed policy: an IAM policy of this name and path must exist in every account the set reaches. */
export interface CustomerManagedPolicyRef {
    readonly name: string;
    /** `/` unless the file says otherwise. */
    readonly path: string;
}

/** One of the two kinds of permissions boundary a permission set may have. */
export type PermissionsBoundary =
    | { readonly kind: "managed"; readonly policy: ManagedPolicyRef }
    | { readonly kind: "customer-managed"; readonly policy: CustomerManagedPolicyRef };

export interface InlinePolicy {
    /** Absolute path of the policy file; undefined for a ready permission set's built-in policy. */
    readonly file?: string;
    /** The minified document, exactly as uploaded. */
    readonly content: string;
    readonly document: PolicyDocument;
}

export interface PermissionSet {
    /** Also the name of the role in each account (`AWSReservedSSO_<name>_…`) and of the SSO profile's role. */
    readonly name: string;
    /** Set to adopt an existing permission set (`arn:aws:sso:::permissionSet/ssoins-…/ps-…`) instead of creating it. */
    readonly arn?: string;
    readonly description?: string;
    readonly managedPolicies: readonly ManagedPolicyRef[];
    readonly customerManagedPolicies: readonly CustomerManagedPolicyRef[];
    readonly inlinePolicy?: InlinePolicy;
    readonly permissionsBoundary?: PermissionsBoundary;
    /** ISO 8601, `PT1H` to `PT12H`. */
    readonly sessionDuration: string;
    readonly relayState?: string;
    /** The ready permission set it is, or is made from. */
    readonly ready?: string;
    readonly source: SourcePosition;
}

export interface IdentityGroup {
    /** The group's display name in the identity store. */
    readonly name: string;
    /** True: the program creates the group; false: it exists (or comes from an external IdP) and is looked up by name. */
    readonly create: boolean;
    readonly description?: string;
    readonly source: SourcePosition;
}

/** One group holding one permission set in one account: what `pulumi up` creates an assignment for. */
export interface AccountAssignment {
    readonly group: string;
    readonly permissionSet: string;
    /** The account's name. */
    readonly account: string;
    /** The assignment target as written: the account itself, or the OU path it sits under. */
    readonly via: string;
    readonly source: SourcePosition;
}

/** An assignment as written: a group, a permission set and the OUs or accounts it covers. */
export interface AssignmentRule {
    readonly group: string;
    readonly permissionSet: string;
    /** OU paths (every account below, now and later) and account names. */
    readonly targets: readonly string[];
    /** Where each target is written. */
    readonly targetSources: readonly SourcePosition[];
    readonly source: SourcePosition;
}

export interface IdentityCenterModel {
    /** The Identity Center home Region; undefined: the stack's. */
    readonly region?: string;
    /** The AWS access portal URL, when the file gives it (a custom alias, or the instance's). */
    readonly startUrl?: string;
    /** Every permission set `pulumi up` manages, ready ones included when used, by name. */
    readonly permissionSets: ReadonlyMap<string, PermissionSet>;
    readonly groups: ReadonlyMap<string, IdentityGroup>;
    readonly rules: readonly AssignmentRule[];
    /** The rules expanded to accounts, each (permission set, group, account) once, in file order. */
    readonly assignments: readonly AccountAssignment[];
    /** Managed plus customer managed policies allowed on one permission set (10 unless the IAM quota is raised). */
    readonly managedPoliciesPerPermissionSet: number;
    readonly source: SourcePosition;
}

/** The logical-name key of an assignment: stable while the account moves between OUs. */
export function assignmentKey(a: Pick<AccountAssignment, "permissionSet" | "group" | "account">): string {
    return `${a.permissionSet}/${a.group}/${a.account}`;
}
