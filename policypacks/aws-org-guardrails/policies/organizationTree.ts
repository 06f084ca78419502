import type { PolicyResource } from "@pulumi/policy";
import { read, readString, readStringList, UNKNOWN, Unknown } from "./known";
import { accountName, isRetired, ofType, policySets } from "./shared";
import { DEFAULT_ACCESS_ROLE, FACTS, FULL_AWS_ACCESS, FULL_AWS_ACCESS_ID, GLOBAL_SERVICES_REGION, TYPES } from "../core/names";
import { PathLevel } from "../core/pathEvaluation";
import { NamedPolicy, PolicyDocument } from "../core/policyDocument";
import { checkRcpText, checkScpText } from "../core/scpDocument";
import { POLICY_TYPE_FACTS, RCP_FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS_ID } from "../core/policyTypes";

/**
 * The organization as the stack describes it, for evaluating SCPs: each account's path from
 * the root, the SCPs attached at each level, and the facts the program registers (Regions,
 * access roles). Built from what CrossGuard shows a stack policy, and safe with values unknown
 * during a preview: structure comes from parents and property dependencies, SCPs from their
 * names and contents, which are known then.
 */
export interface OrganizationTree {
    readonly accounts: readonly AccountInTree[];
    /** The SCP documents by the names the levels use. */
    readonly policies: ReadonlyMap<string, NamedPolicy>;
    /** The Regions the organization uses (the organization component's `regions`). */
    readonly regions: readonly string[];
    /** The SCP set attached at a level, by `levelKey`. */
    readonly sets: ReadonlyMap<string, PolicyResource>;
}

export interface AccountInTree {
    readonly name: string;
    readonly urn: string;
    /** The 12-digit id, once known (an account not created yet has none). */
    readonly id?: string;
    readonly roleName: string;
    readonly managementAccount: boolean;
    readonly retired: boolean | Unknown;
    /** Path of its OU (`HIPAA/PCI`), null directly under the root; undefined when it cannot be placed. */
    readonly ouPath: string | null | undefined;
    /** Root, OUs, the account, each with its SCPs; undefined when it cannot be placed. */
    readonly levels?: readonly PathLevel[];
}

/** How a level is keyed in {@link OrganizationTree.sets}. */
export function levelKey(level: Pick<PathLevel, "kind" | "name">): string {
    return `${level.kind}\n${level.name}`;
}

const FULL_ACCESS_DOCUMENT: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
const FULL_ACCESS: NamedPolicy = { name: FULL_AWS_ACCESS, document: FULL_ACCESS_DOCUMENT };

/**
 * An SCP whose document the stack does not show (its content unknown or invalid, or an SCP
 * managed elsewhere): it may allow anything and is not known to deny anything, so it never
 * makes a lockout by itself. `scp-document-valid` reports invalid content.
 */
function unseen(name: string): NamedPolicy {
    return { name, document: FULL_ACCESS_DOCUMENT };
}

function nameOf(r: PolicyResource): string {
    const name = readString(r.props, "name");
    return typeof name === "string" ? name : r.name;
}

const RCP_FULL_ACCESS: NamedPolicy = { name: RCP_FULL_AWS_ACCESS, document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] } };

/** What differs between the SCP tree and the RCP tree: the type, its default policy, its grammar. */
const KINDS = {
    SCP: { apiName: POLICY_TYPE_FACTS.SCP.apiName, full: FULL_ACCESS, fullId: FULL_AWS_ACCESS_ID, check: checkScpText },
    RCP: { apiName: POLICY_TYPE_FACTS.RCP.apiName, full: RCP_FULL_ACCESS, fullId: RCP_FULL_AWS_ACCESS_ID, check: checkRcpText },
} as const;

/**
 * Builds the tree of SCPs (or, with `kind` `RCP`, of RCPs: every level without an RCP set
 * holds `RCPFullAWSAccess`); `undefined` when the stack has no organization to judge.
 */
