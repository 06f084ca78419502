import * as pulumi from "@pulumi/pulumi";
import { PolicyLibrary } from "./policyLibrary";
import { ScpAttachments } from "./scpAttachments";
import { keepsAwsDefault } from "../src/model/managedScpSets";
import { OtherPolicyType, PolicyTarget } from "../src/model/types";
import { POLICY_TYPE_FACTS, POLICY_TYPES } from "../policypacks/aws-org-guardrails/core/policyTypes";

/** How the SCP attachment resources reach AWS (mirrors the stack's `aws:` settings). */
export interface AwsConnection {
    readonly profile?: string;
    readonly roleArn?: string;
}

/** An earlier logical name of a target's sets (without the type prefix), and its old parent. */
export interface TargetAlias {
    readonly name: string;
    readonly parent?: pulumi.Input<string>;
}

/**
 * The identity of a target's sets: `targetName` (OU path or account name) for messages, its
 * logical name `<kind>/<key>` and the earlier names it answers to.
 */
export interface TargetIdentity {
    readonly targetName: string;
    readonly key: string;
    readonly aliases?: readonly TargetAlias[];
}

/**
 * The exact SCP set of one root, OU or account, unless the target keeps the AWS default, and
 * the exact set of every other type the target lists. Returns the SCP set's resource.
 */
export function attachTargetPolicies(
    kind: "root" | "ou" | "account",
    identity: TargetIdentity,
    target: PolicyTarget & { readonly id?: string },
    targetId: pulumi.Input<string>,
    library: PolicyLibrary,
    connection: AwsConnection,
    opts: pulumi.CustomResourceOptions,
): ScpAttachments | undefined {
    const base = kind === "root" ? "root" : `${kind}/${identity.key}`;
    const withAliases = (prefix: string): pulumi.CustomResourceOptions =>
        identity.aliases === undefined || identity.aliases.length === 0 ? opts : { ...opts, aliases: identity.aliases.map((a) => ({ ...a, name: `${prefix}${a.name}` })) };
    for (const type of POLICY_TYPES) {
        if (type === "SCP") continue;
        const names = target.otherPolicies[type];
        if (names !== undefined) otherSet(type, `${type}:${base}`, names, { kind, targetName: identity.targetName, targetId, library, connection }, withAliases(`${type}:`));
    }
    if (kind !== "root" && keepsAwsDefault(target)) return undefined;
    return new ScpAttachments(
        base,
        {
            targetId,
            targetKind: kind,
            targetName: identity.targetName,
            policyIds: library.idsOf(target.policies),
            policyNames: [...target.policies],
            externalPolicyIds: library.externalPolicyIds,
            profile: connection.profile,
            roleArn: connection.roleArn,
        },
        withAliases(""),
    );
}

interface SetTarget {
    readonly kind: "root" | "ou" | "account";
    readonly targetName: string;
    readonly targetId: pulumi.Input<string>;
    readonly library: PolicyLibrary;
    readonly connection: AwsConnection;
}

/**
 * The set of one other type. Its logical name starts with the type (`RCP:ou/HIPAA`), which no
 * SCP set's name does (`root`, `ou/…`, `account/…`), so no OU path can make two sets collide.
 */
function otherSet(type: OtherPolicyType, name: string, names: readonly string[], t: SetTarget, opts: pulumi.CustomResourceOptions): ScpAttachments {
    return new ScpAttachments(
        name,
        {
            targetId: t.targetId,
            targetKind: t.kind,
            targetName: t.targetName,
            policyType: POLICY_TYPE_FACTS[type].apiName,
            policyIds: t.library.idsOf(names),
            policyNames: [...names],
            profile: t.connection.profile,
            roleArn: t.connection.roleArn,
        },
        opts,
    );
}
