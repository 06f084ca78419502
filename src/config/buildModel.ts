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
    OrganizationPolicy,
    OrganizationSettings,
    OrgModel,
    OtherPolicyType,
    PolicyTarget,
    RootAccess,
    ServiceControlPolicy,
    SourcePosition,
} from "../model/types";
import { POLICY_TYPE_FACTS, POLICY_TYPES, RCP_FULL_AWS_ACCESS } from "../../policypacks/aws-org-guardrails/core/policyTypes";


/**
 * Second phase of loading: the file has the right shape; now resolve defaults and references
 * and check every rule that needs AWS knowledge or spans objects, collecting all problems.
 */
/** AWS's default quota of accounts in an organization (new organizations may get fewer). */
const DEFAULT_ACCOUNT_QUOTA = 10;

export function buildModel(raw: RawOrgFile, source: YamlSource): { model?: OrgModel; diagnostics: Diagnostic[] } {
    return new ModelBuilder(raw, source).build();
}

class ModelBuilder {
    private readonly diagnostics: Diagnostic[] = [];
    private readonly organization: OrganizationSettings;
    private readonly policies: Map<string, ServiceControlPolicy>;
    private readonly otherPolicies: Map<string, OrganizationPolicy>;
    /** The type of each library name that failed to load, so that its uses are not reported as unknown too. */
    private readonly declaredTypes = new Map<string, OtherPolicyType>();
    private readonly libraryNames: Set<string>;
    private readonly allAccounts: Account[] = [];
    private readonly allOus: OrganizationalUnit[] = [];
    private readonly seenNames = new Map<string, NodePath>();
    private readonly seenEmails = new Map<string, NodePath>();
    private readonly seenIds = new Map<string, NodePath>();
    private readonly seenOuIds = new Map<string, NodePath>();
    private readonly contacts: ContactReader;
    private readonly seenKeys = new Map<string, NodePath>();
    private readonly seenOuKeys = new Map<string, NodePath>();
    /** Where each account's `previousNames` and each OU's `previousPaths` entry is written. */
    private readonly previousAccountNames: { readonly name: string; readonly at: NodePath; readonly owner: string; readonly ownKey: string }[] = [];
    private readonly previousOuPaths: { readonly name: string; readonly at: NodePath; readonly owner: string; readonly ownKey: string }[] = [];

    constructor(
        private readonly raw: RawOrgFile,
        private readonly source: YamlSource,
    ) {
        this.contacts = new ContactReader(source, this.diagnostics);
        const settings = this.settings();
        const library = loadPolicyLibrary(raw, source, settings.limits);
        this.policies = library.policies;
        this.otherPolicies = library.otherPolicies;
        this.diagnostics.push(...library.diagnostics);
        for (const [name, entry] of raw.policies ?? []) if (entry.type !== undefined && entry.type !== "SCP") this.declaredTypes.set(name, entry.type);
        this.declaredTypes.set(RCP_FULL_AWS_ACCESS, "RCP");
        this.organization = settings;
        this.libraryNames = new Set([FULL_AWS_ACCESS, RETIRED_SCP_NAME, RCP_FULL_AWS_ACCESS, ...(raw.policies?.keys() ?? [])]);
        if (this.organization.featureSet === "CONSOLIDATED_BILLING" && raw.policies !== undefined) {
            this.error(["policies"], "scp-without-all-features", "SCPs need `featureSet: ALL`; an organization with `CONSOLIDATED_BILLING` cannot have an SCP library. Remove `policies` or set `organization.featureSet: ALL`.", true);
        }
    }

