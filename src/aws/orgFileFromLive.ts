import { isClosed, LiveAccount, LiveAlternateContact, LiveOrganization, LiveOrganizationalUnit, LivePolicy, livePolicyType, policyNamesById } from "./liveOrganization";
import { policyTypeOfApiName, RCP_FULL_AWS_ACCESS } from "../../policypacks/aws-org-guardrails/core/policyTypes";
import { RETIRED_OU_NAME, RETIRED_SCP_NAME } from "../config/retirement";
import { OTHER_POLICY_TYPES, RawAccount, RawAlternateContacts, RawOrganizationalUnit, RawOrgFile } from "../config/schema";
import { OrgFileContent } from "../config/writeOrgFile";
import { ALTERNATE_CONTACT_TYPES, FULL_AWS_ACCESS } from "../model/types";
import { externalManager } from "../model/externalPolicies";

/** An org file made from a live organization, and what the user should know about it. */
export interface ImportedOrgFile extends OrgFileContent {
    /** Accounts left out and settings the file cannot express, one sentence each. */
    readonly notices: readonly string[];
}

/** AWS's default quota of accounts in an organization. */
const DEFAULT_ACCOUNT_QUOTA = 10;

const HEADER = [
    "Imported from a live AWS organization by `npm run import`.",
    "The organization, every OU, SCP and account carry their AWS ids, so `pulumi up` adopts",
    "them instead of creating new ones. Each account and OU has a `key`, its identity in Pulumi:",
    "keep it when you rename one, so that the rename stays an update. Keep each account's `email`",
    "exactly as AWS has it: a change replaces the account, which creates a brand-new AWS account.",
];

/**
 * The org file that describes `live` exactly: every account with its id, exact name and
 * email; every OU by name; the policy library with one pretty-printed JSON file per policy of
 * every type (`type:` on those that are not SCPs); and each target's attached policies as they
 * are (SCPs first; `FullAWSAccess` left out where it is a target's only SCP and
 * `RCPFullAWSAccess` everywhere, as both are what AWS keeps without being told).
 * Lists are sorted by name so that importing twice gives the same file.
 */
