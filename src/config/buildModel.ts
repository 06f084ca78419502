import { Diagnostic } from "../diagnostics/diagnostic";
import { loadPolicyLibrary } from "./policyLibrary";
import { withIdentityCenter } from "./identityCenter";
import { applyRetirement, denyAllRetired, RETIRED_SCP_NAME } from "./retirement";
import { DEFAULT_ACCESS_ROLE } from "../../policypacks/aws-org-guardrails/core/names";
import { isAwsRegion, unknownRegionHint } from "../scp/awsRegions";
import { RawAccount, RawOrganizationalUnit, RawOrgFile } from "./schema";
import { IAM_SERVICE_PRINCIPAL, rootAccessFeatures } from "../model/rootAccess";
import { ACCOUNT_SERVICE_PRINCIPAL } from "../model/accountSettings";
import { DELEGATED_SERVICES } from "../model/delegatedServices";
import { resolveDelegatedAdministrators } from "./delegatedAdministrators";
import { didYouMean } from "../diagnostics/suggest";
import { tagDiagnostic } from "./tagDiagnostic";
import { ContactReader } from "./contacts";
import { loadResourcePolicy } from "./resourcePolicy";
import { readOptInRegions } from "./optInRegions";
import * as rules from "./valueRules";
import { NodePath, YamlSource } from "./yamlSource";
import {
    Account,
    AccountDefaults,
    AWS_DEFAULT_LIMITS,
    FULL_AWS_ACCESS,
    Limits,
    FeatureSet,
    OrganizationResourcePolicy,
    OrganizationalUnit,
    OrganizationSettings,
    OrgModel,
    RootAccess,
    ServiceControlPolicy,
    SourcePosition,
} from "../model/types";


/**
 * Second phase of loading: the file has the right shape; now resolve defaults and references
 * and check every rule that needs AWS knowledge or spans objects, collecting all problems.
 */
export function buildModel(raw: RawOrgFile, source: YamlSource): { model?: OrgModel; diagnostics: Diagnostic[] } {
    return new ModelBuilder(raw, source).build();
}

class ModelBuilder {
    private readonly diagnostics: Diagnostic[] = [];
    private readonly organization: OrganizationSettings;
    private readonly policies: Map<string, ServiceControlPolicy>;
    private readonly libraryNames: Set<string>;
    private readonly allAccounts: Account[] = [];
    private readonly allOus: OrganizationalUnit[] = [];
    private readonly seenNames = new Map<string, NodePath>();
    private readonly seenEmails = new Map<string, NodePath>();
    private readonly seenIds = new Map<string, NodePath>();
    private readonly seenOuIds = new Map<string, NodePath>();
    private readonly contacts: ContactReader;

    constructor(
        private readonly raw: RawOrgFile,
        private readonly source: YamlSource,
    ) {
        this.contacts = new ContactReader(source, this.diagnostics);
        this.organization = this.settings();
        const library = loadPolicyLibrary(raw, source, this.organization.limits);
        this.policies = library.policies;
        this.diagnostics.push(...library.diagnostics);
        this.libraryNames = new Set([FULL_AWS_ACCESS, RETIRED_SCP_NAME, ...(raw.policies?.keys() ?? [])]);
        if (this.organization.featureSet === "CONSOLIDATED_BILLING" && raw.policies !== undefined) {
            this.error(["policies"], "scp-without-all-features", "SCPs need `featureSet: ALL`; an organization with `CONSOLIDATED_BILLING` cannot have an SCP library. Remove `policies` or set `organization.featureSet: ALL`.", true);
        }
    }

