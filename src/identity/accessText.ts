import { AccessEvaluation, INLINE_POLICY } from "./accessEvaluation";
import { AccessCell, AccessReport } from "./accessReport";
import { policyPath } from "../scp/policyPath";
import { OrgModel } from "../model/types";

export interface AccessTextOptions {
    /** How the org file is named in the title (relative path). */
    readonly fileLabel: string;
    readonly contextPairs: readonly (readonly [string, string])[];
}

function where(cell: AccessCell): string {
    const a = cell.account;
    if (a.isManagementAccount) return "the management account, where SCPs do not apply";
    return a.ouPath === null ? "directly under the root" : `OU ${a.ouPath}`;
}

/** An SCP level as the text names it: the root, an OU, or the account itself. */
function levelLabel(level: string, cell: AccessCell): string {
    if (level === "root") return "the root";
    return level === cell.account.name ? "the account" : `OU ${level}`;
}

/** Why a decision was made, in words. */
function reason(model: OrgModel, cell: AccessCell, e: AccessEvaluation): string {
    const by = e.decidedBy;
    if (by === undefined) return "";
    const statement = by.statement === undefined ? "" : ` (statement ${by.statement})`;
    switch (by.policyType) {
        case "SCP":
        case "RCP": {
            if (e.decision === "ExplicitlyDenied") return `denied by ${by.policyType} ${by.policy ?? "?"} at ${levelLabel(by.level, cell)}${statement}`;
            const level = policyPath(model, { kind: "account", account: cell.account }).find((l) => l.name === by.level);
            return `no Allow in the ${by.policyType}s at ${levelLabel(by.level, cell)}${level === undefined ? "" : ` (${level.policies.join(", ")})`}`;
        }
        case "PermissionsBoundary":
            return e.decision === "ExplicitlyDenied" ? `denied by the permissions boundary ${by.policy ?? ""}${statement}` : `the permissions boundary ${by.policy ?? ""} does not allow it`;
        case "PermissionSet":
            return e.decision === "ExplicitlyDenied" ? `denied by ${by.policy === INLINE_POLICY ? "the permission set's inline policy" : `${by.policy ?? "?"} of the permission set`}${statement}` : "no policy of the permission set allows it";
    }
}

function mark(e: AccessEvaluation): string {
    return e.decision === "Allowed" ? "✓" : "✗";
}

/**
 * The readable form of an access report: one block per group, account and permission set,
 * each action with ✓/✗ and why; a group without a permission set in an account says so.
 * Without actions: a matrix of accounts × groups with the permission sets each group holds.
 */
export function renderAccess(model: OrgModel, report: AccessReport, options: AccessTextOptions): string {
    if (report.actions.length === 0) return matrix(report);
    const context = options.contextPairs.length === 0 ? "no request context" : `context ${options.contextPairs.map(([k, v]) => `${k}=${v}`).join(", ")}`;
    const lines = [`Access through Identity Center in ${options.fileLabel} for resource \`${report.request.resource}\`, ${context}`, ""];
    for (const cell of report.cells) {
        const head = `${cell.group} in ${cell.account.name} (${where(cell)})`;
        if (cell.permissionSet === undefined) {
            lines.push(`${head}: no permission set assigned, so no access`, "");
            continue;
        }
        lines.push(`${head} with ${cell.permissionSet.name} (assigned through ${cell.via === cell.account.name ? "the account" : `\`${cell.via ?? "?"}\``})`);
        for (const { action, evaluation } of cell.decisions) {
            const why = reason(model, cell, evaluation);
            lines.push(`  ${mark(evaluation)} ${action}${why === "" ? "" : ` — ${why}`}`);
        }
        const unevaluated = cell.decisions[0]?.evaluation.unevaluated ?? [];
        if (unevaluated.length > 0) lines.push(`  Not evaluated (customer managed, their documents are in each account): ${unevaluated.join(", ")}`);
        lines.push("");
    }
    return lines.join("\n").trimEnd();
}

/** Accounts × groups, each cell the permission sets the group holds there (`-`: none). */
function matrix(report: AccessReport): string {
    const groups = [...new Set(report.cells.map((c) => c.group))];
    const accounts = [...new Set(report.cells.map((c) => c.account.name))];
    const held = (account: string, group: string) =>
        report.cells
            .filter((c) => c.account.name === account && c.group === group && c.permissionSet !== undefined)
            .map((c) => c.permissionSet?.name ?? "")
            .join(", ") || "-";
    const rows = accounts.map((a) => [a, ...groups.map((g) => held(a, g))]);
    const header = ["ACCOUNT", ...groups];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  ");
    return [line(header), ...rows.map(line), "", "Permission sets each group holds in each account (-: none). Add --action to see what they allow there."].join("\n");
}
