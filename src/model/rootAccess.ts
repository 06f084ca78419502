import { RootAccess } from "./types";
import { IAM_SERVICE_PRINCIPAL, ROOT_ACCESS_FEATURES } from "../../policypacks/aws-org-guardrails/core/names";

export { IAM_SERVICE_PRINCIPAL, ROOT_ACCESS_FEATURES };

/** The IAM organization features `rootAccess` enables, in AWS's spelling; empty when it enables none. */
export function rootAccessFeatures(rootAccess: RootAccess): string[] {
    return (Object.keys(ROOT_ACCESS_FEATURES) as (keyof typeof ROOT_ACCESS_FEATURES)[]).filter((key) => rootAccess[key]).map((key) => ROOT_ACCESS_FEATURES[key]);
}
