import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { read, readString, readStringList, UNKNOWN } from "./known";
import { policySets } from "./shared";
import { FULL_AWS_ACCESS, FULL_AWS_ACCESS_ID, SCP_POLICY_TYPE, TYPES } from "../core/names";

/**
 * Detaching FullAWSAccess from the root locks every member account out of everything,
 * including the role used to reach it. CrossGuard never sees deletions, so the policy
 * demands what must stay: the root's exact SCP set exists, keeps FullAWSAccess, and is
 * protected so that removing it fails instead of detaching.
 */
export const rootKeepsFullAwsAccess: StackValidationPolicy = {
    name: "root-keeps-full-aws-access",
    description: "Checks that the root's SCP set exists, keeps `FullAWSAccess`, and is protected.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const roots = policySets(args.resources).filter((r) => {
            const kind = readString(r.props, "targetKind");
            return kind === UNKNOWN ? r.name === "root" : kind === "root";
        });
        if (roots.length === 0) {
            const organization = args.resources.find((r) => r.type === TYPES.organization);
            if (organization === undefined) return args.notApplicable("This stack has no organization.");
            const featureSet = readString(organization.props, "featureSet");
            if (featureSet === "CONSOLIDATED_BILLING") return args.notApplicable("The organization has no SCPs (`organization-all-features` reports it).");
            reportViolation(
                "The root has no SCP set (`root`): the root must keep `FullAWSAccess`, and only a protected SCP set on the root guarantees it. " +
                "Register the root's `ScpAttachments` with `FullAWSAccess` in `policyNames` and `protect: true`.",
            );
            return;
        }
        if (roots.length > 1) {
            reportViolation(
                `The root has ${roots.length} SCP sets (${roots.map((r) => `\`${r.name}\``).join(", ")}); each states the complete set, so they undo each other. Keep one.`,
            );
        }
        for (const root of roots) {
            if (!keepsFullAwsAccess(root.props)) {
                reportViolation(
                    `The root's SCP set \`${root.name}\` must include \`${FULL_AWS_ACCESS}\`: without it every member account loses access to everything. ` +
                    `Add \`${FULL_AWS_ACCESS}\` to \`root.policies\` in the org file and restrict lower down, on OUs.`,
                    root.urn,
                );
            }
            if (!root.opts.protect) {
                reportViolation(
                    `The root's SCP set \`${root.name}\` must have \`protect: true\`: deleting it could detach \`${FULL_AWS_ACCESS}\` from the root. Set the option back on the resource.`,
                    root.urn,
                );
            }
        }
    },
};

/**
 * Whether a root's SCP set keeps FullAWSAccess. The provider acts on `policyIds`, so they
 * decide; `p-FullAWSAccess` is a constant, known even during a preview. Only while the ids
 * are unknown (or absent) and none of the known ones is FullAWSAccess do the names answer.
 */
function keepsFullAwsAccess(props: unknown): boolean {
    const ids = read(props, "policyIds");
    if (ids === UNKNOWN || ids === undefined) return namesInclude(props);
    if (!Array.isArray(ids)) return false;
    const elements = ids.map((_, i) => readString(props, "policyIds", i));
    if (elements.includes(FULL_AWS_ACCESS_ID)) return true;
    return elements.includes(UNKNOWN) ? namesInclude(props) : false;
}

function namesInclude(props: unknown): boolean {
    const names = readStringList(props, "policyNames");
    return names === UNKNOWN || (names ?? []).includes(FULL_AWS_ACCESS);
}

/** Without all features an organization has no SCPs, so no guardrail written as an SCP applies. */
export const organizationAllFeatures: ResourceValidationPolicy = {
    name: "organization-all-features",
    description: "Checks that the organization enables all features and service control policies.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== TYPES.organization) return;
        // The provider's default feature set is ALL.
        const featureSet = readString(args.props, "featureSet") ?? "ALL";
        if (featureSet === UNKNOWN) return;
        if (featureSet !== "ALL") {
            reportViolation(
                `Organization \`${args.name}\` must use feature set \`ALL\`, not \`${featureSet}\`: only then can SCPs restrict member accounts. ` +
                "Set `organization.featureSet: ALL` in the org file.",
            );
            return;
        }
        const types = readStringList(args.props, "enabledPolicyTypes");
        if (types !== UNKNOWN && !(types ?? []).includes(SCP_POLICY_TYPE)) {
            reportViolation(
                `Organization \`${args.name}\` must list \`${SCP_POLICY_TYPE}\` in \`enabledPolicyTypes\`: until SCPs are enabled, none can be attached. Add it to the resource's inputs.`,
            );
        }
    },
};

/** Deleting the organization resource calls DeleteOrganization. */
export const organizationProtected: ResourceValidationPolicy = {
    name: "organization-protected",
    description: "Checks that the organization resource is protected against deletion.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== TYPES.organization || args.opts.protect) return;
        reportViolation(
            `Organization \`${args.name}\` must have \`protect: true\`: deleting the resource would delete the AWS organization. Set the option back on the resource.`,
        );
    },
};
