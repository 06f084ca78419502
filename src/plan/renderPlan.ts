import { renderIdentityCenter } from "./renderIdentityCenter";
import { renderSettings } from "./renderSettings";
import { CapturedResource, Violation } from "./types";
import { TYPES } from "../../policypacks/aws-org-guardrails/core/names";
import { Diagnostic, formatDiagnostic } from "../diagnostics/diagnostic";
import { Account, FULL_AWS_ACCESS, OrganizationalUnit, OrgModel, PolicyTarget } from "../model/types";


export interface PlanReport {
    readonly file: string;
    readonly model: OrgModel;
    readonly resources: readonly CapturedResource[];
    readonly violations: readonly Violation[];
    readonly warnings: readonly Diagnostic[];
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
    const action = (r: CapturedResource | undefined) => (r === undefined ? "" : r.options.import ? `adopt ${r.options.import}` : "create");
    const lines: string[] = [];
    const custom = resources.filter((r) => r.custom);
    const adopted = custom.filter((r) => r.options.import !== undefined).length;
    lines.push(`Plan for ${report.file}: ${custom.length - adopted} to create, ${adopted} to adopt (import), ${resources.length - custom.length} components`);
    lines.push("");

    const org = find(TYPES.organization, "organization");
    const settings = model.organization;
    lines.push(`organization  ${action(org)}  featureSet ${settings.featureSet}${settings.featureSet === "ALL" ? ", SCPs enabled" : ""}${settings.serviceAccessPrincipals.length ? `, trusts ${settings.serviceAccessPrincipals.join(", ")}` : ""}`);
    lines.push(`└─ root  ${scps(model.root, find(TYPES.scpAttachments, "root"))}`);
    const walk = (ous: readonly OrganizationalUnit[], accounts: readonly Account[], indent: string) => {
        const items = [...accounts, ...ous];
        items.forEach((item, i) => {
            const last = i === items.length - 1;
            const branch = `${indent}${last ? "└─" : "├─"}`;
            if ("email" in item) {
                const notes = [item.email, item.isManagementAccount ? "management account: SCPs do not apply" : "", item.retired ? "retired" : ""].filter(Boolean).join(", ");
                const status = item.invite ? "invited (managed once it has joined and `invite: true` is removed)" : action(find(TYPES.account, item.name));
                lines.push(`${branch} account ${item.name}  ${status}  (${notes})  ${scps(item, find(TYPES.scpAttachments, `account/${item.name}`))}`);
                return;
            }
            lines.push(`${branch} OU ${item.path}  ${action(find(TYPES.organizationalUnit, item.path))}  ${scps(item, find(TYPES.scpAttachments, `ou/${item.path}`))}`);
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
        lines.push(`  ${p.name}  ${status}  ${shape}${p.description ? `  ${p.description}` : ""}`);
    }

    const created = custom.filter((r) => r.type === TYPES.account && r.options.import === undefined);
    if (created.length > 0) {
        const chains = created.filter((r) => !r.options.dependsOn.some((d) => created.some((c) => c.urn === d))).length;
        lines.push("");
        lines.push(`Account creation: ${created.length} new account${created.length === 1 ? "" : "s"} in ${chains} parallel chain${chains === 1 ? "" : "s"} (limit ${settings.limits.concurrentAccountCreations} at once): ${Math.ceil(created.length / Math.max(chains, 1))} round${created.length > chains ? "s" : ""}.`);
    }

    if (model.organization.featureSet === "ALL") lines.push("", ...renderSettings(model));
    if (model.identityCenter !== undefined) lines.push("", ...renderIdentityCenter(model.identityCenter));

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

/** The SCP set of a target, and whether FullAWSAccess is detached there. */
function scps(target: PolicyTarget, attachments: CapturedResource | undefined): string {
    const list = target.policies.join(", ");
    if (attachments === undefined) return `SCPs: ${list} (AWS default)`;
    const detached = target.policies.includes(FULL_AWS_ACCESS) ? "" : "; FullAWSAccess detached";
    return `SCPs: ${list} (exact set${detached})`;
}