export function orgFileFromLive(live: LiveOrganization): ImportedOrgFile {
    const notices: string[] = [];
    const retired = retiredOu(live);
    // AWS keeps names unique per type only; the file's library has one namespace.
    const custom: LivePolicy[] = [];
    const leftOut = new Set<string>();
    for (const p of live.policies.filter((x) => !x.awsManaged).sort(byName)) {
        const first = custom.find((c) => c.name === p.name);
        if (first === undefined) custom.push(p);
        else leftOut.add(p.id);
        if (first !== undefined) notices.push(`Policies \`${first.id}\` (${livePolicyType(first)}) and \`${p.id}\` (${livePolicyType(p)}) are both named \`${p.name}\`; the org file names each policy once, so the second is left out. Rename one in AWS and import again.`);
    }
    const names = policyNamesById(live);
    const typeById = new Map(live.policies.map((p) => [p.id, livePolicyType(p)]));
    const isScp = (id: string) => (typeById.get(id) ?? "SERVICE_CONTROL_POLICY") === "SERVICE_CONTROL_POLICY";
    const policies = (ids: readonly string[], keepDefaultScp = false): string[] | undefined => {
        const named = (list: readonly string[]) => [...new Set(list.map((id) => names.get(id) ?? id))].sort((a, b) => rank(a) - rank(b) || compareText(a, b));
        const kept = ids.filter((id) => !leftOut.has(id));
        const scps = named(kept.filter(isScp));
        const others = named(kept.filter((id) => !isScp(id))).filter((n) => n !== RCP_FULL_AWS_ACCESS);
        // SCPs that are FullAWSAccess alone are the default, and so are left out beside other types.
        const scpPart = !keepDefaultScp && scps.length === 1 && scps[0] === FULL_AWS_ACCESS ? [] : scps;
        const list = [...scpPart, ...others];
        return list.length === 0 ? undefined : list;
    };

    const closed = live.accounts.filter(isClosed);
    for (const a of closed) {
        notices.push(`Account \`${a.name}\` (${a.id}) is ${a.state.toLowerCase().replace("_", " ")}: it was closed and AWS lists it for 90 more days, so it is left out.`);
    }
    const known = new Set<string>(OTHER_POLICY_TYPES);
    const extraTypes = live.enabledPolicyTypes.filter((t) => t !== "SERVICE_CONTROL_POLICY");
    const unknownTypes = extraTypes.filter((t) => !known.has(t));
    if (unknownTypes.length > 0) {
        notices.push(`The root also has ${unknownTypes.map((t) => `\`${t}\``).join(", ")} enabled, which the org file cannot express yet; \`pulumi up\` would disable ${unknownTypes.length === 1 ? "it" : "them"}. Check the plan before applying it.`);
    }

    const active = live.accounts.filter((a) => !isClosed(a)).sort(byName);
    const contacts = splitContacts(live, active);
    // Keys are written out, so that a later rename (in AWS or in the file) keeps the logical name.
    const account = (a: LiveAccount, isRetired = false): RawAccount => ({
        key: a.key ?? a.name,
        name: a.name,
        email: a.email,
        id: a.id,
        policies: policies(a.policyIds),
        tags: nonEmpty(a.tags),
        retired: isRetired ? true : undefined,
        alternateContacts: contacts.own.get(a.id),
    });
    const accountsIn = (parentId: string) => active.filter((a) => a.parentId === parentId).map((a) => account(a, parentId === retired?.id));
    const ou = (u: LiveOrganizationalUnit): RawOrganizationalUnit => ({
        key: u.key ?? u.path,
        name: u.name,
        id: u.id,
        policies: policies(u.policyIds),
        tags: nonEmpty(u.tags),
        accounts: emptyToUndefined(accountsIn(u.id)),
        organizationalUnits: emptyToUndefined(childOus(u.id).map(ou)),
    });
    const childOus = (parentId: string) => live.organizationalUnits.filter((u) => u.parentId === parentId).sort(byName);

    const accountNames = new Map(active.map((a) => [a.id, a.name]));
    const delegations = new Map<string, string>();
    for (const d of live.delegatedAdministrators) {
        const name = accountNames.get(d.accountId);
        if (name === undefined) notices.push(`\`${d.servicePrincipal}\` is delegated to account ${d.accountId}, which is not an active member; the delegation is left out.`);
        else delegations.set(d.servicePrincipal, name);
    }

    const managers = new Map<string, number>();
    for (const p of custom) {
        const manager = isExternal(p) ? externalManager(p.name, p.tags) : undefined;
        if (manager !== undefined) managers.set(manager, (managers.get(manager) ?? 0) + 1);
    }
    for (const [manager, count] of managers) {
        notices.push(`${count} SCP${count === 1 ? " is" : "s are"} managed by ${manager}: written \`external: true\`, so that \`pulumi up\` never edits or detaches ${count === 1 ? "it" : "them"}.`);
    }

    const files = policyFileNames(custom);
    const document: RawOrgFile = {
        organization: {
            featureSet: live.featureSet,
            id: live.id,
            rootId: live.rootId,
            managementAccountId: live.managementAccountId,
            serviceAccessPrincipals: emptyToUndefined([...live.serviceAccessPrincipals].sort(compareText)),
            enabledPolicyTypes: emptyToUndefined(extraTypes.filter((t): t is (typeof OTHER_POLICY_TYPES)[number] => known.has(t)).sort(compareText)),
            rootAccess: rootAccessOf(live),
            delegatedAdministrators: delegations.size === 0 ? undefined : delegations,
            // An organization holding more than the default quota of accounts has a larger one:
            // at least this many. (The quota itself is not read: Service Quotas is another API.)
            limits: live.accounts.length > DEFAULT_ACCOUNT_QUOTA ? { accounts: live.accounts.length } : undefined,
            defaults: contacts.shared === undefined ? undefined : { alternateContacts: contacts.shared },
        },
        policies: custom.length === 0 ? undefined : new Map(custom.map((p) => [p.name, { type: fileType(p), file: files.get(p.id) as string, id: p.id, external: isExternal(p) ? true : undefined, description: p.description || undefined, tags: nonEmpty(p.tags) }])),
        // Listed even when its SCPs are FullAWSAccess alone: an adopted root without `policies`
        // is what the loader warns about (it would detach SCPs attached there later, by hand).
        root: { policies: policies(live.rootPolicyIds, true) ?? [FULL_AWS_ACCESS] },
        organizationalUnits: emptyToUndefined(childOus(live.rootId).map(ou)),
        accounts: emptyToUndefined(accountsIn(live.rootId)),
    };
    return {
        document,
        header: HEADER,
        policyFiles: new Map(custom.map((p) => [files.get(p.id) as string, prettyJson(p.content)])),
        notices,
    };
}

