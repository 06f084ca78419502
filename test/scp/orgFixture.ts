import { Account, AWS_DEFAULT_LIMITS, FULL_AWS_ACCESS, OrganizationalUnit, OrgModel, ServiceControlPolicy, SourcePosition } from "../../src/model/types";
import { fullAwsAccess } from "../../src/config/policyLibrary";
import { rcpFullAwsAccess } from "../../src/config/otherPolicy";
import { RCP_FULL_AWS_ACCESS } from "../../policypacks/aws-org-guardrails/core/policyTypes";
import { scpStrategy } from "../../policypacks/aws-org-guardrails/core/scpDocument";
import { PolicyDocument, PolicyStatement } from "../../policypacks/aws-org-guardrails/core/policyDocument";

/** An OU of a test organization: its SCPs, accounts (name → SCPs) and child OUs. */
export interface OuSpec {
    readonly name: string;
    readonly policies?: readonly string[];
    readonly accounts?: Readonly<Record<string, readonly string[]>>;
    readonly ous?: readonly OuSpec[];
}

/** A test organization written as data: the SCP library by name, the root's SCPs, OUs and root accounts. */
export interface OrgSpec {
    readonly policies?: Readonly<Record<string, readonly PolicyStatement[]>>;
    readonly root?: readonly string[];
    readonly ous?: readonly OuSpec[];
    readonly accounts?: Readonly<Record<string, readonly string[]>>;
    /** Name of a root account that is the management account. */
    readonly management?: string;
}

const AT: SourcePosition = { file: "/test/org.yaml", line: 1, column: 1 };

function policy(name: string, statements: readonly PolicyStatement[]): ServiceControlPolicy {
    const document: PolicyDocument = { Version: "2012-10-17", Statement: statements };
    return { name, content: JSON.stringify(document), document, awsManaged: false, external: false, strategy: scpStrategy(document), tags: {}, source: AT };
}

/** Builds a validated-looking OrgModel from a spec, the way the loader would. */
export function orgModel(spec: OrgSpec): OrgModel {
    const allAccounts: Account[] = [];
    const allOus: (OrganizationalUnit | undefined)[] = [];
    const account = (name: string, policies: readonly string[], ouPath: string | null): Account => {
        const a: Account = {
            key: name,
            name,
            previousNames: [],
            allowReplacement: false,
            email: `${name}@example.com`,
            joined: "created",
            ouPath,
            roleName: "OrganizationAccountAccessRole",
            iamUserAccessToBilling: "DENY",
            closeOnDeletion: false,
            tags: {},
            alternateContacts: {},
            optInRegions: [],
            isManagementAccount: name === spec.management,
            invite: false,
            retired: false,
            policies,
            otherPolicies: {},
            policiesSource: AT,
            source: AT,
        };
        allAccounts.push(a);
        return a;
    };
    const ou = (s: OuSpec, parentPath: string | null, depth: number): OrganizationalUnit => {
        const path = parentPath === null ? s.name : `${parentPath}/${s.name}`;
        const accounts = Object.entries(s.accounts ?? {}).map(([n, p]) => account(n, p, path));
        // Parents come before children in `allOrganizationalUnits`: keep the parent's place.
        const place = allOus.length;
        allOus.push(undefined);
        const organizationalUnits = (s.ous ?? []).map((c) => ou(c, path, depth + 1));
        const built: OrganizationalUnit = { key: path, name: s.name, previousPaths: [], allowReplacement: false, path, depth, parentPath, tags: {}, policies: s.policies ?? [FULL_AWS_ACCESS], otherPolicies: {}, policiesSource: AT, source: AT, accounts, organizationalUnits };
        allOus[place] = built;
        return built;
    };
    const rootAccounts = Object.entries(spec.accounts ?? {}).map(([n, p]) => account(n, p, null));
    const organizationalUnits = (spec.ous ?? []).map((s) => ou(s, null, 1));
    const policies = new Map<string, ServiceControlPolicy>([[FULL_AWS_ACCESS, fullAwsAccess(AT)]]);
    for (const [name, statements] of Object.entries(spec.policies ?? {})) policies.set(name, policy(name, statements));
    return {
        file: AT.file,
        organization: {
            featureSet: "ALL",
            serviceAccessPrincipals: [],
            enabledPolicyTypes: [],
            rootAccess: { credentialsManagement: false, rootSessions: false },
            delegatedAdministrators: [],
            limits: AWS_DEFAULT_LIMITS,
            accountQuota: 10,
            defaults: { roleName: "OrganizationAccountAccessRole", iamUserAccessToBilling: "DENY", closeOnDeletion: false, tags: {}, alternateContacts: {}, optInRegions: [] },
            source: AT,
        },
        policies,
        otherPolicies: new Map([[RCP_FULL_AWS_ACCESS, rcpFullAwsAccess(AT)]]),
        root: { policies: spec.root ?? [FULL_AWS_ACCESS], otherPolicies: {}, policiesSource: AT, source: AT },
        organizationalUnits,
        accounts: rootAccounts,
        allOrganizationalUnits: allOus.filter((o): o is OrganizationalUnit => o !== undefined),
        allAccounts,
        removed: { accounts: [], organizationalUnits: [] },
    };
}

/** Shorthand for an Allow statement on every resource. */
export function allow(actions: string | string[], extra: Partial<PolicyStatement> = {}): PolicyStatement {
    return { Effect: "Allow", Action: actions, Resource: "*", ...extra };
}

/** Shorthand for a Deny statement on every resource. */
export function deny(actions: string | string[], extra: Partial<PolicyStatement> = {}): PolicyStatement {
    return { Effect: "Deny", Action: actions, Resource: "*", ...extra };
}
