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
            externalPolicyIds: library.externalPolicyIds,
            profile: connection.profile,
            roleArn: connection.roleArn,
        },
        opts,
    );
}