    build(): { model?: OrgModel; diagnostics: Diagnostic[] } {
        const rootPolicies = this.targetPolicies(["root"], this.raw.root.policies, "the root");
        if (this.raw.root.policies !== undefined && !rootPolicies.includes(FULL_AWS_ACCESS)) {
            this.error(
                ["root", "policies"],
                "root-without-full-access",
                "`root.policies` must contain `FullAWSAccess`: without it every member account loses every permission, including the role used to reach it. Restrict OUs instead.",
            );
        }
        if (this.organization.id !== undefined && this.organization.featureSet === "ALL" && this.raw.root.policies === undefined) {
            this.warning(
                ["organization", "id"],
                "root-policies-omitted",
                "The organization is adopted but `root.policies` is omitted: `pulumi up` makes the root's SCPs exactly `[FullAWSAccess]`, detaching any other SCP attached there now. List the root's SCPs (`npm run import` writes them).",
            );
        }
        const root = { policies: rootPolicies, policiesSource: this.source.position(this.raw.root.policies ? ["root", "policies"] : ["root"]), source: this.source.position(["root"]) };
        // Walk the file top to bottom, so that "already used at line N" points at the first use.
        const accountsFirst = this.source.position(["accounts"]).line < this.source.position(["organizationalUnits"]).line;
        let accounts: Account[] = [];
        if (accountsFirst) accounts = this.accounts(this.raw.accounts, ["accounts"], null);
        const organizationalUnits = this.organizationalUnits(this.raw.organizationalUnits, ["organizationalUnits"], null, 1);
        if (!accountsFirst) accounts = this.accounts(this.raw.accounts, ["accounts"], null);
        // The built-in deny-all SCP exists in AWS only where something uses it.
        const usesRetiredScp = [root, ...this.allOus, ...this.allAccounts].some((t) => t.policies.includes(RETIRED_SCP_NAME));
        if (usesRetiredScp && !this.policies.has(RETIRED_SCP_NAME)) this.policies.set(RETIRED_SCP_NAME, denyAllRetired(root.source));
        const delegatedAdministrators = resolveDelegatedAdministrators(this.raw.organization.delegatedAdministrators, this.allAccounts, this.organization.featureSet, this.source, this.diagnostics);
        const errors = this.diagnostics.filter((d) => d.severity === "error");
        if (errors.length > 0) return { diagnostics: this.diagnostics };
        const model: OrgModel = {
            file: this.source.file,
            organization: { ...this.organization, delegatedAdministrators, serviceAccessPrincipals: this.withAccountManagement(this.organization.serviceAccessPrincipals) },
            policies: this.policies,
            root,
            organizationalUnits,
            accounts,
            allOrganizationalUnits: this.allOus,
            allAccounts: this.allAccounts,
        };
        const retired = applyRetirement(model, this.diagnostics);
        // Assignments to OUs are expanded once retired accounts have left them.
        const complete = retired === undefined ? undefined : withIdentityCenter(retired, this.raw.identityCenter, this.source, this.diagnostics);
        return { model: deepFreeze(complete), diagnostics: this.diagnostics };
    }

