import { z } from "zod";
import { ResourceChange } from "./changes";
import { ConfiguredPolicy, ConfigurablePolicy } from "./policyConfig";
import { Violation } from "./types";
import { organizationRegions } from "../model/organizationRegions";
import { OrgModel, RETIRED_TAG } from "../model/types";
import { REQUESTED_REGION } from "../scp/effectiveReport";
import { ScpEvaluator } from "../scp/evaluate";
import { accountsWithNewScps } from "../scp/permissionImpact";
import { configSchemaOf } from "../../policypacks/aws-org-guardrails/policies/settings";
import { GLOBAL_SERVICES, GLOBAL_SERVICES_REGION, RETIRED_OU_NAME, TYPES } from "../../policypacks/aws-org-guardrails/core/names";
import { EMPTY_CONTEXT } from "../../policypacks/aws-org-guardrails/core/requestContext";

/** What the change guardrails judge: the changes, and the organization before and after. */
export interface ChangeReview {
    readonly changes: readonly ResourceChange[];
    readonly after: OrgModel;
    /** The organization before, when the before is an org file (`--base`); its SCPs decide what is lost. */
    readonly before?: OrgModel;
    /** The settings `accounts-keep-access` has in the policy config: its essential actions and exemptions. */
    readonly keepAccess: { readonly essentialActions: readonly string[]; readonly exemptAccounts: readonly string[]; readonly exemptOrganizationalUnits: readonly string[] };
}

export interface ChangeGuardrail extends ConfigurablePolicy {
    readonly description: string;
    readonly check: (review: ChangeReview, settings: Readonly<Record<string, unknown>>) => { readonly resource: string | null; readonly message: string }[];
}

const KINDS = { account: TYPES.account, organizationalUnit: TYPES.organizationalUnit, organization: TYPES.organization } as const;
const noReplacementSettings = z.object({
    kinds: z.array(z.enum(["account", "organizationalUnit", "organization"])).default(["account", "organizationalUnit", "organization"]).describe("Which objects may be replaced or deleted only when the file says so."),
});

/** Whether the before of a deleted account carried the retired tag: retired, then removed, as docs/brownfield.md says. */
function wasRetired(c: ResourceChange): boolean {
    const tags = c.before?.inputs.tags;
    return tags !== null && typeof tags === "object" && (tags as Record<string, unknown>)[RETIRED_TAG] === "true";
}

const noReplacement: ChangeGuardrail = {
    name: "changes-no-replacement",
    description: "No account, OU or organization is replaced or deleted unless the file says so for that object (`allowReplacement: true`, `removed:`, or a retired account).",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(noReplacementSettings),
    check(review, raw) {
        const settings = noReplacementSettings.parse(raw);
        const types = new Map(settings.kinds.map((k) => [KINDS[k], k]));
        const keyed = (kind: "account" | "organizationalUnit", key: string) =>
            kind === "account" ? review.after.allAccounts.find((a) => a.key === key) : review.after.allOrganizationalUnits.find((o) => o.key === key);
        return review.changes.flatMap((c) => {
            const kind = types.get(c.type as (typeof KINDS)[keyof typeof KINDS]);
            if (kind === undefined || (c.op !== "replace" && c.op !== "delete")) return [];
            if (c.op === "replace") {
                if (kind !== "organization" && keyed(kind, c.name)?.allowReplacement === true) return [];
                const why = c.diffs.filter((d) => d.replaces).map((d) => `\`${d.property}\` (${d.because ?? "replace-on-change"})`).join(", ");
                const fix = kind === "organization" ? "Keep the organization's feature set" : "Set `allowReplacement: true` on it in the file if a new one is intended, or undo the change";
                return [{ resource: c.name, message: `${kind === "account" ? "Account" : kind === "organization" ? "The organization" : "OU"} \`${c.name}\` would be replaced, a new one created and the old one deleted, because of ${why}. ${fix}.` }];
            }
            if (kind === "account" && (wasRetired(c) || review.after.removed.accounts.includes(c.name))) return [];
            if (kind === "organizationalUnit" && review.after.removed.organizationalUnits.includes(c.name)) return [];
            // The program makes the Retired OU while it holds retired accounts, and removes it once they are gone.
            if (kind === "organizationalUnit" && c.name === RETIRED_OU_NAME) return [];
            const fix = kind === "organization" ? "Put the organization back in the file" : kind === "account" ? `Retire it first (\`retired: true\`), or list \`${c.name}\` in \`removed.accounts\` if it is meant to leave the organization` : `List \`${c.name}\` in \`removed.organizationalUnits\` if it is meant to go`;
            return [{ resource: c.name, message: `${kind === "account" ? "Account" : kind === "organization" ? "The organization" : "OU"} \`${c.name}\` would be deleted: it is no longer in the file. ${fix}; if it was renamed, give it \`previousNames\`/\`previousPaths\`.` }];
        });
    },
};

