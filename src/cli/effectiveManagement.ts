import { ArgumentError } from "./exitStatus";
import { displayPath } from "../diagnostics/diagnostic";
import { didYouMean } from "../diagnostics/suggest";
import { OrgModel } from "../model/types";
import { ManagementEffective, ManagementLevel } from "../scp/managementEffective";
import { EvaluationTarget, targetNames, targetsNamed } from "../scp/policyPath";
import { ManagementPolicyType } from "../../policypacks/aws-org-guardrails/core/managementPolicy";
import { POLICY_TYPE_FACTS, POLICY_TYPES } from "../../policypacks/aws-org-guardrails/core/policyTypes";

/** The management types `--type` accepts, as the org file names them. */
const MANAGEMENT_TYPES = POLICY_TYPES.filter((t): t is ManagementPolicyType => POLICY_TYPE_FACTS[t].family === "management");

/** `--type tag` → `TAG`; a type that has no effective document (SCP, RCP, a typo) is a usage error. */
export function managementTypeArgument(value: string): ManagementPolicyType {
    const type = MANAGEMENT_TYPES.find((t) => t === value.toUpperCase().replace(/-/g, "_"));
    if (type !== undefined) return type;
    const why = value.toUpperCase() === "SCP" || value.toUpperCase() === "RCP" ? ` ${value.toUpperCase()}s have no effective document: use \`--action\` to evaluate them.` : didYouMean(value.toUpperCase(), MANAGEMENT_TYPES);
    throw new ArgumentError(`\`--type ${value}\` is not a management policy type.${why} Expected one of ${MANAGEMENT_TYPES.map((t) => `\`${t}\``).join(", ")}.`);
}

/** The one target `--type` evaluates. */
export function managementTarget(model: OrgModel, names: readonly string[], cwd: string): { name: string; target: EvaluationTarget } {
    const [name, ...more] = names;
    if (name === undefined || more.length > 0) throw new ArgumentError("`--type` computes the effective policy of one target: give exactly one `--target` (an account name or an OU path).");
    const [target] = targetsNamed(model, name);
    if (target === undefined) {
        throw new ArgumentError(`No account or OU \`${name}\` in ${displayPath(model.file, cwd)}.${didYouMean(name, targetNames(model)) || " Give an account name or an OU path like `HIPAA/PCI`."}`);
    }
    return { name, target };
}

/** The readable form: where the policies come from, the effective document, what AWS leaves out. */
export function renderManagementEffective(name: string, type: ManagementPolicyType, result: ManagementEffective & { readonly levels: readonly ManagementLevel[] }): string {
    const label = POLICY_TYPE_FACTS[type].label;
    const lines = [`Effective ${label} of ${name}, merged root → OUs → account:`];
    const width = Math.max(...result.levels.map((l) => l.name.length));
    for (const l of result.levels) lines.push(`  ${l.name.padEnd(width)}  ${l.policies.length === 0 ? "(none)" : l.policies.map((p) => p.name).join(", ")}`);
    lines.push("", JSON.stringify(result.effective, null, 2));
    for (const i of result.ignored) {
        lines.push(`Left out: \`${i.operator}\` of ${i.policy} at ${i.level} on \`${i.setting}\`, which the policies above allow only ${i.allowed.length === 0 ? "no operator (`@@none`)" : i.allowed.map((o) => `\`${o}\``).join(", ")}.`);
    }
    return lines.join("\n");
}
