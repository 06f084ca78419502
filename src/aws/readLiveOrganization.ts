import {
    DescribeOrganizationCommand,
    DescribePolicyCommand,
    ListRootsCommand,
    OrganizationsClient,
    paginateListAccountsForParent,
    paginateListAWSServiceAccessForOrganization,
    paginateListDelegatedAdministrators,
    paginateListDelegatedServicesForAccount,
    paginateListOrganizationalUnitsForParent,
    paginateListPolicies,
    paginateListTagsForResource,
    paginateListTargetsForPolicy,
    PolicyType,
    Tag,
} from "@aws-sdk/client-organizations";
import { POLICY_TYPE_FACTS, POLICY_TYPES } from "../../policypacks/aws-org-guardrails/core/policyTypes";
import { LiveAccount, LiveDelegatedAdministrator, LiveOrganization, LiveOrganizationalUnit, LivePolicy } from "./liveOrganization";
import { mapLimited } from "./mapLimited";
import { collectPages } from "./organizationsClient";

export interface ReadOptions {
    /** Read the tags of every account, OU and SCP: one more request each. Default true. */
    readonly tags?: boolean;
    /** Receives a line now and then while a large organization is read. */
    readonly progress?: (message: string) => void;
    /** Report progress each time this many more accounts (or tags) are read. Default 100. */
    readonly progressEvery?: number;
    /** Requests in flight at once. Default 4. */
    readonly concurrency?: number;
}

type Draft<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Reads the whole organization the client's credentials manage: the organization, its root,
 * every OU (level by level), every account per parent, every policy of every enabled type the
 * program knows with its document and targets, and optionally tags. Every list call follows `NextToken` to the end.
 */
export async function readLiveOrganization(client: OrganizationsClient, options: ReadOptions = {}): Promise<LiveOrganization> {
    const concurrency = options.concurrency ?? 4;
    const progress = () => new Progress(options.progress, options.progressEvery ?? 100);
    const organization = (await client.send(new DescribeOrganizationCommand({}))).Organization;
    const root = (await client.send(new ListRootsCommand({}))).Roots?.[0];
    if (organization?.Id === undefined || root?.Id === undefined) throw new Error("AWS returned no organization or no root for these credentials.");
    const rootId = root.Id;
    const featureSet = organization.FeatureSet === "CONSOLIDATED_BILLING" ? "CONSOLIDATED_BILLING" : "ALL";
    const enabledPolicyTypes = (root.PolicyTypes ?? []).filter((t) => t.Status === "ENABLED").map((t) => String(t.Type));
    const serviceAccessPrincipals =
        featureSet === "ALL"
            ? (await collectPages(paginateListAWSServiceAccessForOrganization({ client }, {}), (p) => p.EnabledServicePrincipals)).map((s) => String(s.ServicePrincipal))
            : [];

    const ous: Draft<LiveOrganizationalUnit>[] = [];
    const accounts: Draft<LiveAccount>[] = [];
    const treeProgress = progress();
    let level: { id: string; path: string | null }[] = [{ id: rootId, path: null }];
    while (level.length > 0) {
        const children = await mapLimited(level, concurrency, async (parent) => ({
            parent,
            units: await collectPages(paginateListOrganizationalUnitsForParent({ client }, { ParentId: parent.id }), (p) => p.OrganizationalUnits),
            members: await collectPages(paginateListAccountsForParent({ client }, { ParentId: parent.id }), (p) => p.Accounts),
        }));
        level = [];
        for (const { parent, units, members } of children) {
            for (const u of units) {
                const name = String(u.Name);
                const path = parent.path === null ? name : `${parent.path}/${name}`;
                ous.push({ id: String(u.Id), name, path, parentId: parent.id, parentPath: parent.path, policyIds: [] });
                level.push({ id: String(u.Id), path });
            }
            for (const a of members) {
                accounts.push({
                    id: String(a.Id),
                    name: a.Name ?? "",
                    email: a.Email ?? "",
                    state: a.State ?? a.Status ?? "ACTIVE",
                    parentId: parent.id,
                    ouPath: parent.path,
                    policyIds: [],
                });
            }
        }
        treeProgress.count(accounts.length, (n) => `Read ${n} accounts in ${ous.length} OUs so far...`);
    }

    const types = featureSet === "ALL" ? POLICY_TYPES.map((t) => POLICY_TYPE_FACTS[t].apiName).filter((t) => enabledPolicyTypes.includes(t)) : [];
    const policies: Awaited<ReturnType<typeof readPolicies>> = [];
    for (const type of types) policies.push(...(await readPolicies(client, concurrency, type)));
    const attached = new Map<string, string[]>();
    for (const { policy, targets } of policies) {
        for (const t of targets) attached.set(t, [...(attached.get(t) ?? []), policy.id]);
    }
    for (const target of [...ous, ...accounts]) target.policyIds = attached.get(target.id) ?? [];

    if (options.tags ?? true) {
        const tagged: { id: string; target: { tags?: Readonly<Record<string, string>> } }[] = [
            ...accounts.map((a) => ({ id: a.id, target: a })),
            ...ous.map((o) => ({ id: o.id, target: o })),
            ...policies.filter((p) => !p.policy.awsManaged).map((p) => ({ id: p.policy.id, target: p.policy })),
        ];
        const tagProgress = progress();
        let done = 0;
        await mapLimited(tagged, concurrency, async ({ id, target }) => {
            target.tags = tagMap(await collectPages(paginateListTagsForResource({ client }, { ResourceId: id }), (p) => p.Tags));
            tagProgress.count(++done, (n) => `Read tags of ${n} of ${tagged.length} accounts, OUs and policies...`);
        });
    }

    const delegatedAdministrators = featureSet === "ALL" ? await readDelegations(client, concurrency) : [];

    return {
        id: organization.Id,
        featureSet,
        managementAccountId: String(organization.MasterAccountId),
        rootId,
        enabledPolicyTypes,
        serviceAccessPrincipals,
        rootPolicyIds: attached.get(rootId) ?? [],
        policies: policies.map((p) => p.policy),
        organizationalUnits: ous,
        accounts,
        delegatedAdministrators,
    };
}

