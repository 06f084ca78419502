import { ChangeOp, countOps, PropertyDiff, renameHints, ResourceChange, UNKNOWN_VALUE } from "./changes";
import { SecretValue, SECRET_TEXT } from "./deployedResource";
import { renderIdentityCenter } from "./renderIdentityCenter";
import { renderSettings } from "./renderSettings";
import { CapturedResource, Violation } from "./types";
import { TYPES } from "../../policypacks/aws-org-guardrails/core/names";
import { Diagnostic, formatDiagnostic } from "../diagnostics/diagnostic";
import { Account, FULL_AWS_ACCESS, OrganizationalUnit, OrgModel, PolicyTarget } from "../model/types";
import { POLICY_TYPE_FACTS, POLICY_TYPES, policyTypeOfApiName } from "../../policypacks/aws-org-guardrails/core/policyTypes";


export interface PlanReport {
    readonly file: string;
    readonly model: OrgModel;
    readonly resources: readonly CapturedResource[];
    readonly violations: readonly Violation[];
    readonly warnings: readonly Diagnostic[];
    /** What `pulumi up` does to each resource (every one created or adopted without a before). */
    readonly changes: readonly ResourceChange[];
    /** What the changes are measured against (`origin/main`, a stack export); undefined: an empty state. */
    readonly against?: string;
    /** More sections, printed before the guardrails (the permission impact). */
    readonly sections?: readonly string[];
}

/** Pulumi's markers for what happens to a resource. */
export const MARKERS: Readonly<Record<ChangeOp, string>> = { create: "+", update: "~", replace: "±", delete: "-", adopt: "→", same: " " };

/** Worst first: the marker of a node with several resources is its worst change. */
const SEVERITY: readonly ChangeOp[] = ["replace", "delete", "update", "create", "adopt", "same"];

/** The summary line: `+ 3 to create, ~ 1 to update, … 40 unchanged`. */
export function summaryLine(changes: readonly ResourceChange[]): string {
    const n = countOps(changes);
    const parts = [
        n.create > 0 ? `+ ${n.create} to create` : "",
        n.update > 0 ? `~ ${n.update} to update` : "",
        n.replace > 0 ? `± ${n.replace} to replace` : "",
        n.delete > 0 ? `- ${n.delete} to delete` : "",
        n.adopt > 0 ? `→ ${n.adopt} to adopt (import)` : "",
        `${n.same} unchanged`,
    ].filter(Boolean);
    return parts.join(", ");
}