    private settings(): OrganizationSettings {
        const o = this.raw.organization;
        const p = (key: string): NodePath => ["organization", key];
        this.check(p("id"), o.id, rules.organizationIdProblem, "invalid-organization-id", "`organization.id`");
        this.check(p("rootId"), o.rootId, rules.rootIdProblem, "invalid-root-id", "`organization.rootId`");
        this.check(p("managementAccountId"), o.managementAccountId, rules.accountIdProblem, "invalid-account-id", "`organization.managementAccountId`");
        if (o.rootId !== undefined && o.id === undefined) {
            this.error(p("rootId"), "root-id-without-organization", "`organization.rootId` adopts an existing root, so `organization.id` must be set too.");
        }
        if (o.featureSet === "CONSOLIDATED_BILLING" && (o.enabledPolicyTypes?.length ?? 0) > 0) {
            this.error(p("enabledPolicyTypes"), "policy-types-without-all-features", "Policy types need `featureSet: ALL`; remove `enabledPolicyTypes` or set `organization.featureSet: ALL`.");
        }
        this.checkRegions(o.regions);
        const rootAccess: RootAccess = { credentialsManagement: o.rootAccess?.credentialsManagement ?? false, rootSessions: o.rootAccess?.rootSessions ?? false };
        const required = new Set<string>();
        if (rootAccessFeatures(rootAccess).length > 0) {
            if (o.featureSet === "CONSOLIDATED_BILLING") {
                this.error(p("rootAccess"), "root-access-without-all-features", "`organization.rootAccess` needs `featureSet: ALL`: centralized root access relies on trusted access for IAM, which only an organization with all features has. Set `organization.featureSet: ALL` or remove `rootAccess`.", true);
            }
            required.add(IAM_SERVICE_PRINCIPAL);
        }
        for (const principal of o.delegatedAdministrators?.keys() ?? []) {
            if (DELEGATED_SERVICES.has(principal)) required.add(principal);
        }
        // AWS raises none of these on request: a file may only tighten them. Above AWS's value is
        // an error, and the rest of the file is checked against AWS's value.
        const limits: { -readonly [K in keyof Limits]: number } = { ...AWS_DEFAULT_LIMITS };
        for (const [key, value] of Object.entries(stripUndefined(o.limits ?? {})) as [keyof Limits, number][]) {
            if (value > AWS_DEFAULT_LIMITS[key]) {
                this.error(
                    ["organization", "limits", key],
                    "limit-above-aws",
                    `\`limits.${key}\` is ${value}, above AWS's limit of ${AWS_DEFAULT_LIMITS[key]}, which AWS does not raise on request: the plan would accept what AWS refuses. Lower it or remove it.`,
                );
            } else limits[key] = value;
        }
        (o.serviceAccessPrincipals ?? []).forEach((principal, i) => {
            this.check([...p("serviceAccessPrincipals"), i], principal, rules.servicePrincipalProblem, "invalid-service-principal", `Service principal \`${principal}\``);
        });
        const d = o.defaults ?? {};
        this.check(["organization", "defaults", "roleName"], d.roleName, rules.roleNameProblem, "invalid-role-name", "`roleName`");
        const defaultTags = record(d.tags);
        this.checkTags(["organization", "defaults", "tags"], defaultTags, "`tags`");
        const defaults: AccountDefaults = {
            roleName: d.roleName ?? DEFAULT_ACCESS_ROLE,
            iamUserAccessToBilling: d.iamUserAccessToBilling ?? "ALLOW",
            closeOnDeletion: d.closeOnDeletion ?? false,
            tags: defaultTags ?? {},
            alternateContacts: this.contacts.alternateContacts(d.alternateContacts, ["organization", "defaults", "alternateContacts"], "every account (`defaults`)"),
            primaryContact: this.contacts.primaryContact(d.primaryContact, ["organization", "defaults", "primaryContact"], "every account (`defaults`)"),
            optInRegions: readOptInRegions(d.optInRegions, ["organization", "defaults", "optInRegions"], "every account (`defaults`)", this.source, this.diagnostics),
        };
        return {
            featureSet: o.featureSet ?? "ALL",
            id: o.id,
            rootId: o.rootId,
            managementAccountId: o.managementAccountId,
            serviceAccessPrincipals: withRequired(o.serviceAccessPrincipals ?? [], required),
            enabledPolicyTypes: o.enabledPolicyTypes ?? [],
            regions: o.regions,
            rootAccess,
            // Resolved against the accounts once they are read (`delegatedAdministrators()`).
            delegatedAdministrators: [],
            resourcePolicy: this.resourcePolicy(o.resourcePolicy?.file, o.featureSet ?? "ALL"),
            limits,
            defaults,
            source: this.source.position(["organization"]),
        };
    }

    /** `organization.resourcePolicy`: delegated policy management, which needs all features. */
    private resourcePolicy(file: string | undefined, featureSet: FeatureSet): OrganizationResourcePolicy | undefined {
        if (file === undefined) return undefined;
        if (featureSet === "CONSOLIDATED_BILLING") {
            this.error(["organization", "resourcePolicy"], "resource-policy-without-all-features", "`organization.resourcePolicy` needs `featureSet: ALL`: only an organization with all features delegates policy management. Set `organization.featureSet: ALL` or remove the key.", true);
            return undefined;
        }
        return loadResourcePolicy(file, this.source, this.diagnostics);
    }

