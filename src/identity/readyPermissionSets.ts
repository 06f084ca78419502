import { billingServices } from "./billingServices";
import { awsManagedPolicy } from "./managedPolicies";
import { ManagedPolicyRef, PermissionSet } from "../model/identityCenter";
import { SourcePosition } from "../diagnostics/diagnostic";
import { PolicyDocument } from "../../policypacks/aws-org-guardrails/core/policyDocument";

/**
 * The ready permission sets: what the org file can assign without defining it. Each is made
 * from AWS managed policies (their documents from the bundled data), plus, for the
 * administrator without billing, an inline deny of every billing, cost and payment service of
 * the IAM catalogue.
 */

interface ReadySpec {
    readonly description: string;
    readonly managedPolicies: readonly string[];
    readonly inlinePolicy?: () => PolicyDocument;
    readonly sessionDuration: string;
}

/** The inline policy of `AdminWithoutBilling`: one Deny of every billing service's actions. */
export function denyBillingDocument(): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "DenyBillingCostAndPayments", Effect: "Deny", Action: billingServices().map((s) => `${s}:*`), Resource: "*" }],
    };
}

const READY: Readonly<Record<string, ReadySpec>> = {
    AdministratorAccess: {
        description: "Full access to every service and resource (AWS managed AdministratorAccess)",
        managedPolicies: ["AdministratorAccess"],
        sessionDuration: "PT1H",
    },
    AdminWithoutBilling: {
        description: "Full access except billing, cost and payment services (AdministratorAccess and a deny of the Cloud Financial Management services)",
        managedPolicies: ["AdministratorAccess"],
        inlinePolicy: denyBillingDocument,
        sessionDuration: "PT1H",
    },
    ReadOnlyAccess: {
        description: "Read-only access to every service, data included (AWS managed ReadOnlyAccess)",
        managedPolicies: ["ReadOnlyAccess"],
        sessionDuration: "PT1H",
    },
    ViewOnlyAccess: {
        description: "Lists and describes resources without reading their data (AWS managed job-function/ViewOnlyAccess)",
        managedPolicies: ["ViewOnlyAccess"],
        sessionDuration: "PT1H",
    },
    BillingOnly: {
        description: "Billing, cost and payment consoles only (AWS managed job-function/Billing)",
        managedPolicies: ["Billing"],
        sessionDuration: "PT1H",
    },
};

/** The names of the ready permission sets. */
export const READY_PERMISSION_SETS: readonly string[] = Object.keys(READY);

export function isReadyPermissionSet(name: string): boolean {
    return Object.hasOwn(READY, name);
}

function managed(name: string): ManagedPolicyRef {
    const p = awsManagedPolicy(name);
    // The bundled data is checked by a test to hold every policy named above.
    if (p === undefined) throw new Error(`The bundled AWS managed policy data has no \`${name}\`.`);
    return { name: p.name, arn: p.arn, document: p.document };
}

/** The ready permission set `ready`, named `name`, declared at `source`. */
export function readyPermissionSet(ready: string, name: string, source: SourcePosition): PermissionSet {
    const spec = READY[ready];
    if (spec === undefined) throw new Error(`\`${ready}\` is not a ready permission set.`);
    const document = spec.inlinePolicy?.();
    return {
        name,
        description: spec.description,
        managedPolicies: spec.managedPolicies.map(managed),
        customerManagedPolicies: [],
        inlinePolicy: document === undefined ? undefined : { content: JSON.stringify(document), document },
        sessionDuration: spec.sessionDuration,
        ready,
        source,
    };
}