/** The root access features AWS has on, as the file writes them; undefined when none is (or they were not read). */
function rootAccessOf(live: LiveOrganization): { credentialsManagement?: boolean; rootSessions?: boolean } | undefined {
    const r = live.rootAccess;
    if (r === undefined || (!r.credentialsManagement && !r.rootSessions)) return undefined;
    return { credentialsManagement: r.credentialsManagement || undefined, rootSessions: r.rootSessions || undefined };
}

/**
 * The alternate contacts as the file writes them: a type every account has the same contact of
 * goes into `defaults` once; the others stay with their accounts.
 */
function splitContacts(live: LiveOrganization, active: readonly LiveAccount[]): { shared?: RawAlternateContacts; own: Map<string, RawAlternateContacts> } {
    const own = new Map<string, RawAlternateContacts>();
    const read = live.alternateContacts;
    if (read === undefined || active.length === 0) return { own };
    const shared: RawAlternateContacts = {};
    for (const type of ALTERNATE_CONTACT_TYPES) {
        const all = active.map((a) => read.get(a.id)?.[type]);
        const [first] = all;
        if (active.length > 1 && first !== undefined && all.every((c) => c !== undefined && sameContact(c, first))) {
            shared[type] = { ...first };
            continue;
        }
        for (const a of active) {
            const c = read.get(a.id)?.[type];
            if (c !== undefined) own.set(a.id, { ...own.get(a.id), [type]: { ...c } });
        }
    }
    return { shared: Object.keys(shared).length === 0 ? undefined : shared, own };
}

function sameContact(a: LiveAlternateContact, b: LiveAlternateContact): boolean {
    return a.name === b.name && a.title === b.title && a.email === b.email && a.phone === b.phone;
}

/** The org file's `type` of a policy: none for an SCP, the default. */
function fileType(p: LivePolicy): ReturnType<typeof policyTypeOfApiName> {
    const type = policyTypeOfApiName(livePolicyType(p));
    return type === "SCP" ? undefined : type;
}

/** Control Tower's and LZA's SCPs are written external; only an SCP can be (the loader refuses other types). */
function isExternal(p: LivePolicy): boolean {
    return livePolicyType(p) === "SERVICE_CONTROL_POLICY" && externalManager(p.name, p.tags) !== undefined;
}

/**
 * The `Retired` OU this program made (top level, no child OUs, the built-in deny-all SCP).
 * It is written like any OU, with its id, and so is its SCP; its accounts are marked
 * `retired: true`, so that they stay retired and unprotected.
 */
function retiredOu(live: LiveOrganization): LiveOrganizationalUnit | undefined {
    const scp = live.policies.find((p) => p.name === RETIRED_SCP_NAME && !p.awsManaged);
    const ou = live.organizationalUnits.find((u) => u.parentPath === null && u.name === RETIRED_OU_NAME);
    if (scp === undefined || ou === undefined || !ou.policyIds.includes(scp.id)) return undefined;
    return live.organizationalUnits.some((u) => u.parentId === ou.id) ? undefined : ou;
}

/** `policies/<kebab-case name>.json` for each SCP, with `-2`, `-3`... when two names collide. */
export function policyFileNames(policies: readonly LivePolicy[]): Map<string, string> {
    const taken = new Set<string>();
    const files = new Map<string, string>();
    for (const p of policies) {
        const base = kebabCase(p.name) || "policy";
        let candidate = base;
        for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}`;
        taken.add(candidate);
        files.set(p.id, `policies/${candidate}.json`);
    }
    return files;
}

/** `DenyLeaveOrganization` → `deny-leave-organization`, `AllowHIPAA_v2` → `allow-hipaa-v2`. */
export function kebabCase(name: string): string {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "");
}

/** The document pretty-printed like the other policy files; text that is not JSON stays as AWS has it. */
function prettyJson(content: string): string {
    try {
        return `${JSON.stringify(JSON.parse(content), null, 2)}\n`;
    } catch {
        return content;
    }
}

function rank(name: string): number {
    return name === FULL_AWS_ACCESS ? 0 : 1;
}

function byName(a: { name: string }, b: { name: string }): number {
    return compareText(a.name, b.name);
}

/** Code-point order: the same on every machine, unlike `localeCompare`. */
function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function nonEmpty(tags: Readonly<Record<string, string>> | undefined): Map<string, string> | undefined {
    return tags === undefined || Object.keys(tags).length === 0 ? undefined : new Map(Object.entries(tags).sort(([a], [b]) => compareText(a, b)));
}

function emptyToUndefined<T>(list: T[]): T[] | undefined {
    return list.length === 0 ? undefined : list;
}