/** Every delegated administrator and the services delegated to it, by service principal. */
async function readDelegations(client: OrganizationsClient, concurrency: number): Promise<LiveDelegatedAdministrator[]> {
    const admins = await collectPages(paginateListDelegatedAdministrators({ client }, {}), (p) => p.DelegatedAdministrators);
    const perAccount = await mapLimited(admins, concurrency, async (a) => {
        const accountId = String(a.Id);
        const services = await collectPages(paginateListDelegatedServicesForAccount({ client }, { AccountId: accountId }), (p) => p.DelegatedServices);
        return services.map((s) => ({ servicePrincipal: String(s.ServicePrincipal), accountId }));
    });
    return perAccount.flat().sort((a, b) => (a.servicePrincipal < b.servicePrincipal ? -1 : a.servicePrincipal > b.servicePrincipal ? 1 : 0));
}

/** Every policy of a type with its document and the ids of the roots, OUs and accounts it is attached to. */
async function readPolicies(client: OrganizationsClient, concurrency: number, type: string): Promise<{ policy: Draft<LivePolicy>; targets: string[] }[]> {
    const summaries = await collectPages(paginateListPolicies({ client }, { Filter: type as PolicyType }), (p) => p.Policies);
    return mapLimited(summaries, concurrency, async (s) => {
        const id = String(s.Id);
        const described = await client.send(new DescribePolicyCommand({ PolicyId: id }));
        const targets = await collectPages(paginateListTargetsForPolicy({ client }, { PolicyId: id }), (p) => p.Targets);
        return {
            policy: {
                id,
                name: String(s.Name),
                description: s.Description ?? "",
                content: described.Policy?.Content ?? "",
                awsManaged: s.AwsManaged === true,
                ...(type === POLICY_TYPE_FACTS.SCP.apiName ? {} : { type }),
            },
            targets: targets.map((t) => String(t.TargetId)),
        };
    });
}

function tagMap(tags: readonly Tag[]): Record<string, string> {
    return Object.fromEntries(tags.map((t) => [String(t.Key), t.Value ?? ""]));
}

/** Reports a count each time it passes another multiple of `every`, so small organizations stay quiet. */
class Progress {
    private reported = 0;

    constructor(
        private readonly sink: ((message: string) => void) | undefined,
        private readonly every: number,
    ) {}

    count(n: number, message: (n: number) => string): void {
        if (this.sink === undefined || Math.floor(n / this.every) <= Math.floor(this.reported / this.every)) return;
        this.reported = n;
        this.sink(message(n));
    }
}
