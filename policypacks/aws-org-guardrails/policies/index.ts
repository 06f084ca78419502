import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { accountCreationConcurrency } from "./accountCreation";
import { accountEmailDomains, accountNameExplicit, accountRequiredTags, accountsProtected } from "./accounts";
import { accountsKeepAccess } from "./lockout";
import { organizationAllFeatures, organizationProtected, rootKeepsFullAwsAccess } from "./organization";
import { ouDepthLimit } from "./ous";
import { rootCredentialsManagement } from "./rootAccess";
import { allowListEffective, scpAttachmentLimit, scpDocumentValid } from "./scps";
import { policyAttachmentLimit, policyDocumentValid } from "./policyTypes";

export { accountCreationConcurrency } from "./accountCreation";
export { accountEmailDomains, accountNameExplicit, accountRequiredTags, accountsProtected } from "./accounts";
export { accountsKeepAccess, DEFAULT_ESSENTIAL_ACTIONS } from "./lockout";
export { organizationAllFeatures, organizationProtected, rootKeepsFullAwsAccess } from "./organization";
export { ouDepthLimit } from "./ous";
export { rootCredentialsManagement } from "./rootAccess";
export { allowListEffective, scpAttachmentLimit, scpDocumentValid } from "./scps";
export { policyAttachmentLimit, policyDocumentValid } from "./policyTypes";

/** One guardrail of the pack: checks one resource at a time, or the whole stack. */
export type GuardrailPolicy = ResourceValidationPolicy | StackValidationPolicy;

/** Every policy of the pack, listed explicitly: the pack's `index.ts` serves this list, and the offline plan runs it. */
export const guardrailPolicies: readonly GuardrailPolicy[] = [
    rootKeepsFullAwsAccess,
    accountsKeepAccess,
    organizationAllFeatures,
    organizationProtected,
    accountsProtected,
    accountNameExplicit,
    accountEmailDomains,
    accountRequiredTags,
    accountCreationConcurrency,
    scpDocumentValid,
    scpAttachmentLimit,
    allowListEffective,
    policyDocumentValid,
    policyAttachmentLimit,
    ouDepthLimit,
    rootCredentialsManagement,
];
