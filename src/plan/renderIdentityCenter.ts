import { IdentityCenterModel, PermissionSet } from "../model/identityCenter";

/** The Identity Center block of the plan: permission sets with their policies, groups, and who gets what where. */
export function renderIdentityCenter(ic: IdentityCenterModel): string[] {
    const lines = [
        `Identity Center (${ic.region === undefined ? "the stack's Region" : ic.region}; the instance is read, never created): ${ic.permissionSets.size} permission set${ic.permissionSets.size === 1 ? "" : "s"}, ${ic.groups.size} group${ic.groups.size === 1 ? "" : "s"}, ${ic.assignments.length} account assignment${ic.assignments.length === 1 ? "" : "s"}`,
    ];
    for (const ps of ic.permissionSets.values()) lines.push(`  permission set ${ps.name}  create  ${policiesOf(ps)}; sessions ${ps.sessionDuration}${ps.ready !== undefined ? `  (ready: ${ps.ready})` : ""}`);
    for (const g of ic.groups.values()) lines.push(`  group ${g.name}  ${g.create ? "create" : "look up by name in the identity store"}`);
    for (const rule of ic.rules) {
        const accounts = ic.assignments.filter((a) => a.group === rule.group && a.permissionSet === rule.permissionSet && rule.targets.includes(a.via)).length;
        lines.push(`  ${rule.group} → ${rule.permissionSet} in ${accounts} account${accounts === 1 ? "" : "s"} (${rule.targets.join(", ")})`);
    }
    return lines;
}

function policiesOf(ps: PermissionSet): string {
    const parts = [
        ...ps.managedPolicies.map((p) => p.name),
        ...ps.customerManagedPolicies.map((c) => `${c.path}${c.name} (customer managed)`),
        ...(ps.inlinePolicy === undefined ? [] : ["inline policy"]),
    ];
    const boundary = ps.permissionsBoundary === undefined ? "" : `, boundary ${ps.permissionsBoundary.kind === "managed" ? ps.permissionsBoundary.policy.name : `${ps.permissionsBoundary.policy.path}${ps.permissionsBoundary.policy.name}`}`;
    return `${parts.length === 0 ? "no policy" : parts.join(" + ")}${boundary}`;
}
