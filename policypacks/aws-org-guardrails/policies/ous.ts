import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { configSchemaOf, settingsOf } from "./settings";
import { ofType } from "./shared";
import { TYPES } from "../core/names";
import { AWS_LIMITS } from "../core/awsLimits";

const ouDepthLimitSettings = z.object({
    maxDepth: z.int().min(1).max(AWS_LIMITS.ouMaxDepth).default(AWS_LIMITS.ouMaxDepth).describe("OU levels AWS allows below the root (an OU directly under the root is level 1); AWS does not raise it."),
});

/** How deep an OU sits, by the OU components above it (the program nests one per OU level). */
function depthByComponents(ou: PolicyResource): number {
    let depth = 0;
    for (let p = ou.parent; p !== undefined; p = p.parent) {
        if (p.type === TYPES.organizationalUnitComponent || p.type === TYPES.organizationalUnit) depth++;
    }
    return depth;
}

/** How deep an OU sits, by the OU its `parentId` comes from (the root counts as none). */
function depthByParentIds(): (ou: PolicyResource) => number {
    const depths = new Map<PolicyResource, number>();
    const depthOf = (ou: PolicyResource): number => {
        const known = depths.get(ou);
        if (known !== undefined) return known;
        // A cycle cannot be deployed anyway; counting it once keeps this finite.
        depths.set(ou, 1);
        const parent = ou.propertyDependencies.parentId?.find((r) => r.type === TYPES.organizationalUnit);
        const depth = parent === undefined ? 1 : depthOf(parent) + 1;
        depths.set(ou, depth);
        return depth;
    };
    return depthOf;
}

/** AWS rejects an OU nested too deep only when the update reaches it. */
export const ouDepthLimit: StackValidationPolicy = {
    name: "ou-depth-limit",
    description: "Checks that no OU is nested deeper below the root than AWS allows.",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(ouDepthLimitSettings),
    validateStack: (args, reportViolation) => {
        const { maxDepth } = settingsOf(args, ouDepthLimitSettings);
        const byParentIds = depthByParentIds();
        for (const ou of ofType(args.resources, TYPES.organizationalUnit)) {
            const depth = Math.max(depthByComponents(ou), byParentIds(ou));
            if (depth <= maxDepth) continue;
            reportViolation(
                `OU \`${ou.name}\` is nested ${depth} levels below the root, over the limit of ${maxDepth} (config \`maxDepth\`). ` +
                "Move it, with what it holds, under a shallower OU.",
                ou.urn,
            );
        }
    },
};
