import * as pulumi from "@pulumi/pulumi";
import { PolicyLibrary } from "./policyLibrary";
import { ScpAttachments } from "./scpAttachments";
import { FULL_AWS_ACCESS, PolicyTarget } from "../src/model/types";

/** How the SCP attachment resources reach AWS (mirrors the stack's `aws:` settings). */
export interface AwsConnection {
    readonly profile?: string;
    readonly roleArn?: string;
}

/**
 * Whether the program leaves a target's SCPs to AWS: a target it creates that keeps the AWS
 * default, FullAWSAccess alone, which AWS attaches to every new OU and account on its own.
 * An adopted target (with an `id`) may carry anything already, so its set is always managed.
 */
export function keepsAwsDefault(target: PolicyTarget & { readonly id?: string }): boolean {
    return target.id === undefined && target.policies.length === 1 && target.policies[0] === FULL_AWS_ACCESS;
}

/** The exact SCP set of one root, OU or account, unless the target keeps the AWS default. */
export function attachTargetPolicies(
    kind: "root" | "ou" | "account",
    targetName: string,
    target: PolicyTarget & { readonly id?: string },
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