    /**
     * The trusted services with AWS Account Management added when the file sets what only it
     * changes in a member account (its contacts, its Regions), which the management account does through it.
     */
    private withAccountManagement(principals: readonly string[]): readonly string[] {
        const needed = this.allAccounts.some(
            (a) => !a.isManagementAccount && !a.invite && (Object.keys(a.alternateContacts).length > 0 || a.primaryContact !== undefined || a.optInRegions.length > 0),
        );
        return needed ? withRequired(principals, new Set([ACCOUNT_SERVICE_PRINCIPAL])) : principals;
    }

    /** `organization.regions`: real Region codes, each once, at least one. */
    private checkRegions(regions: readonly string[] | undefined): void {
        if (regions === undefined) return;
        const at: NodePath = ["organization", "regions"];
        if (regions.length === 0) {
            this.error(at, "empty-regions", "`organization.regions` lists no Region; list the Regions the organization uses, or omit the key for the stack's Region and `us-east-1`.");
        }
        const seen = new Set<string>();
        regions.forEach((code, i) => {
            if (!isAwsRegion(code)) {
                this.error([...at, i], "unknown-region", `\`${code}\` in \`organization.regions\` is not an AWS Region.${unknownRegionHint(code)}`);
            } else if (seen.has(code)) {
                this.error([...at, i], "duplicate-region", `Region \`${code}\` is listed twice in \`organization.regions\`.`);
            }
            seen.add(code);
        });
    }

