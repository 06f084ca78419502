import { z } from "zod";
import { namedMap } from "./namedMap";

/**
 * The shape of `identityCenter:` (docs/identity-center.md). AWS's rules for the values (name
 * patterns, session durations, policy names) are checked afterwards, in `identityCenter.ts`.
 */

const customerManagedPolicy = z.union([z.string(), z.strictObject({ name: z.string(), path: z.string().optional() })], {
    error: "must be a policy name or `{ name, path }`",
});

const permissionsBoundary = z.union(
    [
        z.strictObject({ managedPolicy: z.string() }),
        z.strictObject({ customerManagedPolicy: z.string(), path: z.string().optional() }),
    ],
    { error: "must be `{ managedPolicy: NAME }` or `{ customerManagedPolicy: NAME, path: /PATH/ }`" },
);

const permissionSet = z.strictObject({
    arn: z.string().optional(),
    ready: z.string().optional(),
    description: z.string().optional(),
    managedPolicies: z.array(z.string()).optional(),
    customerManagedPolicies: z.array(customerManagedPolicy).optional(),
    inlinePolicy: z.string().optional(),
    permissionsBoundary: permissionsBoundary.optional(),
    sessionDuration: z.string().optional(),
    relayState: z.string().optional(),
});

const group = z.union([z.string(), z.strictObject({ name: z.string(), create: z.boolean().optional(), description: z.string().optional() })], {
    error: "must be a group name or `{ name, create, description }`",
});

const assignment = z.strictObject({
    group: z.string(),
    permissionSet: z.string(),
    targets: z.array(z.string()),
});

export const identityCenterSchema = z.strictObject({
    region: z.string().optional(),
    startUrl: z.string().optional(),
    managedPoliciesPerPermissionSet: z.number().int().min(1).optional(),
    permissionSets: namedMap(permissionSet).optional(),
    groups: z.array(group).optional(),
    assignments: z.array(assignment).optional(),
});

export type RawIdentityCenter = z.infer<typeof identityCenterSchema>;
export type RawPermissionSet = z.infer<typeof permissionSet>;