    build(): { model?: OrgModel; diagnostics: Diagnostic[] } {
        const rootSets = this.targetPolicies(["root"], this.raw.root.policies, "the root");
        const rootPolicies = rootSets.policies;
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
        const root = { ...rootSets, policiesSource: this.source.position(this.raw.root.policies ? ["root", "policies"] : ["root"]), source: this.source.position(["root"]) };
        // Walk the file top to bottom, so that "already used at line N" points at the first use.
        const accountsFirst = this.source.position(["accounts"]).line < this.source.position(["organizationalUnits"]).line;
        let accounts: Account[] = [];
        if (accountsFirst) accounts = this.accounts(this.raw.accounts, ["accounts"], null);
        const organizationalUnits = this.organizationalUnits(this.raw.organizationalUnits, ["organizationalUnits"], null, 1, []);
        if (!accountsFirst) accounts = this.accounts(this.raw.accounts, ["accounts"], null);
        this.checkPreviousIdentities(this.previousAccountNames, this.seenKeys, "account", "previousNames");
        this.checkPreviousIdentities(this.previousOuPaths, this.seenOuKeys, "OU", "previousPaths");
        // The built-in deny-all SCP exists in AWS only where something uses it.
        const usesRetiredScp = [root, ...this.allOus, ...this.allAccounts].some((t) => t.policies.includes(RETIRED_SCP_NAME));
        if (usesRetiredScp && !this.policies.has(RETIRED_SCP_NAME)) this.policies.set(RETIRED_SCP_NAME, denyAllRetired(root.source));
        const delegatedAdministrators = resolveDelegatedAdministrators(this.raw.organization.delegatedAdministrators, this.allAccounts, this.organization.featureSet, this.source, this.diagnostics);
        this.checkAccountQuota();
        const errors = this.diagnostics.filter((d) => d.severity === "error");
        if (errors.length > 0) return { diagnostics: this.diagnostics };
        // Every type of the library is enabled, and a type named on a target (RCPFullAWSAccess alone) too.
        const usedTypes = new Set([...this.declaredTypes].filter(([name]) => name !== RCP_FULL_AWS_ACCESS).map(([, type]) => type));
        for (const t of [root, ...this.allOus, ...this.allAccounts]) for (const type of Object.keys(t.otherPolicies) as OtherPolicyType[]) usedTypes.add(type);
        const model: OrgModel = {
            file: this.source.file,
            organization: withLibraryTypes({ ...this.organization, delegatedAdministrators, serviceAccessPrincipals: this.withAccountManagement(this.organization.serviceAccessPrincipals) }, [...usedTypes]),
            policies: this.policies,
            otherPolicies: this.otherPolicies,
            root,
            organizationalUnits,
            accounts,
            allOrganizationalUnits: this.allOus,
            allAccounts: this.allAccounts,
            removed: this.removed(),
        };
        const retired = applyRetirement(model, this.diagnostics);
        // Assignments to OUs are expanded once retired accounts have left them.
        const complete = retired === undefined ? undefined : withIdentityCenter(retired, this.raw.identityCenter, this.source, this.diagnostics);
        return { model: deepFreeze(complete), diagnostics: this.diagnostics };
    }

