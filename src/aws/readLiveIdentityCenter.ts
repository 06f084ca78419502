import { IdentitystoreClient, paginateListGroups } from "@aws-sdk/client-identitystore";
import {
    DescribePermissionSetCommand,
    GetInlinePolicyForPermissionSetCommand,
    GetPermissionsBoundaryForPermissionSetCommand,
    ListInstancesCommand,
    paginateListAccountAssignmentsForPrincipal,
    paginateListCustomerManagedPolicyReferencesInPermissionSet,
    paginateListManagedPoliciesInPermissionSet,
    paginateListPermissionSets,
    SSOAdminClient,
} from "@aws-sdk/client-sso-admin";
import { awsErrorName } from "./awsErrors";
import { mapLimited } from "./mapLimited";
import { collectPages, OrganizationsClientOptions, refuseForeignAnswers, sharedClientConfig } from "./organizationsClient";

/** A permission set as Identity Center reports it. */
export interface LivePermissionSet {
    readonly arn: string;
    readonly name: string;
    readonly description?: string;
    /** ISO 8601 (`PT1H`). */
    readonly sessionDuration: string;
    readonly relayState?: string;
    readonly managedPolicyArns: readonly string[];
    readonly customerManagedPolicies: readonly { readonly name: string; readonly path: string }[];
    /** The inline policy document as stored; undefined without one. */
    readonly inlinePolicy?: string;
    /** `unknown` when the boundary could not be read (an endpoint without the API). */
    readonly permissionsBoundary?: { readonly managedPolicyArn: string } | { readonly customerManagedPolicy: { readonly name: string; readonly path: string } } | "unknown";
}

/** One group's permission set in one account. */
export interface LiveAssignment {
    readonly accountId: string;
    readonly permissionSetArn: string;
    readonly groupId: string;
}

/** A snapshot of the organization's Identity Center, plain data, like `LiveOrganization`. */
export interface LiveIdentityCenter {
    readonly instanceArn: string;
    readonly identityStoreId: string;
    readonly region: string;
    readonly permissionSets: readonly LivePermissionSet[];
    readonly groups: readonly { readonly id: string; readonly name: string }[];
    /** Assignments of groups (assignments of single users are not read). */
    readonly assignments: readonly LiveAssignment[];
    /** What could not be read, one sentence each. */
    readonly notices: readonly string[];
}

/**
 * SSO Admin and Identity Store clients in the Identity Center home Region, reaching AWS as the
 * command's Organizations client does (profile, role, endpoint, request timeout, deadline),
 * with the SDK's standard retries.
 */
export function identityCenterClients(options: OrganizationsClientOptions & { readonly region: string }): { ssoAdmin: SSOAdminClient; identityStore: IdentitystoreClient } {
    const config = sharedClientConfig(options, options.region);
    const ssoAdmin = new SSOAdminClient(config);
    const identityStore = new IdentitystoreClient(config);
    refuseForeignAnswers(ssoAdmin.middlewareStack, options.endpoint);
    refuseForeignAnswers(identityStore.middlewareStack, options.endpoint);
    return { ssoAdmin, identityStore };
}

/** `PT1H` for what AWS returns; some endpoints answer a number of seconds instead of the documented string. */
function isoDuration(value: unknown): string {
    if (typeof value === "string" && value !== "") return value;
    const seconds = typeof value === "number" ? value : 3600;
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const text = `PT${h > 0 ? `${h}H` : ""}${m > 0 ? `${m}M` : ""}`;
    return text === "PT" ? "PT1H" : text;
}

/**
 * Reads the organization's Identity Center: the instance (undefined when the Region has none),
 * every permission set with its policies, the groups of the identity store, and every group's
 * account assignments (one `ListAccountAssignmentsForPrincipal` per group, rather than one
 * call per account and permission set).
 */
