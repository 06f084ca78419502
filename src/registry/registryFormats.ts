import { AccountOutput, PENDING_ID, PENDING_NOTE, RegistryEntry } from "./accountRegistry";
import { consoleColorByHex } from "./consolePalette";
import { extendSwitchRolesProfile, uniqueProfileNames } from "./switchRole";
import { at } from "../../policypacks/aws-org-guardrails/core/at";

/** Every format `npm run accounts` prints. */
export const REGISTRY_FORMATS = ["table", "csv", "markdown", "json", "aws-config", "extend-switch-roles"] as const;
export type RegistryFormat = (typeof REGISTRY_FORMATS)[number];

export interface FormatOptions {
    /** Added to extension entries; `~/.aws/config` profiles carry it already. */
    readonly region?: string;
}

/** The registry in one of the formats, ending with a newline. */
export function formatRegistry(entries: readonly RegistryEntry[], format: RegistryFormat, options: FormatOptions = {}): string {
    switch (format) {
        case "table":
            return formatTable(entries);
        case "csv":
            return formatCsv(entries);
        case "markdown":
            return formatMarkdown(entries);
        case "json":
            return `${JSON.stringify({ accounts: asOutputs(entries) }, null, 2)}\n`;
        case "aws-config":
            return formatProfiles(entries, "~/.aws/config", (e) => e.awsConfigProfile);
        case "extend-switch-roles": {
            const linked = entries.filter((e): e is RegistryEntry & { readonly id: string } => e.switchRoleUrl !== null && e.id !== null);
            // The accounts that have `~/.aws/config` profiles, named the same way, so both formats agree.
            const names = uniqueProfileNames(linked.map((e) => ({ name: e.name, accountId: e.id })));
            const blocks = new Map<RegistryEntry, string>(
                linked.map((e, i) => [e, extendSwitchRolesProfile(at(names, i), { accountId: e.id, roleName: e.roleName, displayName: e.displayName, color: e.color }, options.region)]),
            );
            return formatProfiles(entries, "the AWS Extend Switch Roles extension", (e) => blocks.get(e) ?? null);
        }
    }
}

/** The `accounts` stack output shape: rows by account name. */
export function asOutputs(entries: readonly RegistryEntry[]): Record<string, AccountOutput> {
    const result: Record<string, AccountOutput> = {};
    for (const { name, ...output } of entries) result[name] = output;
    return result;
}

function ouLabel(ouPath: string | null): string {
    return ouPath ?? "(root)";
}

function colorLabel(hex: string): string {
    return consoleColorByHex(hex)?.name ?? hex;
}

function formatTable(entries: readonly RegistryEntry[]): string {
    const header = ["ACCOUNT", "ID", "OU", "JOINED", "ROLE", "COLOUR", "SWITCH ROLE"];
    const noted = entries.filter((e) => extraNote(e) !== null);
    const rows = entries.map((e) => [
        e.name + (extraNote(e) !== null ? " *" : ""),
        e.id ?? PENDING_ID,
        ouLabel(e.ouPath),
        e.joined,
        e.switchRoleUrl === null && e.id !== null ? "-" : e.roleName,
        colorLabel(e.color),
        e.switchRoleUrl ?? "-",
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => at(r, i).length)));
    // The last column is not padded: trailing spaces after a URL only get in the way of copying it.
    const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(at(widths, i)))).join("  ");
    const out = [line(header), ...rows.map(line)];
    if (noted.length > 0) out.push("", ...noted.map((e) => `* ${e.name}: ${extraNote(e)}`));
    const pending = entries.filter((e) => e.id === null).length;
    out.push("", `${entries.length} account${entries.length === 1 ? "" : "s"}` + (pending > 0 ? `; ${pending} not created yet: their ids, links and profiles exist after \`pulumi up\` (then use --from-outputs).` : "."));
    return `${out.join("\n")}\n`;
}

/** The note of a row beyond "not created yet", which the id column already says. */
function extraNote(e: RegistryEntry): string | null {
    const rest = (e.note ?? "").split("; ").filter((n) => n !== "" && n !== PENDING_NOTE);
    return rest.length > 0 ? rest.join("; ") : null;
}

const CSV_COLUMNS = ["name", "id", "email", "ouPath", "joined", "roleName", "displayName", "color", "switchRoleUrl", "note"] as const;

function formatCsv(entries: readonly RegistryEntry[]): string {
    const cell = (v: string | null): string => {
        const s = v ?? "";
        return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const lines = [CSV_COLUMNS.join(","), ...entries.map((e) => CSV_COLUMNS.map((c) => cell(e[c])).join(","))];
    return `${lines.join("\r\n")}\r\n`;
}

function formatMarkdown(entries: readonly RegistryEntry[]): string {
    const esc = (s: string) => s.replace(/\|/g, "\\|");
    const lines = [
        "| Account | Account id | Email | OU | Joined | Role | Console | Notes |",
        "|---|---|---|---|---|---|---|---|",
        ...entries.map((e) =>
            `| ${esc(e.name)} | ${e.id ?? PENDING_ID} | ${esc(e.email)} | ${esc(ouLabel(e.ouPath))} | ${e.joined} | ${esc(e.roleName)} | ${e.switchRoleUrl ? `[switch role](${e.switchRoleUrl})` : "-"} | ${esc(e.note ?? "")} |`,
        ),
    ];
    return `${lines.join("\n")}\n`;
}

function formatProfiles(entries: readonly RegistryEntry[], target: string, block: (e: RegistryEntry) => string | null): string {
    const parts = [`# Profiles for ${target}, one per account of the organization (npm run accounts).`];
    const skipped: string[] = [];
    for (const e of entries) {
        const b = block(e);
        if (b !== null) parts.push(b);
        else if (e.id !== null) skipped.push(`# ${e.name}: ${e.note ?? "no role to switch to"}`);
    }
    const pending = entries.filter((e) => e.id === null).map((e) => e.name);
    if (pending.length > 0) skipped.push(`# Not created yet, no profile until \`pulumi up\`: ${pending.join(", ")}`);
    if (skipped.length > 0) parts.push(skipped.join("\n"));
    return `${parts.join("\n\n")}\n`;
}
