import { accountNotes, DiagramAccount, DiagramOu, OrgDiagram, PolicySummary, strategyLabel } from "./orgGraph";
import { FULL_AWS_ACCESS } from "../model/types";
import { PENDING_ID } from "../registry/accountRegistry";

/**
 * An OU with more accounts than this lists them as rows of its own node; fewer get a node
 * each. Rows keep a 100-account organization compact enough to read on one screen.
 */
export const ACCOUNT_TABLE_THRESHOLD = 2;

const INK = "#232f3e";
const MUTED = "#6b7785";
const WARN = "#b3261e";
const FONT = "Helvetica";

/** The organization as Graphviz DOT: the root on top, a cluster per OU, SCPs on each node. */
export function toDot(d: OrgDiagram): string {
    const out = new DotWriter();
    out.line("digraph organization {");
    out.indent(() => {
        out.line(`graph [rankdir=TB, fontname="${FONT}", fontsize=16, fontcolor="${INK}", labelloc=t, labeljust=l, nodesep=0.25, ranksep=0.45, pad=0.3,`);
        out.line(`       label=<${heading(d)}>];`);
        out.line(`node [fontname="${FONT}", fontsize=11, shape=plain, fontcolor="${INK}"];`);
        out.line(`edge [color="#9aa5b1", arrowhead=none, penwidth=1.2];`);
        const rootId = nodeId("root", "");
        const rootTable = d.root.accounts.length > ACCOUNT_TABLE_THRESHOLD;
        out.line(`${rootId} [label=<${targetTable("Root", d.root.summary, d.root.color, rootTable ? d.root.accounts : [])}>];`);
        if (!rootTable) accountNodes(out, rootId, d.root.accounts);
        writeChildren(out, rootId, d.organizationalUnits);
    });
    out.line("}");
    return out.text();
}

/**
 * Side by side, the OUs of one parent make a strip as wide as the organization is large (15:1
 * with 100 OUs). More than `ROW_THRESHOLD` of them wrap into rows of about √n: each row is
 * pushed below the one above by an invisible edge as long as that row is deep (in ranks), and
 * the edges from the parent to the later rows stop constraining the ranks.
 */
const ROW_THRESHOLD = 4;

function rowLength(count: number): number {
    return count > ROW_THRESHOLD ? Math.ceil(Math.sqrt(count)) : count;
}

/** How many ranks an OU's box and everything drawn inside it take. */
function rankHeight(ou: DiagramOu): number {
    const accountsBelow = ou.accounts.length > 0 && ou.accounts.length <= ACCOUNT_TABLE_THRESHOLD ? 1 : 0;
    return 1 + Math.max(accountsBelow, childrenHeight(ou.children));
}

function rows<T>(items: readonly T[]): T[][] {
    const length = rowLength(items.length);
    const result: T[][] = [];
    for (let i = 0; i < items.length; i += length) result.push(items.slice(i, i + length));
    return result;
}

function childrenHeight(children: readonly DiagramOu[]): number {
    return rows(children).reduce((sum, row) => sum + Math.max(...row.map(rankHeight)), 0);
}

function writeChildren(out: DotWriter, parentId: string, children: readonly DiagramOu[]): void {
    const grid = rows(children);
    grid.forEach((row, r) => {
        const above = grid[r - 1];
        row.forEach((ou, i) => {
            writeOu(out, ou, parentId, above === undefined ? "" : " [constraint=false]");
            const over = above?.[i] ?? above?.[above.length - 1];
            if (above !== undefined && over !== undefined) {
                out.line(`${nodeId("ou", over.path)} -> ${nodeId("ou", ou.path)} [style=invis, minlen=${String(Math.max(...above.map(rankHeight)))}];`);
            }
        });
    });
}

function writeOu(out: DotWriter, ou: DiagramOu, parentId: string, edgeAttributes: string): void {
    const id = nodeId("ou", ou.path);
    out.line(`subgraph "cluster_${escapeQuoted(ou.path)}" {`);
    out.indent(() => {
        out.line(`style="rounded,filled"; color="#${ou.color}"; fillcolor="#${ou.color}33"; penwidth=1.5; label="";`);
        const table = ou.accounts.length > ACCOUNT_TABLE_THRESHOLD;
        out.line(`${id} [label=<${targetTable(ou.path, ou.summary, ou.color, table ? ou.accounts : [], ou.allowListsAbove)}>];`);
        if (!table) accountNodes(out, id, ou.accounts);
        writeChildren(out, id, ou.children);
    });
    out.line("}");
    out.line(`${parentId} -> ${id}${edgeAttributes};`);
}

function accountNodes(out: DotWriter, parentId: string, accounts: readonly DiagramAccount[]): void {
    for (const a of accounts) {
        const id = nodeId("account", a.name);
        out.line(`${id} [label=<${accountCard(a)}>];`);
        out.line(`${parentId} -> ${id};`);
    }
}

