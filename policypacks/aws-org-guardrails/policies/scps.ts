import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { readString, readStringList, UNKNOWN } from "./known";
import { configSchemaOf, settingsOf } from "./settings";
import { listNames, ofType, policySets } from "./shared";
import { FULL_AWS_ACCESS, FULL_AWS_ACCESS_ID, SCP_POLICY_TYPE, TYPES } from "../core/names";
import { AWS_LIMITS } from "../core/awsLimits";
import { checkScpText, scpStrategy, ScpStrategy } from "../core/scpDocument";

const scpDocumentValidSettings = z.object({
    maxChars: z.int().min(1).max(AWS_LIMITS.scpMaxChars).default(AWS_LIMITS.scpMaxChars).describe("Characters AWS accepts in one SCP document, whitespace included; AWS does not raise it."),
});

/** The SCP's `name` input when known, else its logical name. */
function scpName(r: Pick<PolicyResource, "props" | "name">): string {
    const name = readString(r.props, "name");
    return typeof name === "string" ? name : r.name;
}

/** AWS rejects a malformed or oversized SCP only when the update reaches it, halfway through. */
export const scpDocumentValid: ResourceValidationPolicy = {
    name: "scp-document-valid",
    description: "Checks that every SCP is valid JSON, has a valid SCP shape and fits the size limit.",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(scpDocumentValidSettings),
    validateResource: (args, reportViolation) => {
        if (args.type !== TYPES.policy) return;
        // The provider's default policy type is SCP; other types follow other grammars.
        const type = readString(args.props, "type") ?? SCP_POLICY_TYPE;
        if (type !== SCP_POLICY_TYPE) return;
        const content = readString(args.props, "content");
        if (content === UNKNOWN) return;
        const name = scpName(args);
        if (content === undefined) {
            reportViolation(`SCP \`${name}\` has no \`content\`; give it a policy document.`);
            return;
        }
        const check = checkScpText(content);
        if (check.minified === undefined) {
            reportViolation(`The content of SCP \`${name}\` is not valid JSON; fix its policy file.`);
            return;
        }
        if (check.problems.length > 0) {
            reportViolation(`The content of SCP \`${name}\` is not a valid SCP: ${check.problems.map((p) => p.message).join(" ")} Fix its policy file.`);
        }
        const { maxChars } = settingsOf(args, scpDocumentValidSettings);
        if (content.length <= maxChars) return;
        const minified = check.minified.length;
        reportViolation(
            minified <= maxChars
                ? `SCP \`${name}\` is ${content.length} characters, over the limit of ${maxChars} (config \`maxChars\`), because AWS counts whitespace too; upload it minified (${minified} characters).`
                : `SCP \`${name}\` is ${minified} characters even minified, over the limit of ${maxChars} (config \`maxChars\`); split it into two SCPs.`,
        );
    },
};

const scpAttachmentLimitSettings = z.object({
    maxPerTarget: z.int().min(1).max(AWS_LIMITS.scpsPerTarget).default(AWS_LIMITS.scpsPerTarget).describe("SCPs AWS accepts attached directly to one root, OU or account; AWS does not raise it."),
});

/**
 * Where an attachment points, as `root`, `ou/PATH` or `account/NAME` (the names of the SCP
 * sets), from the resource its target id comes from: ids are unknown during a preview.
 */
function targetOf(attachment: PolicyResource, byId: ReadonlyMap<string, string>): string {
    const source = attachment.propertyDependencies.targetId?.[0];
    if (source?.type === TYPES.organization) return "root";
    if (source?.type === TYPES.organizationalUnit) return `ou/${source.name}`;
    if (source?.type === TYPES.account) return `account/${source.name}`;
    const id = readString(attachment.props, "targetId");
    return typeof id === "string" ? (byId.get(id) ?? id) : attachment.urn;
}

/** The SCP a plain attachment attaches, by name when its policy resource is in the stack. */
function attachedPolicy(attachment: PolicyResource): string {
    const source = attachment.propertyDependencies.policyId?.find((r) => r.type === TYPES.policy);
    if (source !== undefined) return scpName(source);
    const id = readString(attachment.props, "policyId");
    if (id === FULL_AWS_ACCESS_ID) return FULL_AWS_ACCESS;
    return typeof id === "string" ? id : attachment.name;
}

/** AWS rejects the attachment past the limit only when the update reaches it. */
export const scpAttachmentLimit: StackValidationPolicy = {
    name: "scp-attachment-limit",
    description: "Checks that no root, OU or account has more SCPs attached directly than AWS allows.",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(scpAttachmentLimitSettings),
    validateStack: (args, reportViolation) => {
        const { maxPerTarget } = settingsOf(args, scpAttachmentLimitSettings);
        const targets = new Map<string, { urn: string; policies: Set<string>; exact: boolean }>();
        const byId = new Map<string, string>();
        for (const set of policySets(args.resources)) {
            const names = readStringList(set.props, "policyNames");
            if (names === UNKNOWN || names === undefined) continue;
            targets.set(set.name, { urn: set.urn, policies: new Set(names), exact: true });
            const id = readString(set.props, "targetId");
            if (typeof id === "string") byId.set(id, set.name);
        }
        for (const attachment of ofType(args.resources, TYPES.policyAttachment)) {
            const target = targetOf(attachment, byId);
            // Without an exact set, the target keeps the FullAWSAccess AWS attached itself.
            const entry = targets.get(target) ?? { urn: attachment.urn, policies: new Set([FULL_AWS_ACCESS]), exact: false };
            entry.policies.add(attachedPolicy(attachment));
            targets.set(target, entry);
        }
        for (const [target, { urn, policies }] of targets) {
            if (policies.size <= maxPerTarget) continue;
            reportViolation(
                `\`${target}\` would have ${policies.size} SCPs attached directly (${listNames([...policies])}), over the limit of ${maxPerTarget} ` +
                "per root, OU or account (config `maxPerTarget`). Merge some SCPs, or attach some to a parent OU instead.",
                urn,
            );
        }
    },
};

/**
 * SCPs intersect level by level, and a level allows an action when any SCP attached to it
 * does: beside FullAWSAccess, an allow-list restricts nothing. Usually a forgotten detach.
 */
export const allowListEffective: StackValidationPolicy = {
    name: "allow-list-effective",
    description: "Checks that no allow-list SCP sits beside `FullAWSAccess` on the same target, where it would have no effect.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        const strategies = new Map<string, ScpStrategy | undefined>();
        for (const policy of ofType(args.resources, TYPES.policy)) {
            const content = readString(policy.props, "content");
            const document = typeof content === "string" ? checkScpText(content).document : undefined;
            strategies.set(scpName(policy), document === undefined ? undefined : scpStrategy(document));
        }
        for (const set of policySets(args.resources)) {
            const names = readStringList(set.props, "policyNames");
            if (names === UNKNOWN || names === undefined || !names.includes(FULL_AWS_ACCESS)) continue;
            for (const name of names) {
                if (strategies.get(name) !== "allow-list") continue;
                reportViolation(
                    `SCP \`${name}\` on \`${set.name}\` is an allow-list, but \`${FULL_AWS_ACCESS}\` is attached beside it, so it restricts nothing. ` +
                    `Remove \`${FULL_AWS_ACCESS}\` from that target's \`policies\` in the org file to apply the allow-list, or drop the allow-list.`,
                    set.urn,
                );
            }
        }
    },
};
