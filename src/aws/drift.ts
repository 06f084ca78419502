import { isClosed, LiveAccount, LiveAlternateContacts, LiveOrganization, LiveRootAccess, livePolicyType, policyNamesById } from "./liveOrganization";
import { ROOT_ACCESS_FEATURES } from "../model/rootAccess";
import { OTHER_POLICY_TYPES_BY_API, otherPolicyDrift } from "./otherPolicyDrift";
import { samePolicy } from "./policyEquivalence";
import { keepsAwsDefault } from "../model/managedScpSets";
import { externalManager, isControlTowerPolicy } from "../model/externalPolicies";
import { Account, ALTERNATE_CONTACT_TYPES, FULL_AWS_ACCESS, OrgModel, PolicyTarget, SourcePosition } from "../model/types";

/** The kinds of difference, in the order they are shown, with their heading. */
export const DRIFT_KINDS = {
    "organization": "Organization settings",
    "service-access": "Trusted service access",
    "root-access": "Centralized root access",
    "delegation-missing": "Delegated administrators in the file, not in AWS",
    "delegation-unmanaged": "Delegated administrators in AWS, not in the file",
    "contact-changed": "Alternate contacts that differ from the file",
    "ou-missing": "OUs in the file, not in AWS",
    "ou-unmanaged": "OUs in AWS, not in the file",
    "account-missing": "Accounts in the file, not in the organization",
    "account-unmanaged": "Accounts in the organization, not in the file",
    "account-not-adopted": "Accounts that exist but have no `id` in the file",
    "account-renamed": "Accounts renamed outside the program (name drift)",
    "account-email": "Account emails changed outside the program",
    "account-moved": "Accounts in another OU than declared",
    "scp-missing": "SCPs in the file, not in AWS",
    "scp-unmanaged": "SCPs in AWS, not in the file",
    "scp-changed": "SCPs whose content changed outside the program",
    "attachment-added": "SCPs attached outside the program",
    "attachment-removed": "SCPs detached outside the program",
    "policy-missing": "Policies of other types in the file, not in AWS",
    "policy-unmanaged": "Policies of other types in AWS, not in the file",
    "policy-changed": "Policies of other types whose content changed outside the program",
    "policy-attachment-added": "Policies of other types attached outside the program",
    "policy-attachment-removed": "Policies of other types detached outside the program",
    "permission-set-missing": "Permission sets in the file, not in Identity Center",
    "permission-set-unmanaged": "Permission sets in Identity Center, not in the file",
    "permission-set-changed": "Permission sets changed outside the program",
    "group-missing": "Groups the file looks up, not in the identity store",
    "assignment-missing": "Access in the file, not granted in Identity Center",
    "assignment-unmanaged": "Access granted in Identity Center, not in the file",
} as const;

export type DriftKind = keyof typeof DRIFT_KINDS;

/** One difference between the org file and the live organization. */
export interface DriftItem {
    readonly kind: DriftKind;
    /** What differs, one sentence. */
    readonly message: string;
    /** How to bring both sides together, one sentence. */
    readonly fix: string;
    /** Where the file declares the object, when it does. */
    readonly source?: SourcePosition;
}

/**
 * Everything that differs between the validated model and a live snapshot, ordered by kind.
 * Accounts are matched by `id` when the file has one, by email (without case) otherwise; OUs
 * by path; SCPs by name, their content compared as policies (not as text).
 */
