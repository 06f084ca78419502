import { isClosed, LiveOrganization } from "./liveOrganization";
import { kebabCase } from "./orgFileFromLive";
import { LiveIdentityCenter, LivePermissionSet } from "./readLiveIdentityCenter";
import { RawIdentityCenter, RawPermissionSet } from "../config/identityCenterSchema";
import { awsManagedPolicy } from "../identity/managedPolicies";

/** The `identityCenter:` section made from a live Identity Center, its inline policy files, and what the user should know. */
export interface ImportedIdentityCenter {
    readonly section: RawIdentityCenter;
    /** Inline policy documents by path relative to the org file. */
    readonly policyFiles: ReadonlyMap<string, string>;
    readonly notices: readonly string[];
}

/**
 * Describes a live Identity Center as the org file writes it: every permission set with its
 * `arn` (so that `pulumi up` adopts it), policies by name, inline policies in
 * `policies/permission-sets/*.json`; the groups that hold access, looked up by name (not
 * created: they may come from an identity provider); and each group's access, as the
 * highest OUs whose every account has it (`/` for all of them), then single accounts.
 */
export function identityCenterFromLive(ic: LiveIdentityCenter, live: LiveOrganization): ImportedIdentityCenter {
    const notices = [...ic.notices];
    const policyFiles = new Map<string, string>();
    const permissionSets = new Map<string, RawPermissionSet>();
    const byArn = new Map<string, LivePermissionSet>();
    for (const ps of [...ic.permissionSets].sort((a, b) => compareText(a.name, b.name))) {
        byArn.set(ps.arn, ps);
        let inlinePolicy: string | undefined;
        if (ps.inlinePolicy !== undefined) {
            inlinePolicy = `policies/permission-sets/${kebabCase(ps.name) || "permission-set"}.json`;
            policyFiles.set(inlinePolicy, prettyJson(ps.inlinePolicy));
        }
        const b = ps.permissionsBoundary;
        permissionSets.set(ps.name, {
            arn: ps.arn,
            description: ps.description,
            managedPolicies: emptyToUndefined(ps.managedPolicyArns.map((arn) => awsManagedPolicy(arn)?.name ?? arn)),
            customerManagedPolicies: emptyToUndefined(ps.customerManagedPolicies.map((c) => (c.path === "/" ? c.name : { name: c.name, path: c.path }))),
            inlinePolicy,
            permissionsBoundary: b === undefined || b === "unknown" ? undefined : "managedPolicyArn" in b ? { managedPolicy: awsManagedPolicy(b.managedPolicyArn)?.name ?? b.managedPolicyArn } : { customerManagedPolicy: b.customerManagedPolicy.name, path: b.customerManagedPolicy.path === "/" ? undefined : b.customerManagedPolicy.path },
            sessionDuration: ps.sessionDuration === "PT1H" ? undefined : ps.sessionDuration,
            relayState: ps.relayState,
        });
    }

    const accounts = live.accounts.filter((a) => !isClosed(a));
    const accountById = new Map(accounts.map((a) => [a.id, a]));
    const groupName = new Map(ic.groups.map((g) => [g.id, g.name]));
    const held = new Map<string, { group: string; permissionSet: string; accountIds: Set<string> }>();
    for (const a of ic.assignments) {
        const ps = byArn.get(a.permissionSetArn);
        const group = groupName.get(a.groupId);
        if (ps === undefined || group === undefined) continue;
        if (!accountById.has(a.accountId)) {
            notices.push(`Group \`${group}\` has \`${ps.name}\` in account ${a.accountId}, which is not an active member of the organization; left out.`);
            continue;
        }
        const k = `${group}\n${ps.name}`;
        const entry = held.get(k) ?? { group, permissionSet: ps.name, accountIds: new Set<string>() };
        entry.accountIds.add(a.accountId);
        held.set(k, entry);
    }
    const assignments = [...held.values()]
        .sort((a, b) => compareText(a.group, b.group) || compareText(a.permissionSet, b.permissionSet))
        .map((h) => ({ group: h.group, permissionSet: h.permissionSet, targets: targetsCovering(h.accountIds, live) }));
    const groups = [...new Set(assignments.map((a) => a.group))].sort(compareText);
    const unused = ic.groups.length - groups.length;
    if (unused > 0) notices.push(`${unused} group${unused === 1 ? "" : "s"} of the identity store hold${unused === 1 ? "s" : ""} no access to an account and ${unused === 1 ? "is" : "are"} left out of \`identityCenter.groups\`.`);
    return {
        section: {
            region: ic.region,
            permissionSets: permissionSets.size === 0 ? undefined : permissionSets,
            groups: emptyToUndefined(groups),
            assignments: emptyToUndefined(assignments),
        },
        policyFiles,
        notices,
    };
}

/** The fewest targets that cover exactly these accounts: `/`, else the highest OUs all of whose accounts are in, then the rest by name. */
function targetsCovering(ids: ReadonlySet<string>, live: LiveOrganization): string[] {
    const active = live.accounts.filter((a) => !isClosed(a));
    if (active.length > 0 && active.every((a) => ids.has(a.id))) return ["/"];
    const below = (path: string) => active.filter((a) => a.ouPath !== null && (a.ouPath === path || a.ouPath.startsWith(`${path}/`)));
    const covered = new Set<string>();
    const targets: string[] = [];
    // Parents come before children, so the highest covering OU is found first.
    for (const ou of live.organizationalUnits) {
        const accounts = below(ou.path);
        if (accounts.length === 0 || accounts.some((a) => covered.has(a.id)) || !accounts.every((a) => ids.has(a.id))) continue;
        targets.push(ou.path);
        for (const a of accounts) covered.add(a.id);
    }
    const rest = active.filter((a) => ids.has(a.id) && !covered.has(a.id)).map((a) => a.name).sort(compareText);
    return [...targets.sort(compareText), ...rest];
}

function prettyJson(content: string): string {
    try {
        return `${JSON.stringify(JSON.parse(content), null, 2)}\n`;
    } catch {
        return content;
    }
}

function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function emptyToUndefined<T>(list: T[]): T[] | undefined {
    return list.length === 0 ? undefined : list;
}
