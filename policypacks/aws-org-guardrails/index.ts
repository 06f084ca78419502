import { PolicyPack } from "@pulumi/policy";
import { guardrailPolicies } from "./policies";

// Constructing the pack starts the gRPC server the Pulumi CLI talks to: nothing else belongs
// here. The policies are listed, as data, in `policies/index.ts`, which the offline plan shares.
new PolicyPack("aws-org-guardrails", { policies: [...guardrailPolicies] });