export function detectDrift(model: OrgModel, live: LiveOrganization): DriftItem[] {
    const items: DriftItem[] = [];
    const add = (kind: DriftKind, message: string, fix: string, source?: SourcePosition) => items.push({ kind, message, fix, source });
    const settings = model.organization;
    if (settings.id !== undefined && settings.id !== live.id) {
        add("organization", `The file adopts organization \`${settings.id}\`, but these credentials reach \`${live.id}\`.`, "Use credentials of the organization's management account (`--profile`), or fix `organization.id`.", settings.source);
        return items;
    }
    compareOrganization(model, live, add);
    if (live.rootAccess !== undefined) compareRootAccess(model, live.rootAccess, add);

    const livePaths = new Map(live.organizationalUnits.map((u) => [u.path, u]));
    const filePaths = new Set(model.allOrganizationalUnits.map((ou) => ou.path));
    for (const ou of model.allOrganizationalUnits.filter((ou) => !livePaths.has(ou.path))) {
        add("ou-missing", `OU \`${ou.path}\` is not in AWS.`, "`pulumi up` creates it; remove it from the file if it was deleted on purpose.", ou.source);
    }
    for (const u of live.organizationalUnits.filter((u) => !filePaths.has(u.path))) {
        add("ou-unmanaged", `OU \`${u.path}\` (${u.id}) exists in AWS but not in the file.`, "Add it to `organizationalUnits` to manage it, or delete it in AWS; `pulumi up` leaves it alone.");
    }

    const matches = matchAccounts(model, live, add);
    compareDelegations(model, live, matches, add);
    if (live.alternateContacts !== undefined) compareContacts(matches, live.alternateContacts, add);
    compareScps(model, live, add);
    const targets = [
        { label: "the root", target: model.root as PolicyTarget, liveIds: live.rootPolicyIds },
        ...model.allOrganizationalUnits.flatMap((ou) => {
            const u = livePaths.get(ou.path);
            return u === undefined ? [] : [{ label: `OU \`${ou.path}\``, target: ou, liveIds: u.policyIds }];
        }),
        ...[...matches].map(([account, l]) => ({ label: `account \`${account.name}\``, target: account, liveIds: l.policyIds })),
    ];
    otherPolicyDrift(model, live, targets, add);

    if (model.organization.featureSet !== "ALL" || !live.enabledPolicyTypes.includes("SERVICE_CONTROL_POLICY")) return sortByKind(items);
    const names = policyNamesById(live);
    const typeById = new Map(live.policies.map((p) => [p.id, livePolicyType(p)]));
    const attachments = (label: string, target: PolicyTarget, allIds: readonly string[], managed: boolean) => {
        // Policies of other types are compared per type (`otherPolicyDrift`).
        const liveIds = allIds.filter((id) => !OTHER_POLICY_TYPES_BY_API.has(typeById.get(id) ?? ""));
        const liveNames = new Set(liveIds.map((id) => names.get(id) ?? id));
        // A target that keeps the AWS default gets no SCP attachment resource (`keepsAwsDefault`): `pulumi up` never changes its SCPs.
        const unmanaged = `\`pulumi up\` does not manage the SCPs of ${label}, as the file leaves it the AWS default (\`${FULL_AWS_ACCESS}\` alone)`;
        const attachedNow = `\`policies: [${[...liveNames].join(", ")}]\``;
        const isExternal = (name: string) => model.policies.get(name)?.external === true || isControlTowerPolicy(name);
        for (const name of [...liveNames].filter((n) => !target.policies.includes(n) && isExternal(n))) {
            add("attachment-added", `External SCP \`${name}\` is attached to ${label} in AWS but not listed in the file.`, `\`pulumi up\` leaves it attached, as its owner manages it; add \`${name}\` to the \`policies\` of ${label} so that the limits and analyses count it.`, target.policiesSource);
        }
        for (const name of target.policies.filter((n) => !liveNames.has(n) && isExternal(n))) {
            add("attachment-removed", `External SCP \`${name}\` is listed for ${label} but not attached in AWS.`, `\`pulumi up\` does not attach it, as its owner manages it; to accept the change, remove \`${name}\` from the \`policies\` of ${label}.`, target.policiesSource);
        }
        for (const name of [...liveNames].filter((n) => !target.policies.includes(n) && !isExternal(n))) {
            const fix = managed
                ? `\`pulumi up\` detaches it; to keep it, add \`${name}\` to the \`policies\` of ${label}.`
                : `${unmanaged}: detach \`${name}\` by hand, or, to keep it, add it to the \`policies\` of ${label} (${attachedNow}, as attached now).`;
            add("attachment-added", `SCP \`${name}\` is attached to ${label} in AWS but not listed in the file.`, fix, target.policiesSource);
        }
        for (const name of target.policies.filter((n) => !liveNames.has(n) && !isExternal(n))) {
            const fix = managed
                ? `\`pulumi up\` attaches it again; to accept the change, remove \`${name}\` from the \`policies\` of ${label}.`
                : `${unmanaged}: attach \`${name}\` again by hand, or, to accept the change, give ${label} ${attachedNow}.`;
            add("attachment-removed", `SCP \`${name}\` is listed for ${label} but not attached in AWS.`, fix, target.policiesSource);
        }
    };
    attachments("the root", model.root, live.rootPolicyIds, true);
    for (const ou of model.allOrganizationalUnits) {
        const u = livePaths.get(ou.path);
        if (u !== undefined) attachments(`OU \`${ou.path}\``, ou, u.policyIds, !keepsAwsDefault(ou));
    }
    for (const [account, l] of matches) {
        attachments(`account \`${account.name}\``, account, l.policyIds, !keepsAwsDefault(account));
    }
    return sortByKind(items);
}

