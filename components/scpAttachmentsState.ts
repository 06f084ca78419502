import * as pulumi from "@pulumi/pulumi";
import { FULL_AWS_ACCESS_ID } from "../src/model/types";
import { RCP_FULL_AWS_ACCESS_ID } from "../policypacks/aws-org-guardrails/core/policyTypes";

/** What an SCP set is attached to. */
export type ScpTargetKind = "root" | "ou" | "account";

/**
 * What Pulumi stores for an SCP set, in its inputs and its outputs: the resource's own data.
 * In the outputs, `policyIds` are the SCPs as attached, sorted. (Pulumi's provider host adds
 * `__provider`, the loader of the installed provider, to both.)
 *
 * `policyType` is the API name of the set's type. Sets written before it existed hold SCPs, so
 * its absence reads as `SERVICE_CONTROL_POLICY`, and an SCP set never writes it: their
 * states stay as they were.
 */
export interface ScpAttachmentsState {
    readonly targetId: string;
    readonly policyType?: string;
    readonly targetKind: ScpTargetKind;
    readonly targetName: string;
    readonly policyIds: string[];
    readonly policyNames: string[];
    /**
     * Ids of the organization's external SCPs (Control Tower's, LZA's): never attached or
     * detached. Absent in states written before there were external SCPs: none then.
     */
    readonly externalPolicyIds?: string[];
    readonly profile?: string;
    readonly roleArn?: string;
    readonly region?: string;
    readonly endpoint?: string;
}

/** Inputs whose change is written to the state: a later delete or refresh needs the current ones. */
export const CONNECTION_KEYS = ["profile", "roleArn", "region", "endpoint"] as const;

/** What stands for a value not known yet (during a preview) in the provider's inputs. */
export const UNKNOWN: string = pulumi.runtime.unknownValue;

/**
 * Inputs as the provider may receive them, before `check`: while unknown, `policyIds` is a
 * single placeholder, and nothing has made sure yet that `targetKind` is one of the kinds.
 */
export type UncheckedScpAttachments = Omit<ScpAttachmentsState, "policyIds" | "targetKind"> & { readonly targetKind: string; readonly policyIds: readonly string[] | string };

/** The set's type, SCPs when the state names none. */
export function setPolicyType(state: { readonly policyType?: string }): string {
    return state.policyType ?? "SERVICE_CONTROL_POLICY";
}

const TARGET_ID_PATTERNS: Readonly<Record<ScpTargetKind, { pattern: RegExp; shape: string }>> = {
    root: { pattern: /^r-[0-9a-z]{4,32}$/, shape: "a root id (`r-` and 4 to 32 lowercase letters or digits)" },
    ou: { pattern: /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/, shape: "an OU id (`ou-xxxx-xxxxxxxx`)" },
    account: { pattern: /^\d{12}$/, shape: "an account id (12 digits)" },
};
const POLICY_ID_PATTERN = /^p-[0-9a-zA-Z_]{8,128}$/;

function isTargetKind(kind: string): kind is ScpTargetKind {
    return Object.hasOwn(TARGET_ID_PATTERNS, kind);
}

function describeTarget(kind: ScpTargetKind, name: string): string {
    if (kind === "root") return "the root";
    return `${kind === "ou" ? "OU" : "account"} \`${name}\``;
}

/**
 * Problems with the inputs, as Pulumi check failures. Values not known yet are skipped; they
 * are checked again once known.
 */
export function scpAttachmentsInputFailures(inputs: UncheckedScpAttachments): pulumi.dynamic.CheckFailure[] {
    const kind = inputs.targetKind;
    // An own property only: `constructor` or `toString` is no target kind either.
    if (!isTargetKind(kind)) {
        return [{ property: "targetKind", reason: `\`targetKind\` is \`${kind}\`; expected one of \`root\`, \`ou\`, \`account\`.` }];
    }
    const expected = TARGET_ID_PATTERNS[kind];
    const failures: pulumi.dynamic.CheckFailure[] = [];
    const target = describeTarget(kind, inputs.targetName);
    if (inputs.targetId !== UNKNOWN && !expected.pattern.test(inputs.targetId)) {
        failures.push({ property: "targetId", reason: `The target id of ${target} is \`${inputs.targetId}\`; expected ${expected.shape}.` });
    }
    const ids = inputs.policyIds;
    if (!Array.isArray(ids)) return failures;
    const type = setPolicyType(inputs);
    for (const id of ids) {
        if (id !== UNKNOWN && !POLICY_ID_PATTERN.test(String(id))) {
            failures.push({ property: "policyIds", reason: `\`${String(id)}\` in the ${type === "SERVICE_CONTROL_POLICY" ? "SCPs" : "policies"} of ${target} is not a policy id (\`p-\` and 8 to 128 letters, digits or \`_\`).` });
        }
    }
    if (type === "RESOURCE_CONTROL_POLICY" && !ids.includes(UNKNOWN) && !ids.includes(RCP_FULL_AWS_ACCESS_ID)) {
        failures.push({ property: "policyIds", reason: `The RCPs of ${target} must include \`RCPFullAWSAccess\` (\`${RCP_FULL_AWS_ACCESS_ID}\`): AWS keeps it attached everywhere and refuses to detach it.` });
    }
    if (type !== "SERVICE_CONTROL_POLICY") return failures;
    if (ids.length === 0) {
        failures.push({ property: "policyIds", reason: `No SCP is listed for ${target}: AWS keeps at least one on every target; list \`FullAWSAccess\` for the default.` });
    }
    if (inputs.targetKind === "root" && ids.length > 0 && !ids.includes(UNKNOWN) && !ids.includes(FULL_AWS_ACCESS_ID)) {
        failures.push({
            property: "policyIds",
            reason: "The root's SCPs must include `FullAWSAccess` (`p-FullAWSAccess`): without it every member account loses every permission. Add it to the root's `policies` and restrict on OUs instead.",
        });
    }
    return failures;
}
