import { Diagnostic } from "../diagnostics/diagnostic";
import { didYouMean } from "../diagnostics/suggest";
import { PolicyPackConfig } from "./policyConfig";
import { iamActionName, iamActionsOf, iamAllActions, isIamService } from "../scp/iamCatalog";

/** The policy whose settings name actions, and the setting. */
const POLICY = "accounts-keep-access";
const SETTING = "essentialActions";

/**
 * The essential actions a config gives `accounts-keep-access`, checked against the IAM
 * catalogue as the SCPs' actions are: a misspelled one names an action no request carries,
 * so its check would pass whatever the SCPs say. (The pack itself, which runs without the
 * catalogue, checks only their shape.)
 */
export function essentialActionProblems(config: PolicyPackConfig): Diagnostic[] {
    const actions = config.policies.get(POLICY)?.properties[SETTING];
    if (!Array.isArray(actions)) return [];
    return actions.flatMap((action: unknown, i) => {
        if (typeof action !== "string" || !action.includes(":")) return [];
        const service = action.slice(0, action.indexOf(":"));
        if (iamActionName(service, action.slice(action.indexOf(":") + 1)) !== undefined) return [];
        const candidates = isIamService(service) ? iamActionsOf(service).map((a) => `${service.toLowerCase()}:${a}`) : iamAllActions();
        const { line, column } = config.position([POLICY, SETTING, i]);
        return [{
            code: "policy-config-unknown-action",
            severity: "error" as const,
            message: `Policy \`${POLICY}\`: \`${action}\` in \`${SETTING}\` is not an IAM action, so no request carries it and its check always passes.${didYouMean(action, candidates) || " Check the name in AWS's Service Authorization Reference."}`,
            file: config.file,
            line,
            column,
        }];
    });
}
