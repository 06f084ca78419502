import { DELEGATED_SERVICES } from "../model/delegatedServices";
import { rootAccessFeatures } from "../model/rootAccess";
import { OrgModel } from "../model/types";

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
    return ["Settings:", ...lines];
}
