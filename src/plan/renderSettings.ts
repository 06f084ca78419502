import * as path from "path";
import { DELEGATED_SERVICES } from "../model/delegatedServices";
import { REGION_OPT_CONCURRENCY } from "../model/accountSettings";
import { rootAccessFeatures } from "../model/rootAccess";
import { ALTERNATE_CONTACT_TYPES, OrgModel } from "../model/types";

/** The organization-wide settings as the plan shows them, one line each; empty when the file sets none. */
export function renderSettings(model: OrgModel): string[] {
    const s = model.organization;
    const lines: string[] = [];
    const features = rootAccessFeatures(s.rootAccess);
    const effect = s.rootAccess.credentialsManagement ? "new accounts are created without root credentials" : "member accounts keep their root credentials";
    lines.push(features.length > 0 ? `  root access: ${features.join(", ")} (${effect})` : "  root access: off, each member account keeps its own root user (`organization.rootAccess`)");
    for (const d of s.delegatedAdministrators) {
        const service = DELEGATED_SERVICES.get(d.servicePrincipal);
        const own = service?.designatedBy === undefined ? "" : `; designate it in ${service.service} too (\`${service.designatedBy}\`, per Region)`;
        lines.push(`  delegated administrator: ${d.servicePrincipal} → ${d.accountName}${own}`);
    }
    if (s.resourcePolicy !== undefined) lines.push(`  resource policy: ${path.basename(s.resourcePolicy.file)} (delegated policy management, ${s.resourcePolicy.content.length} characters)`);
    for (const type of ALTERNATE_CONTACT_TYPES) {
        const count = model.allAccounts.filter((a) => !a.invite && a.alternateContacts[type] !== undefined).length;
        if (count > 0) lines.push(`  ${type} contact: set in ${count} account${count === 1 ? "" : "s"}`);
    }
    const regions = model.allAccounts.filter((a) => !a.invite).flatMap((a) => a.optInRegions);
    if (regions.length > 0) {
        const accounts = model.allAccounts.filter((a) => !a.invite && a.optInRegions.length > 0).length;
        lines.push(`  opt-in Regions: ${regions.length} request${regions.length === 1 ? "" : "s"} in ${accounts} account${accounts === 1 ? "" : "s"} (one at a time per account, at most ${REGION_OPT_CONCURRENCY.perOrganization} at once)`);
    }
    const primary = model.allAccounts.filter((a) => !a.invite && a.primaryContact !== undefined).length;
    if (primary > 0) lines.push(`  primary contact: set in ${primary} account${primary === 1 ? "" : "s"}`);
    return ["Settings:", ...lines];
}
