import { ActionImpact, ServiceImpact } from "./permissionImpact";

/** Services named per account; the rest are counted. */
const SERVICES_SHOWN = 10;

function part(s: ServiceImpact, count: number, verb: "lost" | "gained"): string {
    if (verb === "lost" && count === s.before && count === s.total) return `${s.service} (all ${count} actions)`;
    if (verb === "gained" && s.before === 0 && count === s.total) return `${s.service} (all ${count} actions)`;
    return `${s.service} (${count} of ${s.total} actions)`;
}

function list(parts: readonly string[]): string {
    if (parts.length === 0) return "nothing";
    const shown = parts.slice(0, SERVICES_SHOWN);
    return `${shown.join(", ")}${parts.length > shown.length ? ` and ${parts.length - shown.length} more services` : ""}`;
}

/**
 * The permission impact as a person reads it: one line per account whose effective SCPs
 * change, what it loses and gains by service; then, for `--action`, each decision that changes.
 */
export function impactLines(byService: readonly ServiceImpact[], actions: readonly ActionImpact[] | undefined, accounts: number): string[] {
    const lines = [`Permission impact: ${accounts} account${accounts === 1 ? "" : "s"} whose SCPs change (per service over the IAM catalogue, conditions aside; \`--action\` for exact decisions):`];
    const targets = [...new Set(byService.map((s) => s.target))];
    for (const target of targets) {
        const mine = byService.filter((s) => s.target === target);
        const lost = mine.filter((s) => s.lost > 0).map((s) => part(s, s.lost, "lost"));
        const gained = mine.filter((s) => s.gained > 0).map((s) => part(s, s.gained, "gained"));
        lines.push(`  ${target}: loses ${list(lost)}; gains ${list(gained)}${gained.length > 0 ? " (a permission gain)" : ""}`);
    }
    if (accounts > targets.length) lines.push(`  ${accounts - targets.length} other account${accounts - targets.length === 1 ? "" : "s"}: new SCP documents, the same services`);
    if (actions !== undefined) {
        const changed = actions.filter((a) => a.before !== a.after);
        lines.push(`  Actions asked: ${changed.length === 0 ? "no decision changes" : `${changed.length} decision${changed.length === 1 ? "" : "s"} change`}`);
        for (const a of changed) lines.push(`    ${a.target}  ${a.action}  ${a.before} → ${a.after}`);
    }
    return lines;
}