export type Add = (kind: DriftKind, message: string, fix: string, source?: SourcePosition) => void;

function compareOrganization(model: OrgModel, live: LiveOrganization, add: Add): void {
    const s = model.organization;
    if (s.rootId !== undefined && s.rootId !== live.rootId) {
        add("organization", `The file names root \`${s.rootId}\`; the organization's root is \`${live.rootId}\`.`, `Set \`organization.rootId: ${live.rootId}\`.`, s.source);
    }
    if (s.managementAccountId !== undefined && s.managementAccountId !== live.managementAccountId) {
        add("organization", `The file names management account \`${s.managementAccountId}\`; AWS says \`${live.managementAccountId}\`.`, `Set \`organization.managementAccountId: "${live.managementAccountId}"\`.`, s.source);
    }
    if (s.featureSet !== live.featureSet) {
        add("organization", `The file sets \`featureSet: ${s.featureSet}\`; the organization has \`${live.featureSet}\`.`, "Set `organization.featureSet` to what AWS has, or change it in AWS first: moving to ALL needs every member to approve.", s.source);
    } else if (s.featureSet === "ALL" && !live.enabledPolicyTypes.includes("SERVICE_CONTROL_POLICY")) {
        add("organization", "SCPs are not enabled on the root in AWS.", "`pulumi up` enables them, and AWS then attaches `FullAWSAccess` everywhere.", s.source);
    }
    const wanted = new Set(s.serviceAccessPrincipals);
    const actual = new Set(live.serviceAccessPrincipals);
    for (const p of [...actual].filter((p) => !wanted.has(p))) {
        add("service-access", `Service \`${p}\` has trusted access in AWS but is not in \`serviceAccessPrincipals\`.`, `\`pulumi up\` disables its access; to keep it, add \`${p}\` to \`organization.serviceAccessPrincipals\`.`, s.source);
    }
    for (const p of [...wanted].filter((p) => !actual.has(p))) {
        add("service-access", `Service \`${p}\` is in \`serviceAccessPrincipals\` but has no trusted access in AWS.`, `\`pulumi up\` enables it; remove \`${p}\` from the file to accept the change.`, s.source);
    }
}

function compareRootAccess(model: OrgModel, live: LiveRootAccess, add: Add): void {
    const s = model.organization;
    for (const key of Object.keys(ROOT_ACCESS_FEATURES) as (keyof typeof ROOT_ACCESS_FEATURES)[]) {
        const feature = ROOT_ACCESS_FEATURES[key];
        if (s.rootAccess[key] && !live[key]) {
            add("root-access", `\`${feature}\` is on in the file (\`rootAccess.${key}\`) but off in AWS.`, `\`pulumi up\` enables it; to accept the change, set \`rootAccess.${key}: false\`.`, s.source);
        } else if (!s.rootAccess[key] && live[key]) {
            add("root-access", `\`${feature}\` is on in AWS but not in the file.`, `Set \`organization.rootAccess.${key}: true\` to keep it (\`npm run import\` writes it); without it, \`pulumi up\` leaves it as it is unless the file managed it before.`, s.source);
        }
    }
}

