import { Node as JsonNode } from "jsonc-parser";
import { conditionEntries, statementServices } from "./conditionEntries";
import { closestConditionKey, keyPrefix, lookUpConditionKey } from "./conditionKeys";
import { IamConditionKey, iamConditionKeyEntriesOf, iamGlobalConditionKeyEntries, isIamService } from "./iamCatalog";
import { ScpProblem } from "../../policypacks/aws-org-guardrails/core/scpDocument";

const HINT = " Check the key in AWS's Service Authorization Reference, or among the global condition keys of the IAM User Guide.";

/** The keys a misspelled key is compared with: the global ones and those of the services concerned. */
function candidates(written: string, services: ReadonlySet<string> | undefined): IamConditionKey[] {
    const prefix = keyPrefix(written);
    const named = services === undefined ? [prefix] : [...services, ...(isIamService(prefix) ? [prefix] : [])];
    return [...iamGlobalConditionKeyEntries(), ...[...new Set(named)].flatMap((s) => iamConditionKeyEntriesOf(s))];
}

/**
 * Checks every condition key of every statement against the IAM catalogue: a global `aws:`
 * key, or a key of a service the statement's actions belong to (any service, when they may be
 * any action). Tag keys (`aws:ResourceTag/<key>`, `aws:PrincipalTag/<key>`) count as their
 * template. A misspelled key is absent from every request: in a Deny with a negated operator
 * (`StringNotEquals`) the statement then applies everywhere; with a positive one, never.
 */
export function lintConditionKeys(tree: JsonNode): ScpProblem[] {
    const problems: ScpProblem[] = [];
    const services = new Map<JsonNode, ReadonlySet<string> | undefined>();
    for (const entry of conditionEntries(tree)) {
        if (!services.has(entry.statement)) services.set(entry.statement, statementServices(entry.statement));
        const named = services.get(entry.statement);
        const found = lookUpConditionKey(entry.key);
        if (found.kind === "global" || found.kind === "unassociated") continue;
        if (found.kind === "service") {
            if (named === undefined || named.has(found.service)) continue;
            problems.push({
                code: "scp-condition-key-other-service",
                message:
                    `Condition key \`${entry.key}\` belongs to service \`${found.service}\`, which none of this statement's actions (${[...named].map((s) => `\`${s}:…\``).join(", ")}) belong to: ` +
                    "their requests never carry it, so the condition always finds it absent. Use a key of those services, or a global `aws:` key.",
                offset: entry.keyNode.offset,
            });
            continue;
        }
        const near = closestConditionKey(entry.key, candidates(entry.key, named));
        problems.push({
            code: "scp-unknown-condition-key",
            message: `Unknown condition key \`${entry.key}\`: no request carries it, so the condition always finds it absent.${near === undefined ? HINT : ` Did you mean \`${near}\`?`}`,
            offset: entry.keyNode.offset,
        });
    }
    return problems;
}
