import * as pulumi from "@pulumi/pulumi";
import { PolicyLibrary } from "./policyLibrary";
import { ScpAttachments } from "./scpAttachments";
import { FULL_AWS_ACCESS, PolicyTarget } from "../src/model/types";

/** How the SCP attachment resources reach AWS (mirrors the stack's `aws:` settings). */
export interface AwsConnection {
    readonly profile?: string;
    readonly roleArn?: string;
}

/** Whether a target keeps the AWS default, FullAWSAccess alone, which AWS attaches itself. */
export function keepsAwsDefault(target: PolicyTarget): boolean {
    return target.policies.length === 1 && target.policies[0] === FULL_AWS_ACCESS;
}

/**
 * The exact SCP set of one root, OU or account. Targets that keep the AWS default need no
 * resource: AWS attaches FullAWSAccess to every new OU and account on its own.
 */
export function attachTargetPolicies(
    kind: "root" | "ou" | "account",
    targetName: string,
    target: PolicyTarget,
    targetId: pulumi.Input<string>,
    library: PolicyLibrary,
    connection: AwsConnection,
    opts: pulumi.CustomResourceOptions,
): ScpAttachments | undefined {
    if (kind !== "root" && keepsAwsDefault(target)) return undefined;
    const name = kind === "root" ? "root" : `${kind}/${targetName}`;
    return new ScpAttachments(
        name,
        {
            targetId,
            targetKind: kind,
            targetName,
            policyIds: library.idsOf(target.policies),
            policyNames: [...target.policies],
            profile: connection.profile,
            roleArn: connection.roleArn,
        },
        opts,
    );
}
