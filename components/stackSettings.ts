import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { AwsConnection } from "./targetPolicies";
import { formatDiagnostic, formatDiagnostics } from "../src/diagnostics/diagnostic";
import { loadOrgFile, LoadOptions } from "../src/config/loadOrgFile";
import { stackOrgFile } from "../src/config/stackOrgFile";
import { organizationRegions } from "../src/model/organizationRegions";
import { realFolder } from "../src/files/allowedRoots";
import { OrgModel } from "../src/model/types";

const PROJECT_DIR = path.resolve(__dirname, "..");

/**
 * The validated model of this stack's org file (`aws-org:orgFile`, default
 * `config/<stack>.yaml`). Any error stops the program before a single resource is registered;
 * `RunError` makes Pulumi print the diagnostics without a stack trace.
 *
 * Under a Pulumi engine the file, and every file it names, must lie inside the project: the
 * stack's config is part of a pull request, and a preview's output is posted where anyone can
 * read it. Without an engine (the offline plan, tests) the caller has already read the file the
 * user named on the command line, wherever it is, with the same rules for the files it names.
 */
export function loadStackModel(): OrgModel {
    const configured = new pulumi.Config().get("orgFile");
    const file = configured !== undefined ? path.resolve(PROJECT_DIR, configured) : stackOrgFile(pulumi.getStack(), PROJECT_DIR);
    const result = loadOrgFile(file, programLoadOptions(pulumi.runtime.hasEngine()));
    const warnings = result.diagnostics.filter((d) => d.severity === "warning");
    if (result.model === undefined) throw new pulumi.RunError(`The org file has errors:\n${formatDiagnostics(result.diagnostics, PROJECT_DIR)}`);
    // Without an engine (the offline plan, tests) the caller reports warnings itself.
    // Logging hands the message to the engine; nothing waits for it to be acknowledged.
    if (pulumi.runtime.hasEngine()) for (const w of warnings) void pulumi.log.warn(formatDiagnostic(w, PROJECT_DIR));
    return result.model;
}

/** The Regions the organization uses: `organization.regions`, else the stack's `aws:region` and `us-east-1`. */
export function stackRegions(model: OrgModel): string[] {
    return organizationRegions(model, new pulumi.Config("aws").get("region"));
}

/** Where the program may read the org file and the files it names (see {@link loadStackModel}). */
export function programLoadOptions(underEngine: boolean): LoadOptions {
    return underEngine ? { roots: [realFolder(PROJECT_DIR)] } : {};
}

/**
 * The stack's own AWS settings (`aws:profile`, `aws:assumeRoles`), so the SCP attachment
 * resources reach AWS with the same identity as the `@pulumi/aws` resources.
 */
export function awsConnection(): AwsConnection {
    const aws = new pulumi.Config("aws");
    const roles = aws.getObject<Array<{ roleArn?: string }>>("assumeRoles") ?? [];
    if (roles.length > 1) {
        throw new pulumi.RunError("`aws:assumeRoles` lists a chain of roles; the SCP attachment resources assume one role. Keep one role, or give the stack a profile that already has the final role.");
    }
    return { profile: aws.get("profile"), roleArn: roles[0]?.roleArn };
}
