import { OrgModel } from "./types";
import { GLOBAL_SERVICES_REGION } from "../../policypacks/aws-org-guardrails/core/names";

export { GLOBAL_SERVICES_REGION };

/**
 * The Regions the organization uses: `organization.regions` as the file lists them, else the
 * stack's Region (`aws:region`) and `us-east-1`.
 */
export function organizationRegions(model: OrgModel, stackRegion?: string): string[] {
    if (model.organization.regions !== undefined) return [...model.organization.regions];
    return [...new Set([...(stackRegion === undefined ? [] : [stackRegion]), GLOBAL_SERVICES_REGION])];
}
