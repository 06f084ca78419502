import { renameHints, ResourceChange } from "./changes";
import { diffValue, MARKERS, summaryLine } from "./renderPlan";
import { Violation } from "./types";
import { TYPES } from "../../policypacks/aws-org-guardrails/core/names";

/** The hidden line the pull-request workflow finds its comment by, to update it rather than add one. */
export const COMMENT_MARKER = "<!-- aws-org-change-review -->";

export interface MarkdownReview {
    /** The stack or file reviewed. */
    readonly title: string;
    /** What the change is measured against; undefined: an empty state. */
    readonly against?: string;
    readonly changes: readonly ResourceChange[];
    readonly violations: readonly Violation[];
    /** The permission impact, as the text review prints it (first line a heading). */
    readonly impact?: readonly string[];
}

const KIND: Readonly<Record<string, string>> = {
    [TYPES.account]: "account",
    [TYPES.organizationalUnit]: "OU",
    [TYPES.organization]: "organization",
    [TYPES.policy]: "SCP",
    [TYPES.scpAttachments]: "SCP set",
};

/** Markdown table cells hold no `|` nor line breaks. */
function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function code(text: string): string {
    return `\`${text.replace(/`/g, "'")}\``;
}

function kindOf(type: string): string {
    return KIND[type] ?? type;
}

function inputs(c: ResourceChange): string {
    if (c.diffs.length === 0) return "";
    return c.diffs.map((d) => `${code(d.property)}${d.replaces ? " (replaces)" : ""}: ${cell(diffValue(d))}`).join("<br>");
}

/**
 * The change review as one pull-request comment: the summary and the guardrails' verdict, the
 * dangerous changes (replacements, deletions) first, then the permission impact and every
 * change in collapsed sections.
 */
export function renderMarkdown(review: MarkdownReview): string {
    const mandatory = review.violations.filter((v) => v.enforcementLevel === "mandatory");
    const changed = review.changes.filter((c) => c.op !== "same");
    const dangerous = changed.filter((c) => c.op === "replace" || c.op === "delete");
    const lines = [
        COMMENT_MARKER,
        `### Change review: ${code(review.title)}${review.against === undefined ? " on an empty state" : ` against ${code(review.against)}`}`,
        "",
        `**${summaryLine(review.changes)}**`,
        "",
        mandatory.length > 0
            ? `**Guardrails: ${mandatory.length} mandatory violation${mandatory.length === 1 ? "" : "s"}**: this change must not be applied as it is.`
            : review.violations.length > 0
              ? `Guardrails: no mandatory violation, ${review.violations.length} advisory.`
              : "Guardrails: no violation.",
    ];
    if (dangerous.length > 0) {
        lines.push("", "#### Dangerous changes", "", "| | resource | kind | why |", "|---|---|---|---|");
        for (const c of dangerous) {
            const why = c.op === "delete" ? `no longer in the file${c.before?.protect === true ? "; protected: `pulumi up` stops here" : ""}` : c.diffs.filter((d) => d.replaces).map((d) => `${code(d.property)}: ${cell(d.because ?? "replace-on-change")}`).join("<br>");
            lines.push(`| ${MARKERS[c.op]} ${c.op} | ${code(c.name)} | ${cell(kindOf(c.type))} | ${why} |`);
        }
    }
    const hints = renameHints(review.changes);
    if (hints.length > 0) {
        lines.push("", "#### Renames without an alias", "");
        for (const h of hints) lines.push(`- Account ${code(h.created.name)} looks like ${code(h.deleted.name)} renamed: Pulumi would create a new account and delete the old one. Add ${code(h.line)} to it to keep it in place.`);
    }
    if (review.violations.length > 0) {
        lines.push("", "#### Guardrails", "");
        for (const v of [...mandatory, ...review.violations.filter((x) => x.enforcementLevel !== "mandatory")]) {
            lines.push(`- **${v.enforcementLevel}** ${code(v.policy)}${v.resource === null ? "" : ` (${code(v.resource)})`}: ${v.message.replace(/\r?\n/g, " ")}`);
        }
    }
    const [heading, ...rest] = review.impact ?? [];
    if (heading !== undefined && rest.length === 0) lines.push("", "Permission impact: no account's SCPs change.");
    if (heading !== undefined && rest.length > 0) {
        lines.push("", `<details><summary>${heading.replace(/`/g, "")}</summary>`, "", "```", ...rest.map((l) => l.trimStart()), "```", "", "</details>");
    }
    if (changed.length > 0) {
        lines.push("", `<details><summary>Every change (${changed.length})</summary>`, "", "| | resource | kind | inputs |", "|---|---|---|---|");
        for (const c of changed) lines.push(`| ${MARKERS[c.op]} ${c.op} | ${code(c.name)} | ${cell(kindOf(c.type))} | ${inputs(c)} |`);
        lines.push("", "</details>");
    }
    return lines.join("\n");
}