const keepEssentialAccess: ChangeGuardrail = {
    name: "changes-keep-essential-access",
    description: "No account loses, through this change, an essential action (those of `accounts-keep-access`) that it had.",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(z.object({})),
    check(review) {
        const { before, after, keepAccess } = review;
        if (before === undefined) return [];
        const regions = organizationRegions(after);
        const evaluators = (model: OrgModel) =>
            new Map(regions.map((r) => [r, new ScpEvaluator(model, { resource: "*", context: new Map([...EMPTY_CONTEXT, [REQUESTED_REGION.toLowerCase(), [r]]]) })]));
        const was = evaluators(before);
        const now = evaluators(after);
        const exempt = (name: string, ouPath: string | null) =>
            keepAccess.exemptAccounts.includes(name) || (ouPath !== null && keepAccess.exemptOrganizationalUnits.some((p) => ouPath === p || ouPath.startsWith(`${p}/`)));
        return accountsWithNewScps(before, after).flatMap((pair) => {
            if (pair.after.retired || exempt(pair.after.name, pair.after.ouPath)) return [];
            const lost = keepAccess.essentialActions.flatMap((action) => {
                const service = action.slice(0, action.indexOf(":")).toLowerCase();
                const inRegions = GLOBAL_SERVICES.has(service) ? [GLOBAL_SERVICES_REGION] : regions;
                const where = inRegions.filter((r) => was.get(r)?.evaluate({ kind: "account", account: pair.before }, action).decision === "Allowed" && now.get(r)?.evaluate({ kind: "account", account: pair.after }, action).decision !== "Allowed");
                return where.length === 0 ? [] : [`\`${action}\` (${where.join(", ")})`];
            });
            return lost.length === 0 ? [] : [{ resource: pair.after.name, message: `Account \`${pair.after.name}\` would lose the essential ${lost.length === 1 ? "action" : "actions"} ${lost.join(", ")}, which it has now: nobody could reach it to repair it. Undo the SCP change for it, or exempt it in \`accounts-keep-access\` if that is intended.` }];
        });
    },
};

const noProtectedDelete: ChangeGuardrail = {
    name: "changes-no-protected-delete",
    description: "No protected resource would be deleted or replaced: Pulumi refuses, and `pulumi up` stops halfway.",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(z.object({})),
    check(review) {
        return review.changes.flatMap((c) =>
            (c.op === "delete" || c.op === "replace") && c.before?.protect === true
                ? [{ resource: c.name, message: `\`${c.name}\` (${c.type}) is protected and would be ${c.op === "delete" ? "deleted" : "replaced"}: Pulumi refuses to delete a protected resource, so \`pulumi up\` would stop halfway, with part of the change made. Keep it in the file, or unprotect it first in its own change (a retired account is unprotected).` }]
                : [],
        );
    },
};

/** The guardrails over a change, configured in the same policy config as the pack's policies. */
export const CHANGE_GUARDRAILS: readonly ChangeGuardrail[] = [noReplacement, keepEssentialAccess, noProtectedDelete];

/** The violations of the configured change guardrails (a `disabled` one checks nothing). */
export function checkChanges(configured: readonly ConfiguredPolicy<ChangeGuardrail>[], review: ChangeReview): Violation[] {
    return configured.flatMap(({ policy, enforcementLevel, settings }) => {
        if (enforcementLevel === "disabled") return [];
        const level = enforcementLevel === "mandatory" ? "mandatory" : "advisory";
        return policy.check(review, settings).map((v) => ({ policy: policy.name, enforcementLevel: level, ...v }));
    });
}
