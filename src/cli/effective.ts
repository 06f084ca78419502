import { COMMON_OPTIONS, EXIT, loadForCommand, orgFileFromArgs, parseCommandLine, printJson } from "./common";
import { displayPath } from "../diagnostics/diagnostic";
import { didYouMean } from "../diagnostics/suggest";
import { effectiveJson, effectiveReport } from "../scp/effectiveReport";
import { renderEffective } from "../scp/effectiveText";
import { accountTargets, EvaluationTarget, targetNames, targetsNamed } from "../scp/policyPath";
import { requestContext } from "../../policypacks/aws-org-guardrails/core/requestContext";
import { actionArguments, ArgumentError, contextArguments, resourceArgument } from "./requestArguments";

const USAGE = `Usage: npm run effective -- [--stack S | --file F] --action ACTION [--action ...]
       [--target OU_PATH_OR_ACCOUNT_NAME ...] [--resource ARN] [--context KEY=VALUE ...] [--json]

What the SCPs let each account (or OU) do, evaluated root → OUs → account from the org file.
  --action    an IAM action like s3:GetObject; a wildcard (ec2:Describe*) expands to every match
  --target    an account name or an OU path like HIPAA/PCI (default: every account)
  --resource  the resource ARN asked about (default: *, any resource)
  --context   a request condition key and value, like aws:PrincipalArn=arn:aws:iam::123456789012:root;
              repeat a key for a multivalued key
  --json      print {"results": [...]} only (use \`npm run -s effective\` to silence npm's banner)`;

const OPTIONS = {
    ...COMMON_OPTIONS,
    action: { type: "string", multiple: true },
    target: { type: "string", multiple: true },
    resource: { type: "string", default: "*" },
    context: { type: "string", multiple: true },
} as const;

function usageError(message: string): never {
    console.error(`${message}\nSee \`npm run effective -- --help\`.`);
    process.exit(EXIT.usage);
}

function main(): void {
    const values = parseCommandLine(OPTIONS, USAGE);
    const file = orgFileFromArgs(values);
    let actions: string[];
    let resource: string;
    try {
        const parsed = actionArguments(values.action ?? []);
        actions = parsed.actions;
        for (const w of parsed.warnings) console.error(`warning: ${w}`);
        resource = resourceArgument(values.resource);
    } catch (e) {
        if (e instanceof ArgumentError) usageError(e.message);
        throw e;
    }
    const { model } = loadForCommand(file, values.json);
    let contextPairs: [string, string][];
    try {
        contextPairs = contextArguments(values.context ?? [], model);
    } catch (e) {
        if (e instanceof ArgumentError) usageError(e.message);
        throw e;
    }
    const targets: EvaluationTarget[] = [];
    for (const name of values.target ?? []) {
        const found = targetsNamed(model, name);
        if (found.length === 0) usageError(`No account or OU \`${name}\` in ${displayPath(model.file, process.cwd())}.${didYouMean(name, targetNames(model)) || " Give an account name or an OU path like `HIPAA/PCI`."}`);
        targets.push(...found);
    }
    const report = effectiveReport(model, targets.length > 0 ? targets : accountTargets(model), actions, { resource, context: requestContext(contextPairs) });
    if (values.json) printJson(effectiveJson(report));
    else console.log(renderEffective(model, report, { fileLabel: displayPath(model.file, process.cwd()), contextPairs }));
    process.exitCode = EXIT.ok;
}

main();
