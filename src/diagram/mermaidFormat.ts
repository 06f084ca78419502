import { ACCOUNT_TABLE_THRESHOLD } from "./dotFormat";
import { accountNotes, DiagramAccount, DiagramOu, OrgDiagram, PolicySummary, strategyLabel } from "./orgGraph";
import { FULL_AWS_ACCESS } from "../model/types";
import { PENDING_ID } from "../registry/accountRegistry";

/**
 * The organization as a Mermaid flowchart, which GitHub and GitLab render inside Markdown:
 * a subgraph per OU in its switch-role colour, SCPs in each node, accounts listed in one
 * node when an OU has many.
 */
export function toMermaid(d: OrgDiagram): string {
    const w = new MermaidWriter();
    w.line("flowchart TB");
    const rootId = w.id();
    w.line(`    ${rootId}["${targetLabel("Root", d.root.summary, [])}"]`);
    w.line(`    style ${rootId} fill:#${d.root.color}`);
    w.accounts(rootId, d.root.accounts, "    ");
    for (const ou of d.organizationalUnits) w.ou(ou, rootId, "    ");
    w.line(`    classDef warn stroke:#b3261e,stroke-width:2px`);
    return w.text();
}

function targetLabel(name: string, s: PolicySummary, allowListsAbove: readonly string[]): string {
    const lines = [`<b>${text(name)}</b>${s.allowList ? " [ALLOW-LIST]" : s.ineffectiveAllowList ? " [ALLOW-LIST IGNORED]" : ""}`];
    for (const p of s.policies) {
        lines.push(p.name === FULL_AWS_ACCESS ? `${FULL_AWS_ACCESS}: still attached, so the allow-list restricts nothing` : `${text(p.name)}: ${strategyLabel(p.strategy)}`);
    }
    if (s.fullAccessDetached) lines.push("FullAWSAccess detached");
    if (s.fullAccessDetached && s.allowsNothing) lines.push("<b>nothing is allowed below this point</b>");
    if (allowListsAbove.length > 0) lines.push(`also limited by the allow-list of ${allowListsAbove.map(text).join(", ")}`);
    for (const o of s.otherPolicies) lines.push(`${text(o.type)}: ${o.names.map(text).join(", ")}`);
    return lines.join("<br/>");
}

function accountLine(a: DiagramAccount): string {
    const notes = accountNotes(a).text;
    return `${text(a.name)} ${text(a.id ?? PENDING_ID)}${notes === "" ? "" : ` - ${text(notes)}`}`;
}

/** Mermaid label text: quotes and angle brackets as its entity codes, so names cannot break the syntax. */
function text(s: string): string {
    return s.replace(/&/g, "#amp;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

class MermaidWriter {
    private readonly lines: string[] = [];
    private next = 0;

    id(): string {
        return `n${this.next++}`;
    }

    line(s: string): void {
        this.lines.push(s);
    }

    ou(ou: DiagramOu, parentId: string, indent: string): void {
        const group = this.id();
        const node = this.id();
        this.line(`${indent}subgraph ${group}[" "]`);
        this.line(`${indent}    ${node}["${targetLabel(ou.path, ou.summary, ou.allowListsAbove)}"]`);
        this.accounts(node, ou.accounts, `${indent}    `);
        for (const child of ou.children) this.ou(child, node, `${indent}    `);
        this.line(`${indent}end`);
        this.line(`${indent}style ${group} fill:#${ou.color}33,stroke:#${ou.color}`);
        this.line(`${indent}style ${node} fill:#${ou.color}`);
        if (ou.summary.ineffectiveAllowList || ou.summary.allowsNothing) this.line(`${indent}class ${node} warn`);
        this.line(`${indent}${parentId} --- ${node}`);
    }

    accounts(parentId: string, accounts: readonly DiagramAccount[], indent: string): void {
        if (accounts.length === 0) return;
        if (accounts.length > ACCOUNT_TABLE_THRESHOLD) {
            const id = this.id();
            this.line(`${indent}${id}["${[`${accounts.length} accounts`, ...accounts.map(accountLine)].join("<br/>")}"]`);
            this.line(`${indent}${parentId} --- ${id}`);
            return;
        }
        for (const a of accounts) {
            const id = this.id();
            this.line(`${indent}${id}("${accountLine(a)}")`);
            this.line(`${indent}${parentId} --- ${id}`);
        }
    }

    text(): string {
        return `${this.lines.join("\n")}\n`;
    }
}
