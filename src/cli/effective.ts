import { COMMON_OPTIONS, loadForCommand, PROJECT_DIR } from "./common";
import { defineCommand } from "./defineCommand";
import { ArgumentError, EXIT } from "./exitStatus";
import { printJson } from "./jsonOutput";
import { runAsProcess } from "./runAsProcess";
import { managementTarget, managementTypeArgument, renderManagementEffective } from "./effectiveManagement";
import { effectiveManagementPolicy } from "../scp/managementEffective";
import { displayPath } from "../diagnostics/diagnostic";
import { didYouMean } from "../diagnostics/suggest";
import { effectiveJson, effectiveReport } from "../scp/effectiveReport";
import { renderEffective } from "../scp/effectiveText";
import { accountTargets, EvaluationTarget, targetNames, targetsNamed } from "../scp/policyPath";
import { requestContext } from "../../policypacks/aws-org-guardrails/core/requestContext";
import { actionArguments, contextArguments, regionArgument, resourceArgument } from "./requestArguments";
import { stackRegion } from "../config/stackOrgFile";
import { organizationRegions } from "../model/organizationRegions";

const USAGE = `Usage: npm run effective -- [--stack S | --file F] --action ACTION [--action ...]
       [--target OU_PATH_OR_ACCOUNT_NAME ...] [--resource ARN] [--resource-account NAME]
       [--region R] [--context KEY=VALUE ...] [--json]
       npm run effective -- [--stack S | --file F] --type TYPE --target OU_PATH_OR_ACCOUNT_NAME [--json]

What the SCPs let each account (or OU) do, evaluated root → OUs → account from the org file,
together with the RCPs of the resource's account where the organization has RCPs.

  --stack S   the stack's org file (default: dev)
  --file F    any org file
  --action    an IAM action like s3:GetObject; a wildcard (ec2:Describe*) expands to every match
  --target    an account name or an OU path like HIPAA/PCI (default: every account)
  --resource  the resource ARN asked about (default: *, any resource)
  --resource-account
              the account that owns the resource, whose RCPs apply (default: each target itself)
  --region    the Region asked about, like eu-west-1: the same as --context aws:RequestedRegion=R
  --type      a management policy type (tag, backup, ai_opt_out, …): print the target's effective
              policy of that type, merged from the root down with the inheritance operators
  --context   a request condition key and value, like aws:PrincipalArn=arn:aws:iam::123456789012:root;
              repeat a key for a multivalued key
  --json      print {"results": [...]} only (use \`npm run -s effective\` to silence npm's banner)`;

const OPTIONS = {
    ...COMMON_OPTIONS,
    action: { type: "string", multiple: true },
    target: { type: "string", multiple: true },
    resource: { type: "string", default: "*" },
    "resource-account": { type: "string" },
    context: { type: "string", multiple: true },
    region: { type: "string" },
    type: { type: "string" },
} as const;

export const run = defineCommand({
    name: "effective",
    usage: USAGE,
    exitStatus: "0 evaluated (whatever the decisions), 1 invalid org file",
    options: OPTIONS,
    main(values, io) {
        if (values.type !== undefined) {
            const type = managementTypeArgument(values.type);
            if (values.action !== undefined) throw new ArgumentError("`--type` prints an effective policy document; it takes no `--action`.");
            const { model } = loadForCommand(values, { stderr: io.stderr, cwd: io.cwd, printWarnings: !values.json });
            const { name, target } = managementTarget(model, values.target ?? [], io.cwd);
            const result = effectiveManagementPolicy(model, target, type);
            if (values.json) printJson(io.stdout, { target: name, type, effective: result.effective });
            else io.stdout.write(`${renderManagementEffective(name, type, result)}\n`);
            return EXIT.ok;
        }
        const parsed = actionArguments(values.action ?? []);
        for (const w of parsed.warnings) io.stderr.write(`warning: ${w}\n`);
        const resource = resourceArgument(values.resource);
        const { model } = loadForCommand(values, { stderr: io.stderr, cwd: io.cwd, printWarnings: !values.json });
        const contextPairs = [...contextArguments(values.context ?? [], model), ...regionArgument(values.region, values.context ?? [])];
        const targets: EvaluationTarget[] = [];
        for (const name of values.target ?? []) {
            const found = targetsNamed(model, name);
            if (found.length === 0) {
                throw new ArgumentError(`No account or OU \`${name}\` in ${displayPath(model.file, io.cwd)}.${didYouMean(name, targetNames(model)) || " Give an account name or an OU path like `HIPAA/PCI`."}`);
            }
            targets.push(...found);
        }
        const ownerName = values["resource-account"];
        const resourceAccount = ownerName === undefined ? undefined : model.allAccounts.find((a) => a.name === ownerName);
        if (ownerName !== undefined && resourceAccount === undefined) {
            throw new ArgumentError(`No account \`${ownerName}\` for \`--resource-account\` in ${displayPath(model.file, io.cwd)}.${didYouMean(ownerName, model.allAccounts.map((a) => a.name)) || " Give an account name."}`);
        }
        const stack = values.file === undefined ? (values.stack ?? "dev") : undefined;
        const regions = organizationRegions(model, stack === undefined ? undefined : stackRegion(stack, PROJECT_DIR));
        const report = effectiveReport(model, targets.length > 0 ? targets : accountTargets(model), parsed.actions, { resource, context: requestContext(contextPairs) }, regions, resourceAccount);
        if (values.json) printJson(io.stdout, effectiveJson(report));
        else io.stdout.write(`${renderEffective(model, report, { fileLabel: displayPath(model.file, io.cwd), contextPairs })}\n`);
        return EXIT.ok;
    },
});

if (require.main === module) runAsProcess(run);
