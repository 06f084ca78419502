import { DeployedResource, SecretValue } from "./deployedResource";
import { LiveAccount, LiveOrganization, LiveOrganizationalUnit, LivePolicy } from "../aws/liveOrganization";
import { FULL_AWS_ACCESS, FULL_AWS_ACCESS_ID, TYPES } from "../../policypacks/aws-org-guardrails/core/names";

const DELEGATED_ADMINISTRATOR_TYPE = "aws:organizations/delegatedAdministrator:DelegatedAdministrator";

function text(value: unknown): string | undefined {
    const plain = value instanceof SecretValue ? value.plaintext : value;
    return typeof plain === "string" ? plain : undefined;
}

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.flatMap((v) => (typeof v === "string" ? [v] : [])) : [];
}

function tagsOf(r: DeployedResource): Record<string, string> {
    const tags = r.inputs.tags;
    if (tags === null || typeof tags !== "object") return {};
    return Object.fromEntries(Object.entries(tags).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
}

/**
 * The organization a stack's state describes, as the live reader would describe it: the
 * organization, its SCPs with their documents, OUs and accounts with their parents (and their
 * logical names, which become keys), each target's attached SCPs from its SCP set. Undefined
 * when the state holds no organization. It lets a change review against a state judge
 * permissions as one against an org file does.
 */
export function organizationFromState(resources: readonly DeployedResource[]): LiveOrganization | undefined {
    const org = resources.find((r) => r.type === TYPES.organization);
    const roots = org?.outputs.roots;
    const rootId = Array.isArray(roots) ? text((roots[0] as Record<string, unknown> | undefined)?.id) : undefined;
    if (org?.id === undefined || rootId === undefined) return undefined;
    // A target's SCP set (no `policyType`) and its sets of other types share its id.
    const scpSets = new Map<string, string[]>();
    const otherSets = new Map<string, string[]>();
    for (const r of resources.filter((r) => r.type === TYPES.scpAttachments)) {
        const target = text(r.inputs.targetId);
        if (target === undefined) continue;
        const sets = text(r.inputs.policyType) === undefined ? scpSets : otherSets;
        sets.set(target, [...(sets.get(target) ?? []), ...strings(r.inputs.policyIds)]);
    }
    const attached = (id: string) => [...(scpSets.get(id) ?? [FULL_AWS_ACCESS_ID]), ...(otherSets.get(id) ?? [])];
    const policies: LivePolicy[] = [
        { id: FULL_AWS_ACCESS_ID, name: FULL_AWS_ACCESS, description: "", content: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }), awsManaged: true },
        ...resources.filter((r) => r.type === TYPES.policy && r.id !== undefined).map((r) => ({
            id: r.id ?? "",
            // SCPs carry no type, as the live reader gives them.
            ...(text(r.inputs.type) === undefined || text(r.inputs.type) === "SERVICE_CONTROL_POLICY" ? {} : { type: text(r.inputs.type) }),
            name: text(r.inputs.name) ?? r.name,
            description: text(r.inputs.description) ?? "",
            content: text(r.inputs.content) ?? "{}",
            awsManaged: false,
            tags: tagsOf(r),
        })),
    ];
    const ouResources = resources.filter((r) => r.type === TYPES.organizationalUnit && r.id !== undefined);
    const byId = new Map(ouResources.map((r) => [r.id ?? "", r]));
    const paths = new Map<string, string | undefined>();
    /** An OU's path from the root, following `parentId`; undefined for one whose parent is not in the state. */
    const pathOf = (r: DeployedResource): string | undefined => {
        const id = r.id ?? "";
        if (paths.has(id)) return paths.get(id);
        paths.set(id, undefined);
        const parentId = text(r.inputs.parentId);
        const parent = parentId === undefined ? undefined : byId.get(parentId);
        const name = text(r.inputs.name) ?? r.name;
        const path = parentId === rootId ? name : parent === undefined ? undefined : (() => {
            const above = pathOf(parent);
            return above === undefined ? undefined : `${above}/${name}`;
        })();
        paths.set(id, path);
        return path;
    };
    const organizationalUnits: LiveOrganizationalUnit[] = ouResources.flatMap((r) => {
        const path = pathOf(r);
        const parentId = text(r.inputs.parentId);
        if (path === undefined || parentId === undefined) return [];
        const parentPath = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : null;
        return [{ id: r.id ?? "", name: text(r.inputs.name) ?? r.name, key: r.name, path, parentId, parentPath, policyIds: attached(r.id ?? ""), tags: tagsOf(r) }];
    });
    organizationalUnits.sort((a, b) => a.path.split("/").length - b.path.split("/").length);
    const ouPath = new Map(organizationalUnits.map((o) => [o.id, o.path]));
    const managementAccountId = text(org.outputs.masterAccountId) ?? "";
    const accounts: LiveAccount[] = resources.filter((r) => r.type === TYPES.account && r.id !== undefined).map((r) => {
        const parentId = text(r.inputs.parentId) ?? rootId;
        return {
            id: r.id ?? "",
            name: text(r.inputs.name) ?? r.name,
            key: r.name,
            email: text(r.inputs.email) ?? "",
            state: text(r.outputs.status) ?? "ACTIVE",
            parentId,
            ouPath: ouPath.get(parentId) ?? null,
            policyIds: attached(r.id ?? ""),
            tags: tagsOf(r),
        };
    });
    return {
        id: org.id,
        featureSet: text(org.inputs.featureSet) === "CONSOLIDATED_BILLING" ? "CONSOLIDATED_BILLING" : "ALL",
        managementAccountId,
        rootId,
        enabledPolicyTypes: strings(org.inputs.enabledPolicyTypes),
        serviceAccessPrincipals: strings(org.inputs.awsServiceAccessPrincipals),
        rootPolicyIds: attached(rootId),
        policies,
        organizationalUnits,
        accounts,
        delegatedAdministrators: resources
            .filter((r) => r.type === DELEGATED_ADMINISTRATOR_TYPE)
            .flatMap((r) => {
                const accountId = text(r.inputs.accountId);
                const servicePrincipal = text(r.inputs.servicePrincipal);
                return accountId === undefined || servicePrincipal === undefined ? [] : [{ accountId, servicePrincipal }];
            }),
    };
}
