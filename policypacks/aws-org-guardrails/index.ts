import { PolicyPack } from "@pulumi/policy";
import {
    accountCreationConcurrency,
    accountEmailDomains,
    accountNameExplicit,
    accountRequiredTags,
    accountsProtected,
    allowListEffective,
    organizationAllFeatures,
    organizationProtected,
    ouDepthLimit,
    rootKeepsFullAwsAccess,
    scpAttachmentLimit,
    scpDocumentValid,
} from "./policies";

// Constructing the pack starts the gRPC server the Pulumi CLI talks to: nothing else belongs here.
new PolicyPack("aws-org-guardrails", {
    policies: [
        rootKeepsFullAwsAccess,
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
        ouDepthLimit,
    ],
});