    private organizationalUnits(raws: RawOrganizationalUnit[] | undefined, at: NodePath, parentPath: string | null, depth: number): OrganizationalUnit[] {
        const siblings = new Map<string, number>();
        return (raws ?? []).flatMap((raw, i) => {
            const p = [...at, i];
            const nameProblem = rules.ouNameProblem(raw.name);
            if (nameProblem) this.error([...p, "name"], "invalid-ou-name", `OU name \`${raw.name}\` ${nameProblem}.`);
            const first = siblings.get(raw.name);
            if (first !== undefined) {
                this.error([...p, "name"], "duplicate-ou", `OU \`${raw.name}\` appears twice under ${parentPath === null ? "the root" : `\`${parentPath}\``} (first at line ${this.source.position([...at, first]).line}); sibling OUs need distinct names.`);
            }
            siblings.set(raw.name, i);
            const limit = this.organization.limits.ouMaxDepth;
            const path = parentPath === null ? raw.name : `${parentPath}/${raw.name}`;
            if (depth > limit) {
                this.error([...p, "name"], "ou-too-deep", `OU \`${path}\` is nested ${depth} levels deep, over the limit of ${limit} (\`limits.ouMaxDepth\`; AWS allows 5 levels under the root).`);
                return [];
            }
            const policies = this.targetPolicies(p, raw.policies, `OU \`${path}\``);
            const tags = record(raw.tags);
            this.checkTags([...p, "tags"], tags, `Tags of OU \`${path}\``);
            if (raw.id !== undefined) {
                this.check([...p, "id"], raw.id, rules.ouIdProblem, "invalid-ou-id", `OU id \`${raw.id}\` of \`${path}\``);
                this.unique(this.seenOuIds, raw.id, [...p, "id"], "duplicate-ou-id", `OU id \`${raw.id}\``);
            }
            const ou: OrganizationalUnit = {
                name: raw.name,
                id: raw.id,
                path,
                depth,
                parentPath,
                policies,
                policiesSource: this.source.position(raw.policies ? [...p, "policies"] : p),
                tags: tags ?? {},
                accounts: [],
                organizationalUnits: [],
                source: this.source.position(p),
            };
            this.allOus.push(ou);
            const accounts = this.accounts(raw.accounts, [...p, "accounts"], path);
            const children = this.organizationalUnits(raw.organizationalUnits, [...p, "organizationalUnits"], path, depth + 1);
            return [Object.assign(ou, { accounts, organizationalUnits: children })];
        });
    }

    private accounts(raws: RawAccount[] | undefined, at: NodePath, ouPath: string | null): Account[] {
        return (raws ?? []).map((raw, i) => this.account(raw, [...at, i], ouPath));
    }

    private account(raw: RawAccount, p: NodePath, ouPath: string | null): Account {
        const { defaults } = this.organization;
        const label = `account \`${raw.name}\``;
        const nameProblem = rules.accountNameProblem(raw.name);
        if (nameProblem) this.error([...p, "name"], "invalid-account-name", `Account name \`${raw.name}\` ${nameProblem}.`);
        const emailProblem = rules.emailProblem(raw.email);
        if (emailProblem) this.error([...p, "email"], "invalid-email", `Email \`${raw.email}\` of ${label} ${emailProblem}.`);
        if (raw.id !== undefined) this.check([...p, "id"], raw.id, rules.accountIdProblem, "invalid-account-id", `Account id \`${raw.id}\` of ${label}`);
        this.check([...p, "roleName"], raw.roleName, rules.roleNameProblem, "invalid-role-name", `\`roleName\` of ${label}`);
        // AWS limits the tags the account ends up with: its own and the defaults together.
        const ownTags = record(raw.tags);
        if (ownTags !== undefined) this.checkTags([...p, "tags"], { ...defaults.tags, ...ownTags }, `Tags of ${label} (its own and the defaults)`);
        this.unique(this.seenNames, raw.name, [...p, "name"], "duplicate-account-name", `Account name \`${raw.name}\``);
        this.unique(this.seenEmails, raw.email.toLowerCase(), [...p, "email"], "duplicate-email", `Email \`${raw.email}\` (compared without case)`);
        if (raw.id !== undefined) this.unique(this.seenIds, raw.id, [...p, "id"], "duplicate-account-id", `Account id \`${raw.id}\``);
        if (raw.invite === true && raw.id === undefined) {
            this.error([...p, "invite"], "invite-without-id", `${capitalize(label)} has \`invite: true\` but no \`id\`; an invitation goes to an existing account, so give its 12-digit id.`);
        }
        const isManagementAccount = raw.id !== undefined && raw.id === this.organization.managementAccountId;
        if (isManagementAccount && (ouPath !== null || raw.policies !== undefined)) {
            this.warning(p, "management-account-restricted", `${capitalize(label)} is the management account: SCPs never apply to it, so its OU and \`policies\` restrict nothing. Keep it directly under the root.`);
        }
        const policies = this.targetPolicies(p, raw.policies, label);
        const account: Account = {
            name: raw.name,
            email: raw.email,
            id: raw.id,
            joined: raw.id === undefined ? "created" : "adopted",
            ouPath,
            roleName: raw.roleName ?? defaults.roleName,
            iamUserAccessToBilling: raw.iamUserAccessToBilling ?? defaults.iamUserAccessToBilling,
            closeOnDeletion: raw.closeOnDeletion ?? defaults.closeOnDeletion,
            tags: { ...defaults.tags, ...(ownTags ?? {}) },
            alternateContacts: { ...defaults.alternateContacts, ...this.contacts.alternateContacts(raw.alternateContacts, [...p, "alternateContacts"], label) },
            primaryContact: this.contacts.primaryContact(raw.primaryContact, [...p, "primaryContact"], label) ?? defaults.primaryContact,
            // An account's own list replaces the defaults' as a whole, as `policies` does.
            optInRegions: raw.optInRegions === undefined ? defaults.optInRegions : readOptInRegions(raw.optInRegions, [...p, "optInRegions"], label, this.source, this.diagnostics),
            isManagementAccount,
            invite: raw.invite ?? false,
            retired: raw.retired ?? false,
            policies,
            policiesSource: this.source.position(raw.policies ? [...p, "policies"] : p),
            source: this.source.position(p),
        };
        this.allAccounts.push(account);
        return account;
    }

    /** Checks a target's `policies` list; an omitted list means the AWS default, FullAWSAccess alone. */
    private targetPolicies(p: NodePath, list: readonly string[] | undefined, label: string): string[] {
        if (list === undefined) return [FULL_AWS_ACCESS];
        const at = [...p, "policies"];
        if (this.organization.featureSet === "CONSOLIDATED_BILLING") {
            this.error(at, "scp-without-all-features", `\`policies\` on ${label} needs \`featureSet: ALL\`; SCPs do not exist with \`CONSOLIDATED_BILLING\`.`, true);
            return list.slice();
        }
        if (list.length === 0) {
            this.error(at, "empty-policies", `\`policies\` of ${label} is empty; AWS keeps at least one SCP on every target. Omit the key to keep \`FullAWSAccess\`.`);
        }
        const limit = this.organization.limits.scpsPerTarget;
        if (list.length > limit) {
            this.error(at, "too-many-scps", `${capitalize(label)} lists ${list.length} SCPs; AWS allows at most ${limit} on one target. Merge some of them.`);
        }
        const seen = new Set<string>();
        list.forEach((name, i) => {
            if (!this.libraryNames.has(name)) {
                this.error([...at, i], "unknown-policy", `SCP \`${name}\` on ${label} is not in the \`policies\` library.${didYouMean(name, this.libraryNames)}`);
            }
            if (seen.has(name)) this.error([...at, i], "duplicate-policy", `SCP \`${name}\` is listed twice on ${label}.`);
            seen.add(name);
        });
        const keepsFullAccess = list.some((n) => this.policies.get(n)?.strategy === "full-access");
        for (const name of list) {
            if (keepsFullAccess && this.policies.get(name)?.strategy === "allow-list") {
                this.warning(
                    [...at, list.indexOf(name)],
                    "ineffective-allow-list",
                    `Allow-list SCP \`${name}\` on ${label} has no effect while \`FullAWSAccess\` is also attached there; remove \`FullAWSAccess\` from this list for the allow-list to restrict.`,
                );
            }
        }
        return list.slice();
    }

    private unique(seen: Map<string, NodePath>, key: string, p: NodePath, code: string, what: string): void {
        const first = seen.get(key);
        if (first === undefined) {
            seen.set(key, p);
            return;
        }
        const pos = this.source.position(first);
        this.error(p, code, `${what} is already used at line ${pos.line}, column ${pos.column}; each needs its own.`);
    }

    private checkTags(p: NodePath, tags: Readonly<Record<string, string>> | undefined, what: string): void {
        const problem = tagDiagnostic(this.source, p, tags, what);
        if (problem !== undefined) this.diagnostics.push(problem);
    }

    private check<T>(p: NodePath, value: T | undefined, rule: (v: T) => string | undefined, code: string, what: string): void {
        if (value === undefined) return;
        const problem = rule(value);
        if (problem) this.error(p, code, `${what} ${problem}.`);
    }

    private error(p: NodePath, code: string, message: string, atKey = false): void {
        this.push("error", p, code, message, atKey);
    }

    private warning(p: NodePath, code: string, message: string): void {
        this.push("warning", p, code, message, false);
    }

    private push(severity: "error" | "warning", p: NodePath, code: string, message: string, atKey: boolean): void {
        const pos: SourcePosition = atKey && p.length > 0 ? this.source.keyPosition(p.slice(0, -1), String(p[p.length - 1])) : this.source.position(p);
        this.diagnostics.push({ code, severity, message, ...pos });
    }
}

function capitalize(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Tags as the model keeps them: a plain object with every key as its own property (`__proto__` too). */
function record(tags: ReadonlyMap<string, string> | undefined): Record<string, string> | undefined {
    return tags === undefined ? undefined : Object.fromEntries(tags);
}

/** The listed service principals, then the required ones the list leaves out. */
function withRequired(listed: readonly string[], required: ReadonlySet<string>): string[] {
    return [...listed, ...[...required].filter((r) => !listed.includes(r))];
}

function stripUndefined<T extends object>(o: T): Partial<T> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
    if (value === null || typeof value !== "object" || seen.has(value)) return value;
    seen.add(value);
    if (value instanceof Map) {
        for (const v of value.values()) deepFreeze(v, seen);
    } else {
        for (const v of Object.values(value)) deepFreeze(v, seen);
    }
    return Object.freeze(value);
}
