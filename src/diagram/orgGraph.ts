import { ouColor, ROOT_COLOR } from "./ouColors";
import { Account, FULL_AWS_ACCESS, OrganizationalUnit, OrgModel, PolicyTarget, ScpStrategy } from "../model/types";
import { POLICY_TYPE_FACTS, POLICY_TYPES, RCP_FULL_AWS_ACCESS } from "../../policypacks/aws-org-guardrails/core/policyTypes";

/** An SCP as the diagram shows it on a node. */
export interface ShownPolicy {
    readonly name: string;
    readonly strategy: ScpStrategy;
}

/**
 * What the SCPs attached directly to a node mean. FullAWSAccess is listed in `policies` only
 * where it matters: beside an allow-list, which it cancels. Where it is detached, the node
 * says so instead.
 */
export interface PolicySummary {
    readonly policies: readonly ShownPolicy[];
    readonly fullAccessDetached: boolean;
    /** An allow-list that restricts: FullAWSAccess is detached here. */
    readonly allowList: boolean;
    /** An allow-list next to FullAWSAccess: it restricts nothing. */
    readonly ineffectiveAllowList: boolean;
    /** FullAWSAccess detached and nothing else allows anything: every action is denied below. */
    readonly allowsNothing: boolean;
    /** The node's policies of other types, by type (`RCP`, `tag policy`…); `RCPFullAWSAccess` left out. */
    readonly otherPolicies: readonly { readonly type: string; readonly names: readonly string[] }[];
}

export interface DiagramAccount {
    readonly name: string;
    readonly id: string | null;
    readonly adopted: boolean;
    readonly management: boolean;
    readonly retired: boolean;
    /** An existing account outside the organization, waiting for `npm run invite`. */
    readonly invite: boolean;
    /** Only the account's own SCPs; the usual lone FullAWSAccess shows nothing. */
    readonly summary: PolicySummary;
}

export interface DiagramOu {
    readonly name: string;
    readonly path: string;
    readonly depth: number;
    /** Paths of the OUs above with an allow-list: this OU gets the intersection of all of them. */
    readonly allowListsAbove: readonly string[];
    /** Six hex digits: one colour per top-level OU, lighter for the OUs nested in it. */
    readonly color: string;
    readonly summary: PolicySummary;
    readonly accounts: readonly DiagramAccount[];
    readonly children: readonly DiagramOu[];
}

/** The organization as the diagrams draw it: the root, its accounts and the OU tree. */
export interface OrgDiagram {
    /** The org file's name (no directories), for the title. */
    readonly title: string;
    readonly root: { readonly summary: PolicySummary; readonly color: string; readonly accounts: readonly DiagramAccount[] };
    readonly organizationalUnits: readonly DiagramOu[];
    readonly ouCount: number;
    readonly accountCount: number;
}

/** How an account differs from a plain member account ("" when it does not), and whether that needs attention. */
export function accountNotes(a: DiagramAccount): { text: string; warn: boolean } {
    const marks: string[] = [];
    if (a.management) marks.push("management account: SCPs do not apply");
    else if (a.invite) marks.push("to be invited");
    else if (a.adopted) marks.push("adopted");
    if (a.retired) marks.push("retired");
    const own = a.summary.policies.map((p) => p.name);
    if (a.summary.fullAccessDetached) own.push("FullAWSAccess detached");
    if (own.length > 0) marks.push(`SCPs: ${own.join(", ")}`);
    return { text: marks.join("; "), warn: a.management || own.length > 0 };
}

/** What an SCP does, in the words the diagrams print beside its name. */
export function strategyLabel(strategy: ScpStrategy): string {
    switch (strategy) {
        case "allow-list":
            return "allow-list";
        case "deny-list":
            return "deny";
        case "mixed":
            return "allow all, deny some";
        case "full-access":
            return "allow all";
    }
}

/** Builds the diagram of a validated model. */
export function orgDiagram(model: OrgModel, title: string): OrgDiagram {
    const summary = (t: PolicyTarget) => summarize(model, t);
    const account = (a: Account): DiagramAccount => ({
        name: a.name,
        id: a.id ?? null,
        adopted: a.joined === "adopted",
        management: a.isManagementAccount,
        retired: a.retired,
        invite: a.invite,
        summary: summary(a),
    });
    const ou = (o: OrganizationalUnit, above: readonly string[], topIndex: number): DiagramOu => {
        const s = summary(o);
        const below = s.allowList ? [...above, o.path] : above;
        return {
            name: o.name,
            path: o.path,
            depth: o.depth,
            allowListsAbove: above,
            color: ouColor(topIndex, o.depth),
            summary: s,
            accounts: o.accounts.map(account),
            children: o.organizationalUnits.map((c) => ou(c, below, topIndex)),
        };
    };
    return {
        title,
        root: { summary: summary(model.root), color: ROOT_COLOR, accounts: model.accounts.map(account) },
        organizationalUnits: model.organizationalUnits.map((o, i) => ou(o, [], i)),
        ouCount: model.allOrganizationalUnits.length,
        accountCount: model.allAccounts.length,
    };
}

function summarize(model: OrgModel, target: PolicyTarget): PolicySummary {
    const attached = target.policies.map((name) => ({ name, strategy: model.policies.get(name)?.strategy ?? "deny-list" }));
    const hasFullAccess = target.policies.includes(FULL_AWS_ACCESS);
    const hasAllowList = attached.some((p) => p.strategy === "allow-list");
    const allowsSomething = attached.some((p) => p.strategy !== "deny-list");
    return {
        policies: attached.filter((p) => p.name !== FULL_AWS_ACCESS || hasAllowList),
        fullAccessDetached: !hasFullAccess,
        allowList: hasAllowList && !hasFullAccess,
        ineffectiveAllowList: hasAllowList && hasFullAccess,
        allowsNothing: !allowsSomething,
        otherPolicies: POLICY_TYPES.flatMap((type) => {
            const names = (type === "SCP" ? [] : (target.otherPolicies[type] ?? [])).filter((n) => n !== RCP_FULL_AWS_ACCESS);
            return names.length === 0 ? [] : [{ type: POLICY_TYPE_FACTS[type].label, names }];
        }),
    };
}
