import { Evaluation, ScpEvaluator } from "./evaluate";
import { EffectiveReport, REQUESTED_REGION, TargetDecision, TargetResults } from "./effectiveReport";
import { PathLevel } from "./policyPath";
import { ServiceReach, ServiceReachCalculator } from "./serviceReach";
import { statementLabel } from "../../policypacks/aws-org-guardrails/core/statements";
import { FULL_AWS_ACCESS, OrgModel } from "../model/types";
import { at } from "../../policypacks/aws-org-guardrails/core/at";

/** The matrix is printed only while it fits a terminal; the blocks below it say everything. */
const MATRIX_MAX_ACTIONS = 6;

/** Targets whose results are identical by construction: same OU path, same account SCPs. */
interface TargetGroup {
    readonly members: [TargetResults, ...TargetResults[]];
}

function levelLabel(level: PathLevel): string {
    if (level.kind === "root") return "root";
    return level.kind === "ou" ? `OU ${level.name}` : "account";
}

function mark(e: Evaluation): string {
    return e.decision === "Allowed" || e.decision === "NotRestricted" ? "✓" : "✗";
}

/** Why a decision was made, e.g. `no Allow at OU HIPAA (AllowHipaaServices)`. */
function reason(e: Evaluation): string {
    const by = e.decidedBy;
    if (e.decision === "NotRestricted") return "not restricted: SCPs never apply to the management account";
    if (by === undefined) return "";
    // SCP reasons read as they always did; an RCP's names its type and the resource's side.
    const rcp = by.policyType === "RCP";
    const where = rcp ? `the resource's ${levelLabel(by.level)}` : levelLabel(by.level);
    if (e.decision === "ExplicitlyDenied") return `denied at ${where} by ${rcp ? "RCP " : ""}${by.policy ?? "?"} (statement ${by.statement ?? "?"})`;
    return `no ${rcp ? "RCP " : ""}Allow at ${where} (${by.level.policies.join(", ")})`;
}

/** Which condition keys a decision turned on without being given. */
function missingHint(d: TargetDecision): string {
    const keys = d.evaluation.missingContextKeys ?? [];
    return keys.length === 0 ? "" : `depends on ${keys.map((k) => `\`${k}\``).join(", ")}`;
}

/** The condition keys a group's decisions turned on without being given, and how to give each. */
function missingLine(decisions: readonly TargetDecision[]): string | undefined {
    const keys = new Map<string, string>();
    for (const d of decisions) for (const k of d.evaluation.missingContextKeys ?? []) if (!keys.has(k.toLowerCase())) keys.set(k.toLowerCase(), k);
    if (keys.size === 0) return undefined;
    const how = [...keys.values()].map((k) => `\`${k}\` (pass ${k.toLowerCase() === REQUESTED_REGION.toLowerCase() ? "`--region R`" : `\`--context ${k}=VALUE\``})`);
    return `  Decided without context you can give: ${how.join(", ")}`;
}

/** The Regions of the organization an action is allowed in, for decisions that turned on the Region. */
function regionsLine(report: EffectiveReport, decisions: readonly TargetDecision[]): string | undefined {
    const regional = decisions.filter((d) => d.allowedInRegions !== undefined);
    if (regional.length === 0) return undefined;
    const each = regional.map((d) => {
        const allowed = d.allowedInRegions ?? [];
        const where = allowed.length === report.regions.length && allowed.length > 0 ? "every one" : allowed.length === 0 ? "none" : allowed.join(", ");
        return `${d.action} in ${where}`;
    });
    return `  Allowed by Region (the organization's: ${report.regions.join(", ")}): ${each.join("; ")}`;
}

function groupKey(t: TargetResults): string {
    if (t.target.kind === "ou") return `ou\n${t.target.ou.path}`;
    const a = t.target.account;
    return a.isManagementAccount ? `management\n${a.name}` : `account\n${a.ouPath ?? ""}\n${a.policies.join("\n")}\n\n${(a.otherPolicies.RCP ?? []).join("\n")}`;
}

function groups(report: EffectiveReport): TargetGroup[] {
    const byKey = new Map<string, TargetGroup>();
    for (const t of report.targets) {
        const key = groupKey(t);
        const g = byKey.get(key);
        if (g === undefined) byKey.set(key, { members: [t] });
        else g.members.push(t);
    }
    return [...byKey.values()];
}

function groupTitle(g: TargetGroup): string {
    const first = g.members[0].target;
    if (first.kind === "ou") return `OU ${first.ou.path}`;
    if (first.account.isManagementAccount) return `${first.account.name} (the management account)`;
    const where = first.account.ouPath === null ? "directly under the root" : `in OU ${first.account.ouPath}`;
    const names = g.members.map((m) => m.name);
    const shown = names.length > 4 ? `${names.slice(0, 4).join(", ")} and ${names.length - 4} more` : names.join(", ");
    return `${shown} (account${names.length > 1 ? "s" : ""} ${where})`;
}

function policyNote(model: OrgModel, level: PathLevel, name: string): string {
    const strategy = model.policies.get(name)?.strategy;
    if (strategy === "allow-list") return level.policies.includes(FULL_AWS_ACCESS) ? `${name} (allow-list, no effect beside ${FULL_AWS_ACCESS})` : `${name} (allow-list)`;
    return strategy === "deny-list" || strategy === "mixed" ? `${name} (${strategy})` : name;
}

