import { AlternateContactType, FeatureSet, FULL_AWS_ACCESS, FULL_AWS_ACCESS_ID } from "../model/types";
import { RCP_FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS_ID } from "../../policypacks/aws-org-guardrails/core/policyTypes";

/**
 * A snapshot of a live organization as AWS reports it: plain data, read once, so that
 * import and drift detection are pure functions of it and can be tested with tables.
 */
export interface LiveOrganization {
    readonly id: string;
    readonly featureSet: FeatureSet;
    readonly managementAccountId: string;
    readonly rootId: string;
    /** Policy types enabled on the root, e.g. `SERVICE_CONTROL_POLICY`. */
    readonly enabledPolicyTypes: readonly string[];
    readonly serviceAccessPrincipals: readonly string[];
    /** Ids of the policies (of every type read) attached directly to the root. */
    readonly rootPolicyIds: readonly string[];
    /** Every policy of every enabled type the program knows, FullAWSAccess and RCPFullAWSAccess included. */
    readonly policies: readonly LivePolicy[];
    /** Every OU, parents before children. */
    readonly organizationalUnits: readonly LiveOrganizationalUnit[];
    readonly accounts: readonly LiveAccount[];
    /** Each service delegated to a member account; empty without all features. */
    readonly delegatedAdministrators: readonly LiveDelegatedAdministrator[];
    /** Centralized root access, as IAM reports it; undefined when it was not read (a separate service). */
    readonly rootAccess?: LiveRootAccess;
    /** Alternate contacts by account id; undefined when they were not read (a separate service). */
    readonly alternateContacts?: ReadonlyMap<string, LiveAlternateContacts>;
}

/** The centralized root access features enabled. */
export interface LiveRootAccess {
    readonly credentialsManagement: boolean;
    readonly rootSessions: boolean;
}

/** An alternate contact as AWS has it. */
export interface LiveAlternateContact {
    readonly name: string;
    readonly title: string;
    readonly email: string;
    readonly phone: string;
}

/** The alternate contacts of one account, by the org file's type name; a type AWS has none of is absent. */
export type LiveAlternateContacts = Readonly<Partial<Record<AlternateContactType, LiveAlternateContact>>>;

export interface LiveDelegatedAdministrator {
    readonly servicePrincipal: string;
    readonly accountId: string;
}

export interface LivePolicy {
    readonly id: string;
    /** The type's API name; absent for an SCP. */
    readonly type?: string;
    readonly name: string;
    readonly description: string;
    /** The document exactly as stored by AWS (not necessarily minified). */
    readonly content: string;
    readonly awsManaged: boolean;
    /** Undefined when tags were not read. */
    readonly tags?: Readonly<Record<string, string>>;
}

export interface LiveOrganizationalUnit {
    readonly id: string;
    readonly name: string;
    /** Its logical name, when known (a stack's state); the import writes it as the OU's `key`. */
    readonly key?: string;
    /** Names from the top joined by `/`, as the org file addresses OUs. */
    readonly path: string;
    readonly parentId: string;
    readonly parentPath: string | null;
    readonly policyIds: readonly string[];
    readonly tags?: Readonly<Record<string, string>>;
}

export interface LiveAccount {
    readonly id: string;
    readonly name: string;
    /** Its logical name, when known (a stack's state); the import writes it as the account's `key`. */
    readonly key?: string;
    readonly email: string;
    /** `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE`... */
    readonly state: string;
    readonly parentId: string;
    /** Path of the OU holding it; `null` directly under the root. */
    readonly ouPath: string | null;
    readonly policyIds: readonly string[];
    readonly tags?: Readonly<Record<string, string>>;
}

/** States of an account that is closed or closing: AWS keeps listing it for 90 days. */
const CLOSED_STATES = new Set(["SUSPENDED", "PENDING_CLOSURE", "CLOSED"]);

/** Whether the account is closed or being closed. */
export function isClosed(account: LiveAccount): boolean {
    return CLOSED_STATES.has(account.state);
}

/**
 * The name of every policy by id, as the org file names it: the AWS-managed `p-FullAWSAccess`
 * is `FullAWSAccess` and `p-RCPFullAWSAccess` `RCPFullAWSAccess`, the reserved names,
 * whatever AWS calls them.
 */
export function policyNamesById(live: LiveOrganization): ReadonlyMap<string, string> {
    const reserved = (p: LivePolicy) => (p.id === FULL_AWS_ACCESS_ID ? FULL_AWS_ACCESS : p.id === RCP_FULL_AWS_ACCESS_ID ? RCP_FULL_AWS_ACCESS : p.name);
    return new Map(live.policies.map((p) => [p.id, p.awsManaged ? reserved(p) : p.name]));
}

/** The API name of a policy's type: SCPs carry none. */
export function livePolicyType(p: LivePolicy): string {
    return p.type ?? "SERVICE_CONTROL_POLICY";
}