export async function readLiveIdentityCenter(clients: { ssoAdmin: SSOAdminClient; identityStore: IdentitystoreClient }, region: string, concurrency = 4): Promise<LiveIdentityCenter | undefined> {
    const { ssoAdmin, identityStore } = clients;
    const instances = await ssoAdmin.send(new ListInstancesCommand({}));
    const instance = instances.Instances?.[0];
    if (instance?.InstanceArn === undefined || instance.IdentityStoreId === undefined) return undefined;
    const instanceArn = instance.InstanceArn;
    const identityStoreId = instance.IdentityStoreId;
    const notices: string[] = [];
    const unreadableBoundaries: string[] = [];

    const arns = await collectPages(paginateListPermissionSets({ client: ssoAdmin }, { InstanceArn: instanceArn }), (p) => p.PermissionSets);
    const permissionSets = await mapLimited(arns, concurrency, async (arn): Promise<LivePermissionSet> => {
        const key = { InstanceArn: instanceArn, PermissionSetArn: arn };
        const described = (await ssoAdmin.send(new DescribePermissionSetCommand(key))).PermissionSet;
        const managed = await collectPages(paginateListManagedPoliciesInPermissionSet({ client: ssoAdmin }, key), (p) => p.AttachedManagedPolicies);
        const customer = await collectPages(paginateListCustomerManagedPolicyReferencesInPermissionSet({ client: ssoAdmin }, key), (p) => p.CustomerManagedPolicyReferences);
        const inline = (await ssoAdmin.send(new GetInlinePolicyForPermissionSetCommand(key))).InlinePolicy;
        let boundary: LivePermissionSet["permissionsBoundary"];
        try {
            const b = (await ssoAdmin.send(new GetPermissionsBoundaryForPermissionSetCommand(key))).PermissionsBoundary;
            if (b?.ManagedPolicyArn !== undefined) boundary = { managedPolicyArn: b.ManagedPolicyArn };
            else if (b?.CustomerManagedPolicyReference?.Name !== undefined) boundary = { customerManagedPolicy: { name: b.CustomerManagedPolicyReference.Name, path: b.CustomerManagedPolicyReference.Path ?? "/" } };
        } catch (e) {
            // AWS answers ResourceNotFoundException for a permission set without a boundary.
            if (awsErrorName(e) !== "ResourceNotFoundException") {
                boundary = "unknown";
                unreadableBoundaries.push(arn);
            }
        }
        return {
            arn,
            name: described?.Name ?? arn,
            description: described?.Description ?? undefined,
            sessionDuration: isoDuration(described?.SessionDuration),
            relayState: described?.RelayState ?? undefined,
            managedPolicyArns: managed.flatMap((m) => (m.Arn === undefined ? [] : [m.Arn])),
            customerManagedPolicies: customer.flatMap((c) => (c.Name === undefined ? [] : [{ name: c.Name, path: c.Path ?? "/" }])),
            inlinePolicy: inline === undefined || inline === "" ? undefined : inline,
            permissionsBoundary: boundary,
        };
    });
    if (unreadableBoundaries.length > 0) notices.push("The permissions boundaries of the permission sets could not be read (`GetPermissionsBoundaryForPermissionSet` failed); they are neither imported nor compared.");

    const groupPages = await collectPages(paginateListGroups({ client: identityStore }, { IdentityStoreId: identityStoreId }), (p) => p.Groups);
    const groups = groupPages.flatMap((g) => (g.GroupId === undefined ? [] : [{ id: g.GroupId, name: g.DisplayName ?? g.GroupId }]));
    const perGroup = await mapLimited(groups, concurrency, (g) =>
        collectPages(paginateListAccountAssignmentsForPrincipal({ client: ssoAdmin }, { InstanceArn: instanceArn, PrincipalId: g.id, PrincipalType: "GROUP" }), (p) => p.AccountAssignments),
    );
    const seen = new Set<string>();
    const assignments: LiveAssignment[] = [];
    for (const a of perGroup.flat()) {
        if (a.AccountId === undefined || a.PermissionSetArn === undefined || a.PrincipalId === undefined) continue;
        const key = `${a.AccountId} ${a.PermissionSetArn} ${a.PrincipalId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        assignments.push({ accountId: a.AccountId, permissionSetArn: a.PermissionSetArn, groupId: a.PrincipalId });
    }
    return { instanceArn, identityStoreId, region, permissionSets, groups, assignments, notices };
}