/** The node of the root or an OU: name, what its SCPs do, and its accounts as rows when many. */
function targetTable(name: string, s: PolicySummary, color: string, accounts: readonly DiagramAccount[], allowListsAbove: readonly string[] = []): string {
    const span = accounts.length > 0 ? 3 : 1;
    const cell = (content: string, attrs = "") => `<tr><td colspan="${span}" align="left"${attrs}>${content}</td></tr>`;
    const rows = [cell(`<b>${html(name)}</b>${badges(s)}`, ` bgcolor="#${color}" cellpadding="5"`)];
    rows.push(...policyLines(s).map((line) => cell(line)));
    if (allowListsAbove.length > 0) {
        // SCP allow-lists intersect down the tree; people often expect a union, so say it.
        const above = allowListsAbove.map((p) => html(p)).join(", ");
        const text = allowListsAbove.length === 1 ? `the allow-list of ${above} (only what both allow)` : `the allow-lists of ${above} (only what all allow)`;
        rows.push(cell(`<font point-size="9" color="${MUTED}">also limited by ${text}</font>`));
    }
    if (accounts.length > 0) {
        rows.push(cell(`<font point-size="9" color="${MUTED}">${accounts.length} ACCOUNTS</font>`, ` cellpadding="3" sides="t" color="#d5dbe1"`));
        rows.push(...accounts.map(accountRow));
    }
    return `<table border="1" cellborder="0" cellspacing="0" cellpadding="3" color="#8a96a3" bgcolor="white">${rows.join("")}</table>`;
}

function badges(s: PolicySummary): string {
    if (s.allowList) return ` <font point-size="9">[ALLOW-LIST]</font>`;
    if (s.ineffectiveAllowList) return ` <font point-size="9" color="${WARN}">[ALLOW-LIST IGNORED]</font>`;
    return "";
}

function policyLines(s: PolicySummary): string[] {
    const lines = s.policies.map((p) =>
        p.name === FULL_AWS_ACCESS
            ? `<font color="${WARN}">${FULL_AWS_ACCESS}</font><font point-size="9" color="${WARN}">: still attached, so the allow-list restricts nothing</font>`
            : `${html(p.name)}<font point-size="9" color="${MUTED}">: ${strategyLabel(p.strategy)}</font>`,
    );
    if (s.fullAccessDetached) lines.push(`<font point-size="10" color="${WARN}">FullAWSAccess detached</font>`);
    if (s.fullAccessDetached && s.allowsNothing) lines.push(`<font point-size="10" color="${WARN}"><b>nothing is allowed below this point</b></font>`);
    for (const o of s.otherPolicies) lines.push(`<font point-size="9" color="${MUTED}">${html(o.type)}: </font>${o.names.map(html).join(", ")}`);
    return lines;
}

/** Name, id (or when it will have one) and notes in columns, so they align whatever the font. */
function accountCells(a: DiagramAccount): string {
    const notes = accountNotes(a);
    const id = a.id ?? PENDING_ID;
    return (
        `<td align="left" cellpadding="2">${html(a.name)}</td>` +
        `<td align="left" cellpadding="2"><font point-size="9" color="${MUTED}">${html(id)}</font></td>` +
        // Graphviz rejects an empty <font>: an account with nothing to note gets an empty cell.
        `<td align="left" cellpadding="2">${notes.text === "" ? "" : `<font point-size="9" color="${notes.warn ? WARN : MUTED}">${html(notes.text)}</font>`}</td>`
    );
}

function accountRow(a: DiagramAccount): string {
    return `<tr>${accountCells(a)}</tr>`;
}

function accountCard(a: DiagramAccount): string {
    return `<table border="1" cellborder="0" cellspacing="0" cellpadding="3" color="#8a96a3" bgcolor="white" style="rounded"><tr>${accountCells(a)}</tr></table>`;
}

/** The title and, beside it, how to read the marks. */
function heading(d: OrgDiagram): string {
    const key = (mark: string, text: string) => `<tr><td align="left"><font point-size="9">${mark}</font></td><td align="left"><font point-size="9" color="${MUTED}">${text}</font></td></tr>`;
    const legend = [
        `<table border="0" cellborder="0" cellspacing="0" cellpadding="1">`,
        key("[ALLOW-LIST]", "only the listed services work in this OU and below"),
        key(`<font color="${WARN}">FullAWSAccess detached</font>`, "only what the SCPs listed allow works here"),
        key("deny", "an SCP that only denies"),
        key(html(PENDING_ID), "not created yet, so no account id"),
        key("colour", "one per top-level OU, lighter for the OUs inside it"),
        "</table>",
    ].join("");
    const title = `<b>${html(d.title)}</b><br/><font point-size="10" color="${MUTED}">${d.ouCount} OUs, ${d.accountCount} accounts</font>`;
    return `<table border="0" cellspacing="0" cellpadding="4"><tr><td align="left" valign="top">${title}</td><td width="40"></td><td align="left">${legend}</td></tr></table>`;
}

/** Graphviz HTML-like labels need `&`, `<`, `>` and `"` escaped. */
function html(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function escapeQuoted(text: string): string {
    return text.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
}

/** A quoted DOT id: any OU path or account name is safe, and kinds never collide. */
function nodeId(kind: "root" | "ou" | "account", key: string): string {
    return `"${kind}:${escapeQuoted(key)}"`;
}

class DotWriter {
    private readonly lines: string[] = [];
    private depth = 0;

    line(text: string): void {
        this.lines.push(`${"    ".repeat(this.depth)}${text}`);
    }

    indent(body: () => void): void {
        this.depth++;
        body();
        this.depth--;
    }

    text(): string {
        return `${this.lines.join("\n")}\n`;
    }
}
