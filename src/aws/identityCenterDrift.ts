import { DriftItem, DriftKind } from "./drift";
import { LiveOrganization } from "./liveOrganization";
import { samePolicy } from "./policyEquivalence";
import { LiveIdentityCenter, LivePermissionSet } from "./readLiveIdentityCenter";
import { PermissionSet } from "../model/identityCenter";
import { OrgModel, SourcePosition } from "../model/types";

/** Account id by account name: the file's id, or the live account with the same email. */
export function accountIdsOf(model: OrgModel, live: LiveOrganization): Map<string, string> {
    const byEmail = new Map(live.accounts.map((a) => [a.email.toLowerCase(), a.id]));
    const ids = new Map<string, string>();
    for (const a of model.allAccounts) {
        const id = a.id ?? byEmail.get(a.email.toLowerCase());
        if (id !== undefined) ids.set(a.name, id);
    }
    return ids;
}

/**
 * What differs between the file's `identityCenter` and the live Identity Center: permission
 * sets on one side only or changed (policies, inline policy, session, relay state, boundary),
 * groups the file looks up that do not exist, and access (group, permission set, account)
 * granted on one side only. Permission sets are matched by name, groups by display name.
 */
export function detectIdentityCenterDrift(model: OrgModel, live: LiveIdentityCenter, accountIds: ReadonlyMap<string, string>): DriftItem[] {
    const ic = model.identityCenter;
    if (ic === undefined) return [];
    const items: DriftItem[] = [];
    const add = (kind: DriftKind, message: string, fix: string, source?: SourcePosition) => items.push({ kind, message, fix, ...(source !== undefined ? { source } : {}) });
    const liveByName = new Map(live.permissionSets.map((p) => [p.name, p]));
    for (const ps of ic.permissionSets.values()) {
        const l = liveByName.get(ps.name);
        if (l === undefined) add("permission-set-missing", `Permission set \`${ps.name}\` is not in Identity Center.`, "`pulumi up` creates it.", ps.source);
        else for (const change of permissionSetChanges(ps, l)) add("permission-set-changed", `Permission set \`${ps.name}\`: ${change}.`, "`pulumi up` puts the file's version back; to keep the change, write it into the file.", ps.source);
    }
    for (const l of live.permissionSets.filter((p) => !ic.permissionSets.has(p.name))) {
        add("permission-set-unmanaged", `Permission set \`${l.name}\` exists in Identity Center but not in the file.`, "Add it to `identityCenter.permissionSets` (with its `arn`) to manage it; `pulumi up` leaves it alone.");
    }
    const groupIds = new Map(live.groups.map((g) => [g.name, g.id]));
    const groupNames = new Map(live.groups.map((g) => [g.id, g.name]));
    for (const g of ic.groups.values()) {
        if (!g.create && !groupIds.has(g.name)) add("group-missing", `Group \`${g.name}\` is not in the identity store, and the file looks it up rather than creating it.`, "Create it (or sync it from your identity provider), or give it `create: true`; until then `pulumi up` fails to find it.", g.source);
    }
    const psNames = new Map(live.permissionSets.map((p) => [p.arn, p.name]));
    const accountNames = new Map([...accountIds].map(([name, id]) => [id, name]));
    const key = (ps: string, group: string, accountId: string) => `${ps}\n${group}\n${accountId}`;
    const liveKeys = new Set(live.assignments.map((a) => key(psNames.get(a.permissionSetArn) ?? a.permissionSetArn, groupNames.get(a.groupId) ?? a.groupId, a.accountId)));
    const wanted = new Set<string>();
    for (const a of ic.assignments) {
        const accountId = accountIds.get(a.account);
        if (accountId === undefined) continue;
        const k = key(a.permissionSet, a.group, accountId);
        wanted.add(k);
        if (!liveKeys.has(k)) add("assignment-missing", `Group \`${a.group}\` does not have \`${a.permissionSet}\` in account \`${a.account}\` (${accountId}).`, "`pulumi up` assigns it.", a.source);
    }
    for (const a of live.assignments) {
        const ps = psNames.get(a.permissionSetArn) ?? a.permissionSetArn;
        const group = groupNames.get(a.groupId) ?? a.groupId;
        if (wanted.has(key(ps, group, a.accountId))) continue;
        const account = accountNames.get(a.accountId);
        add(
            "assignment-unmanaged",
            `Group \`${group}\` has \`${ps}\` in account ${account === undefined ? a.accountId : `\`${account}\` (${a.accountId})`}, which the file does not grant.`,
            `Add it to \`identityCenter.assignments\` to keep it, or remove it in Identity Center: \`pulumi up\` does not remove access it did not grant.`,
        );
    }
    return items;
}

/** The differences of one permission set, one phrase each. */
function permissionSetChanges(ps: PermissionSet, live: LivePermissionSet): string[] {
    const changes: string[] = [];
    const wantedManaged = new Set(ps.managedPolicies.map((p) => p.arn));
    const liveManaged = new Set(live.managedPolicyArns);
    for (const arn of liveManaged) if (!wantedManaged.has(arn)) changes.push(`managed policy \`${arn}\` is attached in AWS, not in the file`);
    for (const arn of wantedManaged) if (!liveManaged.has(arn)) changes.push(`managed policy \`${arn}\` is in the file, not attached in AWS`);
    const ref = (c: { name: string; path: string }) => `${c.path}${c.name}`;
    const wantedCustomer = new Set(ps.customerManagedPolicies.map(ref));
    const liveCustomer = new Set(live.customerManagedPolicies.map(ref));
    for (const c of liveCustomer) if (!wantedCustomer.has(c)) changes.push(`customer managed policy \`${c}\` is attached in AWS, not in the file`);
    for (const c of wantedCustomer) if (!liveCustomer.has(c)) changes.push(`customer managed policy \`${c}\` is in the file, not attached in AWS`);
    if (ps.inlinePolicy === undefined && live.inlinePolicy !== undefined) changes.push("it has an inline policy in AWS, none in the file");
    else if (ps.inlinePolicy !== undefined && live.inlinePolicy === undefined) changes.push("its inline policy is missing in AWS");
    else if (ps.inlinePolicy !== undefined && live.inlinePolicy !== undefined && !samePolicy(live.inlinePolicy, ps.inlinePolicy.content)) changes.push("its inline policy differs from the file's");
    if (live.sessionDuration !== ps.sessionDuration) changes.push(`sessions last \`${live.sessionDuration}\` in AWS, \`${ps.sessionDuration}\` in the file`);
    if ((live.relayState ?? "") !== (ps.relayState ?? "")) changes.push(`its relay state is \`${live.relayState ?? "(none)"}\` in AWS, \`${ps.relayState ?? "(none)"}\` in the file`);
    if (live.permissionsBoundary !== "unknown") {
        const b = ps.permissionsBoundary;
        const wanted = b === undefined ? "(none)" : b.kind === "managed" ? b.policy.arn : ref(b.policy);
        const l = live.permissionsBoundary;
        const actual = l === undefined ? "(none)" : "managedPolicyArn" in l ? l.managedPolicyArn : ref(l.customerManagedPolicy);
        if (wanted !== actual) changes.push(`its permissions boundary is \`${actual}\` in AWS, \`${wanted}\` in the file`);
    }
    return changes;
}