/** Pairs each declared account with its live account, reporting accounts found on one side only. */
function matchAccounts(model: OrgModel, live: LiveOrganization, add: Add): Map<Account, LiveAccount> {
    const byId = new Map(live.accounts.map((a) => [a.id, a]));
    const byEmail = new Map(live.accounts.map((a) => [a.email.toLowerCase(), a]));
    const matches = new Map<Account, LiveAccount>();
    for (const account of model.allAccounts) {
        const l = account.id !== undefined ? byId.get(account.id) : byEmail.get(account.email.toLowerCase());
        const label = `Account \`${account.name}\``;
        if (l === undefined) {
            if (account.id === undefined) add("account-missing", `${label} does not exist yet.`, "`pulumi up` creates it.", account.source);
            else if (account.invite) add("account-missing", `${label} (${account.id}) has not joined the organization yet.`, "Run `npm run invite`; once the invitation is accepted, `pulumi up` adopts the account.", account.source);
            else add("account-missing", `${label} (${account.id}) is not a member of this organization.`, "Invite it (`invite: true`, then `npm run invite`), or remove it from the file.", account.source);
            continue;
        }
        if (isClosed(l)) {
            add("account-missing", `${label} (${l.id}) is closed in AWS (${l.state}).`, "Remove it from the file: a closed account cannot be managed any more.", account.source);
            continue;
        }
        matches.set(account, l);
        if (account.id === undefined) {
            add("account-not-adopted", `${label} already exists in AWS as \`${l.id}\` (same email), but the file has no \`id\`.`, `Add \`id: "${l.id}"\` so that \`pulumi up\` adopts it; without it, creating the account fails because the email is taken.`, account.source);
        }
        if (l.name !== account.name) {
            add("account-renamed", `${label} (${l.id}) is named \`${l.name}\` in AWS.`, `Set \`name: ${l.name}\` in the file: a name change through \`pulumi up\` replaces the account, which creates a new AWS account.`, account.source);
        }
        if (account.id !== undefined && l.email.toLowerCase() !== account.email.toLowerCase()) {
            add("account-email", `${label} (${l.id}) has email \`${l.email}\` in AWS, not \`${account.email}\`.`, `Set \`email: ${l.email}\` in the file: an email change through \`pulumi up\` replaces the account.`, account.source);
        }
        if (l.ouPath !== account.ouPath) {
            const where = (p: string | null) => (p === null ? "the root" : `\`${p}\``);
            add("account-moved", `${label} is under ${where(l.ouPath)} in AWS, not under ${where(account.ouPath)}.`, `\`pulumi up\` moves it to ${where(account.ouPath)}; to keep it where it is, move it in the file.`, account.source);
        }
    }
    const matched = new Set([...matches.values()]);
    for (const l of live.accounts.filter((a) => !matched.has(a) && !isClosed(a))) {
        add("account-unmanaged", `Account \`${l.name}\` (${l.id}, ${l.email}) is in the organization but not in the file.`, `Add it with \`id: "${l.id}"\` and its exact name and email to manage it (\`npm run import\` writes such entries); \`pulumi up\` leaves it alone.`);
    }
    return matches;
}

function compareDelegations(model: OrgModel, live: LiveOrganization, matches: ReadonlyMap<Account, LiveAccount>, add: Add): void {
    const idOf = new Map([...matches].map(([a, l]) => [a.name, l.id]));
    const nameOf = new Map(live.accounts.map((a) => [a.id, a.name]));
    const declared = new Set<string>();
    for (const d of model.organization.delegatedAdministrators) {
        const id = idOf.get(d.accountName);
        declared.add(`${d.servicePrincipal}/${id ?? ""}`);
        if (id === undefined) continue;
        if (!live.delegatedAdministrators.some((l) => l.servicePrincipal === d.servicePrincipal && l.accountId === id)) {
            add("delegation-missing", `\`${d.servicePrincipal}\` is not delegated to \`${d.accountName}\` (${id}) in AWS.`, `\`pulumi up\` registers the account as its delegated administrator; remove the entry to accept the change.`, d.source);
        }
    }
    for (const l of live.delegatedAdministrators.filter((l) => !declared.has(`${l.servicePrincipal}/${l.accountId}`))) {
        const account = nameOf.get(l.accountId) ?? l.accountId;
        const wanted = model.organization.delegatedAdministrators.find((d) => d.servicePrincipal === l.servicePrincipal);
        add(
            "delegation-unmanaged",
            `\`${l.servicePrincipal}\` is delegated to \`${account}\` (${l.accountId}) in AWS, which the file does not say.`,
            wanted === undefined
                ? `\`pulumi up\` leaves it registered; to manage it, add \`${l.servicePrincipal}: ${account}\` to \`organization.delegatedAdministrators\`, or deregister it in AWS.`
                : `The file delegates it to \`${wanted.accountName}\`; \`pulumi up\` leaves this registration alone, and most services take one delegated administrator: deregister \`${account}\` first (\`aws organizations deregister-delegated-administrator\`), or name \`${account}\` in the file.`,
            wanted?.source ?? model.organization.source,
        );
    }
}

