import * as fs from "fs";
import * as path from "path";
import { COMMON_OPTIONS, loadForCommand, PROJECT_DIR } from "./common";
import { defineCommand } from "./defineCommand";
import { EXIT } from "./exitStatus";
import { jsonDiagnostic, printJson } from "./jsonOutput";
import { runAsProcess } from "./runAsProcess";
import { statusLine } from "./terminal";
import { displayPath, OrgConfigError } from "../diagnostics/diagnostic";
import { captureProgram } from "../plan/captureProgram";
import { essentialActionProblems } from "../plan/essentialActionProblems";
import { configurePolicies, NO_POLICY_PACK_CONFIG, readPolicyPackConfig, withDefaultSettings } from "../plan/policyConfig";
import { renderPlan } from "../plan/renderPlan";
import { runPolicies } from "../plan/runPolicies";
import { CapturedResource } from "../plan/types";
import { guardrailPolicies } from "../../policypacks/aws-org-guardrails/policies";

/** The pack's config, which every run reads: this plan, CI's plan and the workflows' previews. */
export const DEFAULT_POLICY_CONFIG = path.join(PROJECT_DIR, "policypacks", "aws-org-guardrails", "config.json");

const USAGE = `Usage: npm run plan -- [--stack NAME | --file PATH] [--policy-config FILE] [--json]

Runs the Pulumi program offline under mocks, checks it against the guardrail policy pack,
and prints what \`pulumi up\` would do on an empty state.

  --stack NAME           the stack's org file (default: dev)
  --file PATH            any org file
  --policy-config FILE   the policy pack config (default: ${path.relative(PROJECT_DIR, DEFAULT_POLICY_CONFIG)},
                         the file \`pulumi preview --policy-pack-config\` gets in CI)
  --json                 print one JSON document`;

/** The Pulumi program, loaded afresh by every plan so that it registers its resources again. */
const PROGRAM = path.join(PROJECT_DIR, "index.ts");

/** From this many accounts, a plan takes a few seconds (`npm run bench`). */
const LONG_PLAN_ACCOUNTS = 200;

export const run = defineCommand({
    name: "plan",
    usage: USAGE,
    exitStatus: "0 valid, 1 invalid org file (or policy config), 2 a mandatory guardrail is violated",
    options: { ...COMMON_OPTIONS, "policy-config": { type: "string" } },
    async main(args, io) {
        // The plan lists warnings in its own report.
        const { file, model, warnings } = loadForCommand(args, { stderr: io.stderr, cwd: io.cwd, printWarnings: false });
        const configFile = args["policy-config"] === undefined ? DEFAULT_POLICY_CONFIG : path.resolve(io.cwd, args["policy-config"]);
        // Without the pack's own config (a copy of the project that removed it), each policy runs with its defaults.
        let config = args["policy-config"] === undefined && !fs.existsSync(configFile) ? NO_POLICY_PACK_CONFIG : readPolicyPackConfig(configFile);
        // The file's own limits (stricter than AWS's, never looser) apply unless the config says otherwise.
        const { limits } = model.organization;
        config = withDefaultSettings(config, {
            "scp-attachment-limit": { maxPerTarget: limits.scpsPerTarget },
            "scp-document-valid": { maxChars: limits.scpMaxChars },
            "ou-depth-limit": { maxDepth: limits.ouMaxDepth },
            "account-creation-concurrency": { maxConcurrent: limits.concurrentAccountCreations },
        });
        // Check the config before running the program, so a typo fails fast.
        configurePolicies(guardrailPolicies, config);
        const unknownActions = essentialActionProblems(config);
        if (unknownActions.length > 0) throw new OrgConfigError(unknownActions);
        // Running the program holds the event loop: a large organization shows its line at once.
        const status = statusLine(io.stderr, io.terminal, model.allAccounts.length >= LONG_PLAN_ACCOUNTS);
        status.set(`Running the program for ${String(model.allAccounts.length)} accounts and ${String(model.allOrganizationalUnits.length)} OUs...`);
        const { resources, violations } = await (async () => {
            try {
                const captured = await captureProgram({
                    run: () => {
                        // Node's module cache is a dictionary of loaded files: removing the program's
                        // entry makes the import below run it again.
                        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- removing an entry is how a module is loaded again
                        delete require.cache[require.resolve(PROGRAM)];
                        return import(PROGRAM);
                    },
                    config: { "aws:region": "us-east-1", "aws-org:orgFile": file },
                    model,
                    stack: args.stack ?? "dev",
                });
                status.set(`Checking ${String(captured.length)} resources against the guardrails...`);
                return { resources: captured, violations: runPolicies(captured, guardrailPolicies, config) };
            } finally {
                status.done();
            }
        })();
        if (args.json) {
            printJson(io.stdout, { resources: resources.map(toJson(resources)), violations, warnings: warnings.map(jsonDiagnostic) });
        } else {
            io.stdout.write(`${renderPlan({ file: displayPath(file, io.cwd), model, resources, violations, warnings })}\n`);
        }
        return violations.some((v) => v.enforcementLevel === "mandatory") ? EXIT.guardrailViolated : EXIT.ok;
    },
});

/** The documented JSON shape: parents and dependencies by logical name. */
function toJson(all: readonly CapturedResource[]) {
    const names = new Map(all.map((r) => [r.urn, r.name]));
    return (r: CapturedResource) => ({
        type: r.type,
        name: r.name,
        parent: r.parentUrn === null ? null : (names.get(r.parentUrn) ?? null),
        inputs: r.inputs,
        options: {
            protect: r.options.protect,
            ...(r.options.import !== undefined ? { import: r.options.import } : {}),
            dependsOn: r.options.dependsOn.map((urn) => names.get(urn) ?? urn),
            retainOnDelete: r.options.retainOnDelete,
            ignoreChanges: r.options.ignoreChanges,
            ...(r.options.customTimeouts !== undefined ? { customTimeouts: r.options.customTimeouts } : {}),
        },
    });
}

if (require.main === module) runAsProcess(run);