    /**
     * Every account of the file counts against the organization's account quota, the management
     * account (listed or not), invited, adopted and retired ones too (a closed account counts
     * until AWS closes it for good). Beyond the quota, `CreateAccount` and invitations fail.
     */
    private checkAccountQuota(): void {
        const quota = this.organization.accountQuota;
        const managementListed = this.allAccounts.some((a) => a.isManagementAccount);
        const count = this.allAccounts.length + (managementListed ? 0 : 1);
        if (count <= quota) return;
        const given = this.raw.organization.limits?.accounts !== undefined;
        this.warning(
            given ? ["organization", "limits", "accounts"] : ["organization"],
            "account-quota-exceeded",
            `The organization would hold ${String(count)} accounts (the management account included), over ${given ? `its quota of ${String(quota)} (\`limits.accounts\`)` : `AWS's default quota of ${String(quota)} accounts`}: creating or inviting the account after the ${String(quota)}th fails. From the management account, request more in the Service Quotas console (Region us-east-1, AWS Organizations, "Default maximum number of accounts"), then set \`organization.limits.accounts\` to the quota granted.`,
        );
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
        const { accounts: accountQuota, ...fixed } = o.limits ?? {};
        for (const [key, value] of Object.entries(stripUndefined(fixed)) as [keyof Limits, number][]) {
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
            accountQuota: accountQuota ?? DEFAULT_ACCOUNT_QUOTA,
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

    /** `removed:`: keys of objects deleted on purpose, which must not be in the file any more. */
    private removed(): OrgModel["removed"] {
        const removed = this.raw.removed ?? {};
        const check = (list: readonly string[] | undefined, field: "accounts" | "organizationalUnits", keys: ReadonlyMap<string, NodePath>, kind: string) => {
            (list ?? []).forEach((key, i) => {
                const current = keys.get(key);
                if (current === undefined) return;
                this.error(["removed", field, i], "removed-still-declared", `\`removed.${field}\` names \`${key}\`, but the ${kind} with that key is still in the file (line ${this.source.position(current).line}); remove it from the file, or from \`removed\`.`);
            });
            return [...(list ?? [])];
        };
        return { accounts: check(removed.accounts, "accounts", this.seenKeys, "account"), organizationalUnits: check(removed.organizationalUnits, "organizationalUnits", this.seenOuKeys, "OU") };
    }

    /**
     * A previous logical name becomes an alias: it must not be another object's logical name
     * now (Pulumi would match that object twice), nor listed twice.
     */
    private checkPreviousIdentities(entries: readonly { name: string; at: NodePath; owner: string; ownKey: string }[], keys: ReadonlyMap<string, NodePath>, kind: string, field: string): void {
        const seen = new Map<string, NodePath>();
        for (const { name, at, owner, ownKey } of entries) {
            // Its own key is reported where it is read.
            if (name === ownKey) continue;
            const current = keys.get(name);
            if (current !== undefined) {
                const pos = this.source.position(current);
                this.error(at, "previous-identity-in-use", `\`${field}\` of ${kind} \`${owner}\` names \`${name}\`, which is the key of the ${kind} at line ${pos.line} now; a previous name must belong to no ${kind} of the file. Remove it from \`${field}\`, or give the other ${kind} its own \`key\`.`);
                continue;
            }
            this.unique(seen, name, at, "duplicate-previous-identity", `Previous ${kind === "OU" ? "path" : "name"} \`${name}\` in \`${field}\``);
        }
    }

    /**
     * Keys are logical names, unique per kind. Two default keys that clash are two equal names
     * (or paths), which their own rule reports already.
     */
    private uniqueKey(seen: Map<string, NodePath>, key: string, p: NodePath, explicit: boolean, kind: string): void {
        const at: NodePath = explicit ? [...p, "key"] : [...p, "name"];
        const first = seen.get(key);
        if (first === undefined) {
            seen.set(key, at);
            return;
        }
        if (!explicit && first[first.length - 1] !== "key") return;
        const pos = this.source.position(first);
        this.error(at, "duplicate-key", `${kind} key \`${key}\` is already the key at line ${pos.line}, column ${pos.column}; keys are Pulumi logical names, so each needs its own.`);
    }

    /** An explicit `key:`: a Pulumi logical name, part of the resource's URN. */
    private checkKey(p: NodePath, key: string | undefined, label: string): void {
        this.check([...p, "key"], key, rules.keyProblem, "invalid-key", `\`key\` of ${label}`);
    }

    private organizationalUnits(raws: RawOrganizationalUnit[] | undefined, at: NodePath, parentPath: string | null, depth: number, parentPrevious: readonly string[]): OrganizationalUnit[] {
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
            const sets = this.targetPolicies(p, raw.policies, `OU \`${path}\``);
            const tags = record(raw.tags);
            this.checkTags([...p, "tags"], tags, `Tags of OU \`${path}\``);
            if (raw.id !== undefined) {
                this.check([...p, "id"], raw.id, rules.ouIdProblem, "invalid-ou-id", `OU id \`${raw.id}\` of \`${path}\``);
                this.unique(this.seenOuIds, raw.id, [...p, "id"], "duplicate-ou-id", `OU id \`${raw.id}\``);
            }
            this.checkKey(p, raw.key, `OU \`${path}\``);
            const key = raw.key ?? path;
            this.uniqueKey(this.seenOuKeys, key, p, raw.key !== undefined, "OU");
            const allowReplacement = raw.allowReplacement ?? false;
            (raw.previousPaths ?? []).forEach((previous, i) => {
                const entry: NodePath = [...p, "previousPaths", i];
                this.previousOuPaths.push({ name: previous, at: entry, owner: path, ownKey: key });
                if (previous === key) this.error(entry, "previous-identity-is-current", `\`previousPaths\` of OU \`${path}\` lists its own key \`${key}\`; list only the paths it had before.`);
                const before = previous.includes("/") ? previous.slice(0, previous.lastIndexOf("/")) : null;
                const sameParent = before === parentPath || (before !== null && parentPrevious.includes(before));
                if (!sameParent && !allowReplacement) {
                    this.error(
                        entry,
                        "ou-parent-change",
                        `OU \`${path}\` was \`${previous}\`, under ${before === null ? "the root" : `\`${before}\``}: AWS cannot move an OU to another parent, so \`pulumi up\` would create a new OU under ${parentPath === null ? "the root" : `\`${parentPath}\``}, move its accounts into it and delete the old one (new id, SCP attachments made again). Set \`allowReplacement: true\` on this OU to accept that, or keep it where it was.`,
                    );
                }
            });
            // An OU keyed by its path has a new path when an OU above it is renamed: it answers to its old paths too.
            const inherited = raw.key === undefined ? parentPrevious.map((pp) => `${pp}/${raw.name}`) : [];
            const ou: OrganizationalUnit = {
                key,
                name: raw.name,
                previousPaths: [...new Set([...(raw.previousPaths ?? []), ...inherited])],
                allowReplacement,
                id: raw.id,
                path,
                depth,
                parentPath,
                ...sets,
                policiesSource: this.source.position(raw.policies ? [...p, "policies"] : p),
                tags: tags ?? {},
                accounts: [],
                organizationalUnits: [],
                source: this.source.position(p),
            };
            this.allOus.push(ou);
            const accounts = this.accounts(raw.accounts, [...p, "accounts"], path);
            const children = this.organizationalUnits(raw.organizationalUnits, [...p, "organizationalUnits"], path, depth + 1, ou.previousPaths);
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
        const sets = this.targetPolicies(p, raw.policies, label);
        this.checkKey(p, raw.key, label);
        const key = raw.key ?? raw.name;
        this.uniqueKey(this.seenKeys, key, p, raw.key !== undefined, "Account");
        (raw.previousNames ?? []).forEach((previous, i) => {
            const entry: NodePath = [...p, "previousNames", i];
            this.previousAccountNames.push({ name: previous, at: entry, owner: raw.name, ownKey: key });
            if (previous === key) this.error(entry, "previous-identity-is-current", `\`previousNames\` of ${label} lists its own key \`${key}\`; list only the names it had before.`);
        });
        const account: Account = {
            key,
            name: raw.name,
            previousNames: [...(raw.previousNames ?? [])],
            allowReplacement: raw.allowReplacement ?? false,
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
            ...sets,
            policiesSource: this.source.position(raw.policies ? [...p, "policies"] : p),
            source: this.source.position(p),
        };
        this.allAccounts.push(account);
        return account;
    }