/** The contacts the file sets, for each account matched: those AWS has otherwise, or not at all. */
function compareContacts(matches: ReadonlyMap<Account, LiveAccount>, contacts: ReadonlyMap<string, LiveAlternateContacts>, add: Add): void {
    for (const [account, l] of matches) {
        for (const type of ALTERNATE_CONTACT_TYPES) {
            const wanted = account.alternateContacts[type];
            if (wanted === undefined) continue;
            const actual = contacts.get(l.id)?.[type];
            const same = actual !== undefined && actual.name === wanted.name && actual.title === wanted.title && actual.email === wanted.email && actual.phone === wanted.phone;
            if (same) continue;
            const now = actual === undefined ? "none" : `${actual.name} (${actual.title}), ${actual.email}, ${actual.phone}`;
            add(
                "contact-changed",
                `The ${type} contact of \`${account.name}\` (${l.id}) is ${now} in AWS, not ${wanted.name} (${wanted.title}), ${wanted.email}, ${wanted.phone}.`,
                `\`pulumi up\` puts the file's contact back; to keep AWS's, write it into the file.`,
                wanted.source,
            );
        }
    }
}

function compareScps(model: OrgModel, live: LiveOrganization, add: Add): void {
    const liveByName = new Map(live.policies.filter((p) => !p.awsManaged && livePolicyType(p) === "SERVICE_CONTROL_POLICY").map((p) => [p.name, p]));
    const declared = [...model.policies.values()].filter((p) => !p.awsManaged);
    for (const scp of declared) {
        const l = liveByName.get(scp.name);
        if (l === undefined) add("scp-missing", `SCP \`${scp.name}\` is not in AWS.`, "`pulumi up` creates it.", scp.source);
        else if (scp.external) {
            // Its owner edits it: reported so that the file's copy (which the analyses read) follows, never undone.
            if (scp.file !== undefined && !samePolicy(l.content, scp.content)) {
                add("scp-changed", `External SCP \`${scp.name}\` (${l.id}) has different content in AWS than its copy in \`${scp.file}\`.`, `\`pulumi up\` leaves it as its owner made it; copy the document AWS has into \`${scp.file}\` so that \`npm run effective\` and the guardrails see it (\`npm run import\` writes it).`, scp.source);
            }
        } else if (!samePolicy(l.content, scp.content)) {
            const fix = scp.file === undefined
                ? "`pulumi up` puts the built-in version back."
                : `\`pulumi up\` puts the file's version back; to keep the AWS version, copy the document AWS has into \`${scp.file}\` (\`aws organizations describe-policy --policy-id ${l.id} --query Policy.Content --output text\` prints it), or edit the SCP in AWS back to the file's version.`;
            add("scp-changed", `SCP \`${scp.name}\` (${l.id}) has different content in AWS than ${scp.file === undefined ? "its built-in document" : "its policy file"}.`, fix, scp.source);
        }
    }
    const names = new Set(declared.map((p) => p.name));
    for (const l of [...liveByName.values()].filter((p) => !names.has(p.name))) {
        const manager = externalManager(l.name, l.tags);
        const fix = manager === undefined
            ? "Add it to `policies` to manage it, or delete it in AWS; `pulumi up` leaves it alone."
            : `${manager} manages it: add it to \`policies\` with \`external: true\` and \`id: ${l.id}\` (\`npm run import\` writes it); \`pulumi up\` never edits or detaches it.`;
        add("scp-unmanaged", `SCP \`${l.name}\` (${l.id}) exists in AWS but not in the file.`, fix);
    }
}

function sortByKind(items: DriftItem[]): DriftItem[] {
    const order = Object.keys(DRIFT_KINDS);
    return items.map((item, i) => ({ item, i })).sort((a, b) => order.indexOf(a.item.kind) - order.indexOf(b.item.kind) || a.i - b.i).map(({ item }) => item);
}
