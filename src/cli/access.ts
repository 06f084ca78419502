import { COMMON_OPTIONS, loadForCommand } from "./common";
import { defineCommand } from "./defineCommand";
import { ArgumentError, CommandError, EXIT } from "./exitStatus";
import { printJson } from "./jsonOutput";
import { actionArguments, contextArguments, resourceArgument } from "./requestArguments";
import { runAsProcess } from "./runAsProcess";
import { displayPath } from "../diagnostics/diagnostic";
import { didYouMean } from "../diagnostics/suggest";
import { accessJson, accessReport, assignmentsJson } from "../identity/accessReport";
import { renderAccess } from "../identity/accessText";
import { targetNames, targetsNamed } from "../scp/policyPath";
import { Account } from "../model/types";
import { requestContext } from "../../policypacks/aws-org-guardrails/core/requestContext";

const USAGE = `Usage: npm run access -- [--stack S | --file F] [--group G ...] [--target ACCOUNT_OR_OU ...]
       [--permission-set P ...] [--action ACTION ...] [--resource ARN] [--context KEY=VALUE ...] [--json]

What Identity Center groups can do in accounts: each group's permission sets there
(identity policies and permissions boundary) evaluated together with the SCPs on the account's
path, from the org file alone (no AWS).

  --stack S            the stack's org file (default: dev)
  --file F             any org file
  --group G            a group of \`identityCenter.groups\` (default: every group)
  --target T           an account name, or an OU path for every account below it (default: every account)
  --permission-set P   only this permission set (default: every one the group holds there)
  --action A           an IAM action like s3:GetObject; wildcards expand. Without any: the matrix of
                       accounts × groups with the permission sets each holds
  --resource ARN       the resource asked about (default: *)
  --context K=V        a request condition key and value; repeat a key for several values
  --json               {"results": [...]} (with --action) or {"assignments": [...]}`;

const OPTIONS = {
    ...COMMON_OPTIONS,
    group: { type: "string", multiple: true },
    target: { type: "string", multiple: true },
    "permission-set": { type: "string", multiple: true },
    action: { type: "string", multiple: true },
    resource: { type: "string", default: "*" },
    context: { type: "string", multiple: true },
} as const;

export const run = defineCommand({
    name: "access",
    usage: USAGE,
    exitStatus: "0 evaluated (whatever the decisions), 1 invalid org file or no `identityCenter` in it",
    options: OPTIONS,
    main(values, io) {
        const given = values.action ?? [];
        const parsed = given.length === 0 ? { actions: [], warnings: [] } : actionArguments(given);
        for (const w of parsed.warnings) io.stderr.write(`warning: ${w}\n`);
        const resource = resourceArgument(values.resource);
        const { model } = loadForCommand(values, { stderr: io.stderr, cwd: io.cwd, printWarnings: !values.json });
        const shown = displayPath(model.file, io.cwd);
        const ic = model.identityCenter;
        if (ic === undefined) throw new CommandError(EXIT.invalidConfig, `${shown} has no \`identityCenter\` section: there are no groups or permission sets to evaluate (docs/identity-center.md).`);
        const groups = values.group ?? [...ic.groups.keys()];
        for (const g of groups) {
            if (!ic.groups.has(g)) throw new ArgumentError(`No group \`${g}\` in ${shown}.${didYouMean(g, ic.groups.keys()) || ` Groups: ${[...ic.groups.keys()].map((n) => `\`${n}\``).join(", ")}.`}`);
        }
        for (const p of values["permission-set"] ?? []) {
            if (!ic.permissionSets.has(p)) throw new ArgumentError(`No permission set \`${p}\` in ${shown}.${didYouMean(p, ic.permissionSets.keys()) || ` Permission sets: ${[...ic.permissionSets.keys()].map((n) => `\`${n}\``).join(", ")}.`}`);
        }
        const accounts: Account[] = [];
        for (const name of values.target ?? []) {
            const found = targetsNamed(model, name);
            if (found.length === 0) throw new ArgumentError(`No account or OU \`${name}\` in ${shown}.${didYouMean(name, targetNames(model)) || " Give an account name or an OU path like `HIPAA/PCI`."}`);
            for (const t of found) {
                const below = t.kind === "account" ? [t.account] : model.allAccounts.filter((a) => a.ouPath !== null && (a.ouPath === t.ou.path || a.ouPath.startsWith(`${t.ou.path}/`)));
                for (const a of below) if (!accounts.includes(a)) accounts.push(a);
            }
        }
        const contextPairs = contextArguments(values.context ?? [], model);
        const report = accessReport(model, ic, {
            groups,
            accounts: accounts.length > 0 ? accounts : model.allAccounts,
            permissionSets: values["permission-set"] ?? [],
            actions: parsed.actions,
            request: { resource, context: requestContext(contextPairs) },
        });
        if (values.json) printJson(io.stdout, parsed.actions.length > 0 ? accessJson(report) : assignmentsJson(report));
        else io.stdout.write(`${renderAccess(model, report, { fileLabel: shown, contextPairs })}\n`);
        return EXIT.ok;
    },
});

if (require.main === module) runAsProcess(run);