    /**
     * Checks a target's `policies` list and splits it by type. For each type, the names of that
     * type are its exact set; SCPs without a name listed (or an omitted list) keep the AWS
     * default, FullAWSAccess alone, and other types without a name listed are left out.
     */
    private targetPolicies(p: NodePath, list: readonly string[] | undefined, label: string): Pick<PolicyTarget, "policies" | "otherPolicies"> {
        if (list === undefined) return { policies: [FULL_AWS_ACCESS], otherPolicies: {} };
        const at = [...p, "policies"];
        if (this.organization.featureSet === "CONSOLIDATED_BILLING") {
            this.error(at, "scp-without-all-features", `\`policies\` on ${label} needs \`featureSet: ALL\`; SCPs do not exist with \`CONSOLIDATED_BILLING\`.`, true);
            return { policies: list.slice(), otherPolicies: {} };
        }
        if (list.length === 0) {
            this.error(at, "empty-policies", `\`policies\` of ${label} is empty; AWS keeps at least one SCP on every target. Omit the key to keep \`FullAWSAccess\`.`);
        }
        const scps: string[] = [];
        const others: Partial<Record<OtherPolicyType, string[]>> = {};
        const seen = new Set<string>();
        list.forEach((name, i) => {
            if (!this.libraryNames.has(name)) {
                this.error([...at, i], "unknown-policy", `Policy \`${name}\` on ${label} is not in the \`policies\` library.${didYouMean(name, this.libraryNames)}`);
            }
            if (seen.has(name)) this.error([...at, i], "duplicate-policy", `Policy \`${name}\` is listed twice on ${label}.`);
            seen.add(name);
            const type = this.declaredTypes.get(name);
            if (type === undefined) scps.push(name);
            else (others[type] ??= []).push(name);
        });
        const limit = this.organization.limits.scpsPerTarget;
        if (scps.length > limit) {
            this.error(at, "too-many-scps", `${capitalize(label)} lists ${scps.length} SCPs; AWS allows at most ${limit} on one target. Merge some of them.`);
        }
        // AWS never detaches RCPFullAWSAccess, so it is part of every RCP set and counts against the quota.
        if (others.RCP !== undefined && !others.RCP.includes(RCP_FULL_AWS_ACCESS)) others.RCP.unshift(RCP_FULL_AWS_ACCESS);
        for (const type of POLICY_TYPES) {
            if (type === "SCP") continue;
            const names = others[type];
            const { perTarget } = POLICY_TYPE_FACTS[type];
            if (names !== undefined && names.length > perTarget) {
                const counted = type === "RCP" ? ` (\`${RCP_FULL_AWS_ACCESS}\` included, which AWS keeps attached everywhere)` : "";
                this.error(at, "too-many-policies", `${capitalize(label)} has ${names.length} ${type === "RCP" ? "RCPs" : `policies of type \`${type}\``}${counted}; AWS allows at most ${perTarget} on one target. Merge some of them.`);
            }
        }
        const keepsFullAccess = scps.some((n) => this.policies.get(n)?.strategy === "full-access");
        for (const name of scps) {
            if (keepsFullAccess && this.policies.get(name)?.strategy === "allow-list") {
                this.warning(
                    [...at, list.indexOf(name)],
                    "ineffective-allow-list",
                    `Allow-list SCP \`${name}\` on ${label} has no effect while \`FullAWSAccess\` is also attached there; remove \`FullAWSAccess\` from this list for the allow-list to restrict.`,
                );
            }
        }
        return { policies: scps.length === 0 ? [FULL_AWS_ACCESS] : scps, otherPolicies: others };
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

/**
 * The settings with the library's policy types enabled (by API name, beside those the file
 * lists) and the trusted access some of them need.
 */
function withLibraryTypes(settings: OrganizationSettings, used: readonly OtherPolicyType[]): OrganizationSettings {
    const types = new Set([...settings.enabledPolicyTypes, ...used.map((t) => POLICY_TYPE_FACTS[t].apiName)]);
    const principals = [...settings.serviceAccessPrincipals];
    for (const type of new Set(used)) {
        const principal = POLICY_TYPE_FACTS[type].servicePrincipal;
        if (principal !== undefined && !principals.includes(principal)) principals.push(principal);
    }
    return { ...settings, enabledPolicyTypes: [...types].sort(), serviceAccessPrincipals: principals };
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