/** A value of a diff as the review prints it. */
export function shown(value: unknown): string {
    if (value === undefined) return "(none)";
    if (value instanceof SecretValue) return SECRET_TEXT;
    if (value === UNKNOWN_VALUE) return "(known after apply)";
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** A long text (a policy document) is summed up by its length: the permission impact says what it means. */
function longText(old: unknown, now: unknown): string | undefined {
    if (typeof old !== "string" || typeof now !== "string" || Math.max(old.length, now.length) <= 120) return undefined;
    return `changed (${old.length} → ${now.length} characters)`;
}

/** How one input changes: `old → new`, or a long text summed up. */
export function diffValue(d: PropertyDiff): string {
    return longText(d.old, d.new) ?? `${shown(d.old)} → ${shown(d.new)}`;
}

/** Lines that say how each input of a change changes. */
export function diffLines(change: ResourceChange, indent: string): string[] {
    return change.diffs.map((d) => `${indent}${d.replaces ? "±" : "~"} ${d.property}: ${diffValue(d)}${d.replaces ? `  (replaces: ${d.because ?? "the provider cannot change it in place"})` : ""}`);
}

/**
 * The plan as a person reads it: the organization as a tree (root → OUs → accounts) with the
 * exact SCP set of every node and what `pulumi up` does to it, then the SCP library, the
 * account creation schedule, guardrail violations and warnings.
 */
export function renderPlan(report: PlanReport): string {
    const { model, resources } = report;
    const byKey = new Map(resources.map((r) => [`${r.type}::${r.name}`, r]));
    const find = (type: string, name: string) => byKey.get(`${type}::${name}`);
    const changeOf = new Map(report.changes.flatMap((c) => (c.after === undefined ? [] : [[c.after, c] as const])));
    const action = (r: CapturedResource | undefined) => {
        const change = r === undefined ? undefined : changeOf.get(r);
        if (r === undefined || change === undefined) return "";
        if (change.op === "adopt") return `adopt ${r.options.import ?? ""}`;
        return change.op === "same" ? "unchanged" : change.op;
    };
    /** The marker of a tree node: its resources' worst change. */
    const marker = (...rs: (CapturedResource | undefined)[]) => {
        const ops = rs.flatMap((r) => {
            const c = r === undefined ? undefined : changeOf.get(r);
            return c === undefined ? [] : [c.op];
        });
        return MARKERS[SEVERITY.find((op) => ops.includes(op)) ?? "same"];
    };
    const details = (indent: string, ...rs: (CapturedResource | undefined)[]) =>
        rs.flatMap((r) => {
            const c = r === undefined ? undefined : changeOf.get(r);
            return c === undefined ? [] : diffLines(c, indent);
        });
    const lines: string[] = [];
    const custom = resources.filter((r) => r.custom);
    lines.push(`${report.against === undefined ? "Plan" : "Change review"} for ${report.file}${report.against === undefined ? " (on an empty state)" : ` against ${report.against}`}: ${summaryLine(report.changes)} (${resources.length - custom.length} components among them)`);
    lines.push("");

    const org = find(TYPES.organization, "organization");
    const rootSet = find(TYPES.scpAttachments, "root");
    const settings = model.organization;
    const otherTypes = settings.enabledPolicyTypes.map((t) => policyTypeOfApiName(t) ?? t);
    lines.push(`${marker(org)} organization  ${action(org)}  featureSet ${settings.featureSet}${settings.featureSet === "ALL" ? `, SCPs${otherTypes.length > 0 ? ` and ${otherTypes.join(", ")}` : ""} enabled` : ""}${settings.serviceAccessPrincipals.length ? `, trusts ${settings.serviceAccessPrincipals.join(", ")}` : ""}`);
    lines.push(...details("      ", org));
    lines.push(`${marker(rootSet)} └─ root  ${scps(model.root, rootSet)}`);
    lines.push(...details("        ", rootSet));
    const walk = (ous: readonly OrganizationalUnit[], accounts: readonly Account[], indent: string) => {
        const items = [...accounts, ...ous];
        items.forEach((item, i) => {
            const last = i === items.length - 1;
            const branch = `${indent}${last ? "└─" : "├─"}`;
            const more = `  ${indent}${last ? "   " : "│  "}  `;
            if ("email" in item) {
                const notes = [item.email, item.isManagementAccount ? "management account: SCPs do not apply" : "", item.retired ? "retired" : ""].filter(Boolean).join(", ");
                const resource = find(TYPES.account, item.key);
                const set = find(TYPES.scpAttachments, `account/${item.key}`);
                const status = item.invite ? "invited (managed once it has joined and `invite: true` is removed)" : action(resource);
                lines.push(`${marker(resource, set)} ${branch} account ${item.name}  ${status}  (${notes})  ${scps(item, set)}`);
                lines.push(...details(more, resource, set));
                return;
            }
            const resource = find(TYPES.organizationalUnit, item.key);
            const set = find(TYPES.scpAttachments, `ou/${item.key}`);
            lines.push(`${marker(resource, set)} ${branch} OU ${item.path}  ${action(resource)}  ${scps(item, set)}`);
            lines.push(...details(more, resource, set));
            walk(item.organizationalUnits, item.accounts, `${indent}${last ? "   " : "│  "}`);
        });
    };
    walk(model.organizationalUnits, model.accounts, "   ");

    lines.push("");
    const library = [...model.policies.values()].filter((p) => !p.awsManaged);
    lines.push(`SCP library (${library.length}):`);
    for (const p of library) {
        const r = find(TYPES.policy, p.name);
        const status = p.external ? `external ${p.id ?? ""}, never edited or detached` : action(r);
        const shape = p.external && p.file === undefined ? "document not in the file" : `${p.strategy}, ${p.content.length}/${settings.limits.scpMaxChars} characters`;
        lines.push(`${marker(r)} ${p.name}  ${status}  ${shape}${p.description ? `  ${p.description}` : ""}`);
        lines.push(...details("    ", r));
    }
    const others = [...model.otherPolicies.values()].filter((p) => !p.awsManaged);
    if (others.length > 0) {
        lines.push(`Other policies (${others.length}):`);
        for (const p of others) {
            const r = find(TYPES.policy, p.name);
            lines.push(`${marker(r)} ${p.name}  ${action(r)}  ${POLICY_TYPE_FACTS[p.type].label}, ${p.content.length}/${POLICY_TYPE_FACTS[p.type].maxChars} characters${p.description ? `  ${p.description}` : ""}`);
            lines.push(...details("    ", r));
        }
    }

    const gone = report.changes.filter((c) => c.op === "delete");
    if (gone.length > 0) {
        lines.push("", `To delete (${gone.length}), no longer in the file:`);
        for (const c of gone) lines.push(`- ${c.name}  [${c.type}]${c.before?.protect === true ? "  protected: `pulumi up` stops here (unprotect it first, e.g. with `retired: true`)" : ""}`);
    }
    const hints = renameHints(report.changes);
    if (hints.length > 0) {
        lines.push("", "Renames without an alias (Pulumi would create a new account and delete the old one):");
        for (const h of hints) lines.push(`  account ${h.created.name} looks like ${h.deleted.name} renamed: add \`${h.line}\` to account ${h.created.name} to keep it in place`);
    }
    const otherChanges = report.changes.filter((c) => c.after !== undefined && c.custom && c.op !== "same" && !TREE_TYPES.has(c.type));
    if (report.against !== undefined && otherChanges.length > 0) {
        lines.push("", "Other changes:");
        for (const c of otherChanges) lines.push(`${MARKERS[c.op]} ${c.name}  ${c.op}  [${c.type}]`, ...diffLines(c, "    "));
    }

    // Accounts AWS creates: new ones, and those a change replaces.
    const created = custom.filter((r) => r.type === TYPES.account && (changeOf.get(r)?.op === "create" || changeOf.get(r)?.op === "replace"));
    if (created.length > 0) {
        const chains = created.filter((r) => !r.options.dependsOn.some((d) => created.some((c) => c.urn === d))).length;
        lines.push("");
        lines.push(`Account creation: ${created.length} new account${created.length === 1 ? "" : "s"} in ${chains} parallel chain${chains === 1 ? "" : "s"} (limit ${settings.limits.concurrentAccountCreations} at once): ${Math.ceil(created.length / Math.max(chains, 1))} round${created.length > chains ? "s" : ""}.`);
    }

    if (model.organization.featureSet === "ALL") lines.push("", ...renderSettings(model));
    // What Identity Center will hold; a change review lists its changes under "Other changes" instead.
    if (model.identityCenter !== undefined && report.against === undefined) lines.push("", ...renderIdentityCenter(model.identityCenter));
    for (const section of report.sections ?? []) lines.push("", section);

    lines.push("");
    const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
    if (report.violations.length === 0) lines.push("Guardrails: no violations.");
    else {
        lines.push(`Guardrails: ${mandatory.length} mandatory, ${report.violations.length - mandatory.length} advisory violation(s):`);
        for (const v of report.violations) lines.push(`  [${v.enforcementLevel}] ${v.policy}${v.resource ? ` (${v.resource})` : ""}: ${v.message}`);
    }
    if (report.warnings.length > 0) {
        lines.push("");
        lines.push("Warnings:");
        for (const w of report.warnings) lines.push(`  ${formatDiagnostic(w)}`);
    }
    return lines.join("\n");
}

/** Types the tree and the policy lists show, so that other changes are listed apart. */
const TREE_TYPES: ReadonlySet<string> = new Set([TYPES.organization, TYPES.organizationalUnit, TYPES.account, TYPES.policy, TYPES.scpAttachments]);

/** The SCP set of a target, and whether FullAWSAccess is detached there; then the sets of the other types it lists. */
function scps(target: PolicyTarget, attachments: CapturedResource | undefined): string {
    const list = target.policies.join(", ");
    const others = POLICY_TYPES.flatMap((type) => {
        const names = type === "SCP" ? undefined : target.otherPolicies[type];
        return names === undefined ? [] : [`  ${type === "RCP" ? "RCPs" : POLICY_TYPE_FACTS[type].label.replace(/ policy$/, " policies").replace(/^./, (c) => c.toUpperCase())}: ${names.join(", ")} (exact set)`];
    }).join("");
    if (attachments === undefined) return `SCPs: ${list} (AWS default)${others}`;
    const detached = target.policies.includes(FULL_AWS_ACCESS) ? "" : "; FullAWSAccess detached";
    return `SCPs: ${list} (exact set${detached})${others}`;
}
