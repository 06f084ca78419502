import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { readString, readStringList, UNKNOWN } from "./known";
import { listNames, policySets } from "./shared";
import { SCP_POLICY_TYPE, TYPES } from "../core/names";
import { checkManagementText, ManagementPolicyType } from "../core/managementPolicy";
import { POLICY_TYPE_FACTS, POLICY_TYPES, policyTypeOfApiName } from "../core/policyTypes";
import { checkRcpText } from "../core/scpDocument";

/** AWS rejects a malformed or oversized policy only when the update reaches it, halfway through. */
export const policyDocumentValid: ResourceValidationPolicy = {
    name: "policy-document-valid",
    description: "Checks that every policy other than an SCP is valid for its type (an RCP's IAM grammar, a management policy's operators and keys) and fits its type's size limit.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== TYPES.policy) return;
        const apiName = readString(args.props, "type") ?? SCP_POLICY_TYPE;
        const content = readString(args.props, "content");
        if (apiName === UNKNOWN || apiName === SCP_POLICY_TYPE || content === UNKNOWN) return;
        const name = readString(args.props, "name");
        const label = typeof name === "string" ? name : args.name;
        const type = policyTypeOfApiName(apiName);
        if (type === undefined) {
            reportViolation(`Policy \`${label}\` has type \`${apiName}\`, which is no Organizations policy type; expected one of ${listNames(POLICY_TYPES.map((t) => POLICY_TYPE_FACTS[t].apiName))}.`);
            return;
        }
        const facts = POLICY_TYPE_FACTS[type];
        if (content === undefined) {
            reportViolation(`The ${facts.label} \`${label}\` has no \`content\`; give it a policy document.`);
            return;
        }
        const check = type === "RCP" ? checkRcpText(content) : checkManagementText(content, type as ManagementPolicyType);
        if (check.problems.length > 0) reportViolation(`The content of ${facts.label} \`${label}\` is not valid: ${check.problems.map((p) => p.message).join(" ")} Fix its policy file.`);
        if (content.length > facts.maxChars) {
            const minified = check.minified?.length ?? content.length;
            reportViolation(
                minified <= facts.maxChars
                    ? `The ${facts.label} \`${label}\` is ${content.length} characters, over AWS's limit of ${facts.maxChars}, because AWS counts whitespace too; upload it minified (${minified} characters).`
                    : `The ${facts.label} \`${label}\` is ${minified} characters even minified, over AWS's limit of ${facts.maxChars}; split it into two policies.`,
            );
        }
    },
};

/** AWS refuses the attachment past the per-target quota of each type only when the update reaches it. */
export const policyAttachmentLimit: StackValidationPolicy = {
    name: "policy-attachment-limit",
    description: "Checks that no root, OU or account has more policies of one type other than SCPs attached directly than AWS allows (RCPs: 5, RCPFullAWSAccess included).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const type of POLICY_TYPES) {
            if (type === "SCP") continue;
            const facts = POLICY_TYPE_FACTS[type];
            for (const set of policySets(args.resources, facts.apiName)) {
                const names = readStringList(set.props, "policyNames");
                if (names === UNKNOWN || names === undefined) continue;
                const distinct = [...new Set(names)];
                if (distinct.length <= facts.perTarget) continue;
                reportViolation(
                    `\`${set.name}\` would have ${distinct.length} policies of type \`${facts.apiName}\` attached directly (${listNames(distinct)}), over AWS's limit of ${facts.perTarget} per root, OU or account. Merge some, or attach some to a parent OU instead.`,
                    set.urn,
                );
            }
        }
    },
};