function servicesLine(reach: ServiceReach): string {
    if (reach.unrestricted) return "Services: every service (no allow-list restricts this path, and no Deny removes an action outright)";
    if (reach.services.length === 0) return `Services usable at all: none (0 of ${reach.catalogueServices})`;
    const full = reach.services.filter((s) => s.allowed === s.total).map((s) => s.service);
    const partly = reach.services.filter((s) => s.allowed < s.total).map((s) => `${s.service} ${s.allowed}/${s.total}`);
    const partlyText = partly.length > 0 ? `partly (actions): ${partly.join(", ")}` : "";
    const count = `${reach.services.length} of ${reach.catalogueServices}`;
    // Where only Denies restrict, nearly every service stays whole: naming the exceptions is shorter.
    if (reach.unusable.length < full.length) {
        const exceptions = [reach.unusable.length > 0 ? `not at all: ${reach.unusable.join(", ")}` : "", partlyText].filter((t) => t !== "");
        return `Services usable at all (${count}): ${[...exceptions, "every other service fully"].join("; ")}`;
    }
    return `Services usable at all (${count}): ${full.join(", ") || "none fully"}${partlyText === "" ? "" : `; ${partlyText}`}`;
}

/** Statements on the path that did not apply to this request because of their resource or condition. */
function notApplied(model: OrgModel, evaluator: ScpEvaluator, levels: readonly PathLevel[]): string[] {
    const names = [...new Set(levels.flatMap((l) => l.policies))];
    return names.flatMap((name) => {
        const applied = new Set(evaluator.statementsOf(name).map((s) => s.statement));
        const all = model.policies.get(name)?.document.Statement ?? [];
        return all.flatMap((s, i) => (applied.has(s) ? [] : [`${name} (statement ${statementLabel(s, i)})`]));
    });
}

function matrix(report: EffectiveReport): string[] {
    const nameWidth = Math.max(...report.targets.map((t) => t.name.length), 6);
    const header = `${"".padEnd(nameWidth)}  ${report.actions.join("  ")}`;
    const rows = report.targets.map((t) => `${t.name.padEnd(nameWidth)}  ${t.decisions.map((d, i) => mark(d.evaluation).padEnd(at(report.actions, i).length)).join("  ").trimEnd()}`);
    return [header, ...rows];
}

/** Options of the readable report. */
export interface EffectiveTextOptions {
    /** How the org file is named in the title (relative path). */
    readonly fileLabel: string;
    /** The request context as the user wrote it, for the title. */
    readonly contextPairs: readonly (readonly [string, string])[];
}

/**
 * The readable form of a report: a targets × actions matrix (when it fits), then one block
 * per group of targets that share a path: each action with ✓/✗ and the reason, the SCPs in
 * effect level by level, and the services usable at all (over the IAM catalogue).
 */
export function renderEffective(model: OrgModel, report: EffectiveReport, options: EffectiveTextOptions): string {
    const context = options.contextPairs.map(([k, v]) => `${k}=${v}`).join(", ");
    const all = report.targets.flatMap((t) => t.decisions);
    const allowed = all.filter((d) => mark(d.evaluation) === "✓").length;
    const lines = [
        `Effective ${report.resourceAccount !== undefined || new ScpEvaluator(model).hasRcps ? "SCPs and RCPs" : "SCPs"} of ${options.fileLabel} for resource \`${report.request.resource}\`, ${context === "" ? "no request context" : `context ${context}`}`,
        `${report.targets.length} target${report.targets.length === 1 ? "" : "s"} × ${report.actions.length} action${report.actions.length === 1 ? "" : "s"}: ${allowed} allowed, ${all.length - allowed} denied`,
        "",
    ];
    if (report.actions.length <= MATRIX_MAX_ACTIONS) lines.push(...matrix(report), "");
    const reach = new ServiceReachCalculator(model);
    const evaluator = new ScpEvaluator(model, report.request, report.resourceAccount);
    for (const g of groups(report)) {
        const first = g.members[0];
        lines.push(groupTitle(g));
        for (const decision of first.decisions) {
            const why = [reason(decision.evaluation), missingHint(decision)].filter((t) => t !== "").join("; ");
            lines.push(`  ${mark(decision.evaluation)} ${decision.action}${why === "" ? "" : ` — ${why}`}`);
        }
        for (const line of [missingLine(first.decisions), regionsLine(report, first.decisions)]) if (line !== undefined) lines.push(line);
        if (first.target.kind === "account" && first.target.account.isManagementAccount) {
            lines.push("");
            continue;
        }
        lines.push("  SCPs in effect, top down:");
        const labelWidth = Math.max(...first.levels.map((l) => levelLabel(l).length));
        for (const level of first.levels) lines.push(`    ${levelLabel(level).padEnd(labelWidth)}  ${level.policies.map((p) => policyNote(model, level, p)).join(", ")}`);
        lines.push(`  ${servicesLine(reach.reach(first.levels))}`);
        if (evaluator.hasRcps) {
            const rcpLevels = evaluator.rcpLevels(first.target);
            const owner = report.resourceAccount === undefined ? "" : ` (of ${report.resourceAccount.name}, the resource's account)`;
            lines.push(`  RCPs in effect${owner}, top down:`);
            const width = Math.max(...rcpLevels.map((l) => levelLabel(l).length));
            for (const level of rcpLevels) lines.push(`    ${levelLabel(level).padEnd(width)}  ${level.policies.join(", ")}`);
        }
        const skipped = notApplied(model, evaluator, first.levels);
        if (skipped.length > 0) lines.push(`  Skipped for this request (Resource or Condition does not match): ${skipped.join(", ")}; pass --resource or --context to apply them`);
        lines.push("");
    }
    return lines.join("\n").trimEnd();
}