export function organizationTree(resources: readonly PolicyResource[], policyKind: keyof typeof KINDS = "SCP"): OrganizationTree | undefined {
    const organization = ofType(resources, TYPES.organization)[0];
    if (organization === undefined) return undefined;
    const { apiName, full, fullId, check } = KINDS[policyKind];
    const policies = new Map<string, NamedPolicy>([[full.name, full]]);
    const scps = ofType(resources, TYPES.policy).filter((p) => (readString(p.props, "type") ?? "SERVICE_CONTROL_POLICY") === apiName);
    const byName = new Map(scps.map((p) => [nameOf(p), p]));
    const byId = new Map(scps.flatMap((p) => {
        const id = readString(p.props, "id");
        return typeof id === "string" ? [[id, p] as const] : [];
    }));
    const documentOf = (p: PolicyResource): NamedPolicy => {
        const name = nameOf(p);
        const content = readString(p.props, "content");
        const document = typeof content === "string" ? check(content).document : undefined;
        return document === undefined ? unseen(name) : { name, document };
    };

    /** A stand-in for SCPs of a set whose list is unknown. */
    const unseenKey = (set: PolicyResource): string => {
        const label = `the ${policyKind}s of ${set.name}`;
        policies.set(label, unseen(label));
        return label;
    };

    /** The SCP names of a set, each resolved to a document in `policies`. */
    const setPolicies = (set: PolicyResource): string[] => {
        const names = read(set.props, "policyNames");
        const ids = read(set.props, "policyIds");
        const count = Math.max(Array.isArray(names) ? names.length : 0, Array.isArray(ids) ? ids.length : 0);
        if (count === 0) return [unseenKey(set)];
        const result: string[] = [];
        for (let i = 0; i < count; i++) {
            const name = readString(set.props, "policyNames", i);
            const id = readString(set.props, "policyIds", i);
            // The provider attaches by id; names stand in for ids not known yet.
            const resource = (typeof id === "string" ? byId.get(id) : undefined) ?? (typeof name === "string" ? byName.get(name) : undefined);
            if (id === fullId || (typeof id !== "string" && resource === undefined && name === full.name)) {
                result.push(full.name);
            } else if (resource !== undefined) {
                const policy = documentOf(resource);
                policies.set(policy.name, policy);
                result.push(policy.name);
            } else {
                const label = typeof name === "string" ? name : typeof id === "string" ? id : `${set.name} #${i}`;
                policies.set(label, unseen(label));
                result.push(label);
            }
        }
        return result;
    };

    // Which set is attached to which target: by the resource its target id comes from, else by kind and name.
    const setByTarget = new Map<PolicyResource, PolicyResource>();
    const setByName = new Map<string, PolicyResource>();
    for (const set of policySets(resources, apiName)) {
        const target = set.propertyDependencies.targetId?.[0];
        if (target !== undefined) setByTarget.set(target, set);
        const kind = readString(set.props, "targetKind");
        const name = readString(set.props, "targetName");
        if (typeof kind === "string" && typeof name === "string") setByName.set(`${kind}\n${kind === "root" ? "root" : name}`, set);
    }
    const sets = new Map<string, PolicyResource>();
    const level = (levelKind: PathLevel["kind"], name: string, target: PolicyResource): PathLevel => {
        const set = setByTarget.get(target) ?? setByName.get(`${levelKind}\n${name}`);
        if (set === undefined) return { kind: levelKind, name, policies: [full.name] };
        sets.set(levelKey({ kind: levelKind, name }), set);
        return { kind: levelKind, name, policies: setPolicies(set) };
    };
    const root = level("root", "root", organization);

    const ous = ofType(resources, TYPES.organizationalUnit);
    const ouById = new Map(ous.flatMap((ou) => {
        const id = readString(ou.props, "id");
        return typeof id === "string" ? [[id, ou] as const] : [];
    }));
    /** The OU (or the organization, for the root) a resource's `parentId` comes from. */
    const parentOf = (r: PolicyResource): PolicyResource | undefined => {
        const source = r.propertyDependencies.parentId?.find((d) => d.type === TYPES.organizationalUnit || d.type === TYPES.organization);
        if (source !== undefined) return source;
        const id = readString(r.props, "parentId");
        if (typeof id !== "string") return undefined;
        const roots = read(organization.props, "roots", 0, "id");
        return ouById.get(id) ?? (roots === id ? organization : undefined);
    };
    const ouLevels = new Map<PolicyResource, readonly PathLevel[] | undefined>();
    /** Root and OUs down to `ou`, top down; undefined when a parent cannot be found (or in a cycle). */
    const levelsTo = (ou: PolicyResource): readonly PathLevel[] | undefined => {
        if (ouLevels.has(ou)) return ouLevels.get(ou);
        ouLevels.set(ou, undefined);
        const parent = parentOf(ou);
        const above = parent === organization ? [root] : parent === undefined ? undefined : levelsTo(parent);
        const parentPath = above === undefined ? undefined : above[above.length - 1]?.kind === "ou" ? above[above.length - 1]?.name : undefined;
        const path = parentPath === undefined ? nameOf(ou) : `${parentPath}/${nameOf(ou)}`;
        const result = above === undefined ? undefined : [...above, level("ou", path, ou)];
        ouLevels.set(ou, result);
        return result;
    };

    const accounts = ofType(resources, TYPES.account).map((a): AccountInTree => {
        const name = accountName(a.props, a.name);
        const component = a.parent?.type === TYPES.accountComponent ? a.parent : undefined;
        const id = readString(component?.props, "id") ?? readString(a.props, "id");
        const roleName = readString(component?.props, FACTS.roleName) ?? readString(a.props, "roleName");
        const parent = parentOf(a);
        const above = parent === organization ? [root] : parent === undefined ? undefined : levelsTo(parent);
        const last = above?.[above.length - 1];
        return {
            name,
            urn: a.urn,
            ...(typeof id === "string" && /^\d{12}$/.test(id) ? { id } : {}),
            roleName: typeof roleName === "string" ? roleName : DEFAULT_ACCESS_ROLE,
            managementAccount: read(component?.props, FACTS.managementAccount) === true,
            retired: isRetired(a.props),
            ouPath: above === undefined ? undefined : last?.kind === "ou" ? last.name : null,
            ...(above === undefined ? {} : { levels: [...above, level("account", name, a)] }),
        };
    });

    const facts = ofType(resources, TYPES.organizationComponent)[0];
    const regions = readStringList(facts?.props, FACTS.regions);
    return {
        accounts,
        policies,
        regions: regions === UNKNOWN || regions === undefined || regions.length === 0 ? [GLOBAL_SERVICES_REGION] : regions,
        sets,
    };
}
