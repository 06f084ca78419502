import type { StackValidationPolicy } from "@pulumi/policy";
import { readString, readStringList, UNKNOWN } from "./known";
import { listNames, ofType } from "./shared";
import { ROOT_ACCESS_FEATURES, TYPES } from "../core/names";

/**
 * Without centralized root access every member account keeps a root user of its own: a
 * password to reset, an MFA device to register and store, keys that can exist. With it, AWS
 * removes (and never creates) member accounts' root credentials, and the management account
 * performs the few tasks that need root in a short `sts:AssumeRoot` session.
 */
export const rootCredentialsManagement: StackValidationPolicy = {
    name: "root-credentials-management",
    description: "Checks that the organization manages member accounts' root access centrally: root credentials management and root sessions enabled.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        const organization = args.resources.find((r) => r.type === TYPES.organization);
        if (organization === undefined) return args.notApplicable("This stack has no organization.");
        if (readString(organization.props, "featureSet") === "CONSOLIDATED_BILLING") {
            return args.notApplicable("Centralized root access needs all features (`organization-all-features` reports it).");
        }
        const enabled = new Set<string>();
        for (const features of ofType(args.resources, TYPES.organizationsFeatures)) {
            const list = readStringList(features.props, "enabledFeatures");
            if (list === UNKNOWN) return;
            for (const f of list ?? []) enabled.add(f);
        }
        const missing = Object.values(ROOT_ACCESS_FEATURES).filter((f) => !enabled.has(f));
        if (missing.length === 0) return;
        reportViolation(
            `The organization should manage member accounts' root access centrally; ${listNames(missing)} ${missing.length === 1 ? "is" : "are"} not enabled. ` +
            "Until then every member account has a root user whose password, MFA device and keys someone must guard. " +
            "Set `organization.rootAccess: { credentialsManagement: true, rootSessions: true }` in the org file.",
        );
    },
};
