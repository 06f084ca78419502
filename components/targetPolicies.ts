import * as pulumi from "@pulumi/pulumi";
import { PolicyLibrary } from "./policyLibrary";
import { ScpAttachments } from "./scpAttachments";
import { keepsAwsDefault } from "../src/model/managedScpSets";
import { PolicyTarget } from "../src/model/types";

/** How the SCP attachment resources reach AWS (mirrors the stack's `aws:` settings). */
export interface AwsConnection {
    readonly profile?: string;
    readonly roleArn?: string;
}

/**
 * The identity of a target's SCP set: `targetName` (OU path or account name) for messages, its
 * logical name `<kind>/<key>` and the aliases it answers to.
 */
export interface TargetIdentity {
    readonly targetName: string;
    readonly key: string;
    readonly aliases?: readonly pulumi.Input<pulumi.Alias>[];
}

/** The exact SCP set of one root, OU or account, unless the target keeps the AWS default. */
export function attachTargetPolicies(
    kind: "root" | "ou" | "account",
    identity: TargetIdentity,
    target: PolicyTarget & { readonly id?: string },
    targetId: pulumi.Input<string>,
    library: PolicyLibrary,
    connection: AwsConnection,
    opts: pulumi.CustomResourceOptions,
): ScpAttachments | undefined {
    if (kind !== "root" && keepsAwsDefault(target)) return undefined;
    const name = kind === "root" ? "root" : `${kind}/${identity.key}`;
    return new ScpAttachments(
        name,
        {
            targetId,
            targetKind: kind,
            targetName: identity.targetName,
            policyIds: library.idsOf(target.policies),
            policyNames: [...target.policies],
            profile: connection.profile,
            roleArn: connection.roleArn,
        },
        identity.aliases === undefined ? opts : { ...opts, aliases: [...identity.aliases] },
    );
}
