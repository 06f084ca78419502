import type { Add } from "./drift";
import { LiveOrganization, livePolicyType, policyNamesById } from "./liveOrganization";
import { samePolicy } from "./policyEquivalence";
import { OrgModel, OtherPolicyType, PolicyTarget } from "../model/types";
import { POLICY_TYPE_FACTS, POLICY_TYPES, RCP_FULL_AWS_ACCESS } from "../../policypacks/aws-org-guardrails/core/policyTypes";

/** Every type but SCPs, by API name. */
export const OTHER_POLICY_TYPES_BY_API: ReadonlyMap<string, OtherPolicyType> = new Map(
    POLICY_TYPES.flatMap((t) => (t === "SCP" ? [] : [[POLICY_TYPE_FACTS[t].apiName, t] as const])),
);

/** A target of the file with the ids AWS has attached to it. */
export interface DriftTarget {
    readonly label: string;
    readonly target: PolicyTarget;
    readonly liveIds: readonly string[];
}

const capitalize = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/**
 * The differences of every policy type but SCPs, each named with its type: policies on one side
 * only or with other content, and per target and type the attachments that differ. A target
 * that lists no policy of a type leaves that type to AWS: what is attached there is reported,
 * with the fix that says `pulumi up` does not touch it. `RCPFullAWSAccess`, which AWS keeps
 * everywhere, is never reported.
 */
export function otherPolicyDrift(model: OrgModel, live: LiveOrganization, targets: readonly DriftTarget[], add: Add): void {
    const liveOthers = live.policies.filter((p) => OTHER_POLICY_TYPES_BY_API.has(livePolicyType(p)));
    const liveByKey = new Map(liveOthers.filter((p) => !p.awsManaged).map((p) => [`${livePolicyType(p)}\n${p.name}`, p]));
    const declared = [...model.otherPolicies.values()].filter((p) => !p.awsManaged);
    for (const policy of declared) {
        const label = `${capitalize(POLICY_TYPE_FACTS[policy.type].label)} \`${policy.name}\``;
        const l = liveByKey.get(`${POLICY_TYPE_FACTS[policy.type].apiName}\n${policy.name}`);
        if (l === undefined) add("policy-missing", `${label} is not in AWS.`, "`pulumi up` creates it.", policy.source);
        else if (!samePolicy(l.content, policy.content)) {
            add("policy-changed", `${label} (${l.id}) has different content in AWS than its policy file.`, `\`pulumi up\` puts the file's version back; to keep the AWS version, copy the document AWS has into \`${policy.file ?? "its policy file"}\`.`, policy.source);
        }
    }
    const declaredKeys = new Set(declared.map((p) => `${POLICY_TYPE_FACTS[p.type].apiName}\n${p.name}`));
    for (const [key, l] of liveByKey) {
        if (declaredKeys.has(key)) continue;
        const type = OTHER_POLICY_TYPES_BY_API.get(livePolicyType(l)) ?? "TAG";
        add("policy-unmanaged", `${capitalize(POLICY_TYPE_FACTS[type].label)} \`${l.name}\` (${l.id}) exists in AWS but not in the file.`, `Add it to \`policies\` with \`type: ${type}\` to manage it, or delete it in AWS; \`pulumi up\` leaves it alone.`);
    }

    const names = policyNamesById(live);
    const typeById = new Map(liveOthers.map((p) => [p.id, OTHER_POLICY_TYPES_BY_API.get(livePolicyType(p))]));
    for (const { label, target, liveIds } of targets) {
        for (const type of OTHER_POLICY_TYPES_BY_API.values()) {
            const kind = POLICY_TYPE_FACTS[type].label;
            const listed = target.otherPolicies[type];
            const attached = new Set(liveIds.filter((id) => typeById.get(id) === type).map((id) => names.get(id) ?? id));
            attached.delete(RCP_FULL_AWS_ACCESS);
            const wanted = new Set(listed ?? []);
            wanted.delete(RCP_FULL_AWS_ACCESS);
            for (const name of [...attached].filter((n) => !wanted.has(n))) {
                const fix = listed === undefined
                    ? `\`pulumi up\` does not manage the ${kind} attachments of ${label}, which lists none: detach \`${name}\` by hand, or add it to the \`policies\` of ${label} to keep it.`
                    : `\`pulumi up\` detaches it; to keep it, add \`${name}\` to the \`policies\` of ${label}.`;
                add("policy-attachment-added", `${capitalize(kind)} \`${name}\` is attached to ${label} in AWS but not listed in the file.`, fix, target.policiesSource);
            }
            for (const name of [...wanted].filter((n) => !attached.has(n))) {
                add("policy-attachment-removed", `${capitalize(kind)} \`${name}\` is listed for ${label} but not attached in AWS.`, `\`pulumi up\` attaches it again; to accept the change, remove \`${name}\` from the \`policies\` of ${label}.`, target.policiesSource);
            }
        }
    }
}
