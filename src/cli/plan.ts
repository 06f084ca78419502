import * as fs from "fs";
import * as path from "path";
import { COMMON_OPTIONS, loadForCommand, PROJECT_DIR } from "./common";
import { defineCommand } from "./defineCommand";
import { ArgumentError, CommandError, EXIT } from "./exitStatus";
import { jsonDiagnostic, printJson } from "./jsonOutput";
import { runAsProcess } from "./runAsProcess";
import { Diagnostic, displayPath, OrgConfigError } from "../diagnostics/diagnostic";
import { loadOrgFile } from "../config/loadOrgFile";
import { readSourceFile, FILE_SIZE_LIMITS } from "../files/readSourceFile";
import { OrgModel } from "../model/types";
import { statusLine } from "./terminal";
import { captureProgram } from "../plan/captureProgram";
import { computeChanges, deployedFromPlan, ResourceChange } from "../plan/changes";
import { DeployedResource } from "../plan/deployedResource";
import { BaseRefError, orgFileAtRef } from "../plan/gitBase";
import { readStackExport } from "../plan/stackExport";
import { renderMarkdown } from "../plan/renderMarkdown";
import { impactLines } from "../scp/impactText";
import { accountsWithNewScps, actionImpact, impactByService } from "../scp/permissionImpact";
import { actionArguments } from "./requestArguments";
import { AWS_OPTIONS, AWS_OPTIONS_USAGE, awsClientOptions } from "./awsArguments";
import { liveModel, modelOfLive } from "./liveBefore";
import { organizationFromState } from "../plan/stateOrganization";
import { essentialActionProblems } from "../plan/essentialActionProblems";
import { configFor, configurePolicies, ConfiguredPolicy, NO_POLICY_PACK_CONFIG, readPolicyPackConfig, withDefaultSettings } from "../plan/policyConfig";
import { ChangeGuardrail, CHANGE_GUARDRAILS, checkChanges } from "../plan/changeGuardrails";
import { renderPlan } from "../plan/renderPlan";
import { runPolicies } from "../plan/runPolicies";
import { CapturedResource } from "../plan/types";
import { guardrailPolicies } from "../../policypacks/aws-org-guardrails/policies";

/** The pack's config, which every run reads: this plan, CI's plan and the workflows' previews. */
export const DEFAULT_POLICY_CONFIG = path.join(PROJECT_DIR, "policypacks", "aws-org-guardrails", "config.json");

const USAGE = `Usage: npm run plan -- [--stack NAME | --file PATH] [--base REF | --state FILE | --live [AWS options]]
                        [--action ACTION ...] [--policy-config FILE] [--json | --format text|markdown]

Runs the Pulumi program offline under mocks, checks it against the guardrail policy pack,
and prints what \`pulumi up\` would do: on an empty state, or, as a change review, to what
exists before (the file at a git ref, a stack's state, or the live organization).

  --stack NAME           the stack's org file (default: dev)
  --file PATH            any org file
  --base REF             compare with the org file and its policy files at git ref REF
                         (e.g. origin/main), planned the same way; needs no credentials
  --state FILE           compare with a stack's state: the output of \`pulumi stack export\`
  --live                 compare with the live organization, read as \`npm run import\` reads it
                         (the management account's credentials; Identity Center is not read)
${AWS_OPTIONS_USAGE}
  --action ACTION        in a change review: each account's decision for ACTION before and after
                         (repeatable; a wildcard like ec2:Describe* expands to every match)
  --policy-config FILE   the policy pack config (default: ${path.relative(PROJECT_DIR, DEFAULT_POLICY_CONFIG)},
                         the file \`pulumi preview --policy-pack-config\` gets in CI)
  --json                 print one JSON document
  --format markdown      print the review as the pull-request comment (default: text)`;

/** The Pulumi program, loaded afresh by every plan so that it registers its resources again. */
const PROGRAM = path.join(PROJECT_DIR, "index.ts");

/** From this many accounts, a plan takes a few seconds (`npm run bench`). */
const LONG_PLAN_ACCOUNTS = 200;

export const run = defineCommand({
    name: "plan",
    usage: USAGE,
    exitStatus: "0 valid, 1 invalid org file (or policy config), 2 a mandatory guardrail is violated",
    options: { ...COMMON_OPTIONS, "policy-config": { type: "string" }, base: { type: "string" }, state: { type: "string" }, action: { type: "string", multiple: true }, format: { type: "string", default: "text" }, live: { type: "boolean", default: false }, ...AWS_OPTIONS },
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
        // The change guardrails live in the same config as the pack's policies (the Pulumi CLI ignores names its pack lacks).
        const configured = configurePolicies<{ name: string }>([...guardrailPolicies, ...CHANGE_GUARDRAILS], config);
        const changeNames = CHANGE_GUARDRAILS.map((g) => g.name);
        const changeGuardrails = configured.filter((c): c is ConfiguredPolicy<ChangeGuardrail> => changeNames.includes(c.policy.name));
        const keepAccess = configured.find((c) => c.policy.name === "accounts-keep-access")?.settings ?? {};
        const unknownActions = essentialActionProblems(config);
        if (unknownActions.length > 0) throw new OrgConfigError(unknownActions);
        if (args.format !== "text" && args.format !== "markdown") throw new ArgumentError(`\`--format ${args.format}\` is not a format; use \`text\` or \`markdown\` (or --json).`);
        if (args.json && args.format !== "text") throw new ArgumentError("Use either --json or --format, not both.");
        if ([args.base !== undefined, args.state !== undefined, args.live].filter(Boolean).length > 1) {
            throw new ArgumentError("Use one of --base, --state and --live: each is what the change is compared with.");
        }
        // A stack export names its stack in every URN; the plan takes the same stack name, so that URNs match.
        const before = args.state === undefined ? undefined : readState(path.resolve(io.cwd, args.state));
        const stack = args.stack ?? before?.stack ?? "dev";
        // Running the program holds the event loop: a large organization shows its line at once.
        const status = statusLine(io.stderr, io.terminal, model.allAccounts.length >= LONG_PLAN_ACCOUNTS);
        status.set(`Running the program for ${String(model.allAccounts.length)} accounts and ${String(model.allOrganizationalUnits.length)} OUs...`);
        const { resources, changes, impact, byService, sections, against, violations } = await (async () => {
            try {
                const resources = await planProgram(file, model, stack);
                if (args.action !== undefined && args.base === undefined && args.state === undefined && !args.live) {
                    throw new ArgumentError("--action compares decisions before and after a change: give --base, --state or --live with it (or use `npm run effective`).");
                }
                const asked = args.action === undefined ? undefined : actionArguments(args.action);
                for (const warning of asked?.warnings ?? []) io.stderr.write(`${warning}\n`);
                if (args.base !== undefined || args.live) status.set(args.live ? "Reading the live organization..." : `Planning the file as it was at ${args.base ?? ""}...`);
                const base = args.base !== undefined ? await planBase(file, args.base, stack) : args.live ? await planLive(awsClientOptions(args), stack, io.stderr) : undefined;
                const deployed = before?.resources ?? base?.resources;
                const beforeModel = base?.model ?? (before === undefined ? undefined : stateModel(before.resources, io.stderr));
                const byService = beforeModel === undefined ? [] : impactByService(beforeModel, model);
                const impact = beforeModel === undefined || asked === undefined ? undefined : actionImpact(beforeModel, model, asked.actions);
                const sections = beforeModel === undefined ? [] : [impactLines(byService, impact, accountsWithNewScps(beforeModel, model).length).join("\n")];
                // The live reader reads the organization, not Identity Center: its resources are not compared.
                const compared = args.live ? resources.filter((r) => !IDENTITY_CENTER_TYPE.test(r.type)) : resources;
                const changes = computeChanges(compared, deployed?.filter((r) => !args.live || !IDENTITY_CENTER_TYPE.test(r.type)));
                const against = args.base !== undefined ? args.base : args.state !== undefined ? `the stack state ${displayPath(path.resolve(io.cwd, args.state), io.cwd)}` : args.live ? "the live organization" : undefined;
                status.set(`Checking ${String(resources.length)} resources against the guardrails...`);
                const violations = [
                    ...runPolicies(resources, guardrailPolicies, configFor(config, changeNames, false)),
                    ...checkChanges(changeGuardrails, {
                        changes,
                        after: model,
                        ...(beforeModel === undefined ? {} : { before: beforeModel }),
                        keepAccess: {
                            essentialActions: stringList(keepAccess.essentialActions),
                            exemptAccounts: stringList(keepAccess.exemptAccounts),
                            exemptOrganizationalUnits: stringList(keepAccess.exemptOrganizationalUnits),
                        },
                    }),
                ];
                return { resources, changes, impact, byService, sections, against, violations };
            } finally {
                status.done();
            }
        })();
        if (args.json) {
            printJson(io.stdout, {
                resources: resources.map(toJson(resources)),
                changes: changes.filter((c) => c.op !== "same").map(changeJson),
                ...(impact === undefined ? {} : { impact }),
                impactByService: byService.map(({ target, service, lost, gained }) => ({ target, service, lost, gained })),
                violations,
                warnings: warnings.map(jsonDiagnostic),
            });
        } else if (args.format === "markdown") {
            const title = args.stack ?? displayPath(file, io.cwd);
            io.stdout.write(`${renderMarkdown({ title, changes, violations, ...(sections[0] === undefined ? {} : { impact: sections[0].split("\n") }), ...(against === undefined ? {} : { against }) })}\n`);
        } else {
            io.stdout.write(`${renderPlan({ file: displayPath(file, io.cwd), model, resources, violations, warnings, changes, sections, ...(against === undefined ? {} : { against }) })}\n`);
        }
        return violations.some((v) => v.enforcementLevel === "mandatory") ? EXIT.guardrailViolated : EXIT.ok;
    },
});

/** The program's resources for an org file, under the plan's mocks. */
function planProgram(file: string, model: OrgModel, stack: string) {
    return captureProgram({
        run: () => {
            // Node's module cache is a dictionary of loaded files: removing the program's
            // entry makes the import below run it again.
            // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- removing an entry is how a module is loaded again
            delete require.cache[require.resolve(PROGRAM)];
            return import(PROGRAM);
        },
        config: { "aws:region": "us-east-1", "aws-org:orgFile": file },
        model,
        stack,
    });
}

/**
 * The organization a stack's state describes, as an org model, for the permission impact; a
 * note on stderr when it cannot be built (the changes are reviewed all the same).
 */
function stateModel(resources: readonly DeployedResource[], stderr: { write(text: string): unknown }): OrgModel | undefined {
    const live = organizationFromState(resources);
    if (live === undefined) return undefined;
    const written = modelOfLive(live);
    if ("problems" in written) {
        stderr.write(`note: the organization in the stack state breaks rules the loader enforces, so the permission impact is not computed:\n${written.problems}\n`);
        return undefined;
    }
    // The model holds everything the impact needs; the file it was loaded from is not read again.
    written.dispose();
    return written.model;
}

/** Identity Center's resources and components, which `--live` does not read. */
const IDENTITY_CENTER_TYPE = /^(aws:ssoadmin\/|aws:identitystore\/|aws-org:identity:)/;

/** The live organization, planned by the program as the file `npm run import` writes for it. */
async function planLive(options: Parameters<typeof liveModel>[0], stack: string, stderr: { write(text: string): unknown }): Promise<{ resources: DeployedResource[]; model: OrgModel }> {
    const { model, dispose } = await liveModel(options, (m) => stderr.write(`${m}\n`));
    try {
        return { resources: deployedFromPlan(await planProgram(model.file, model, stack)), model };
    } finally {
        dispose();
    }
}

/** The resources of the org file as it was at `ref`, planned by today's program; its problems name `REF:path`. */
async function planBase(file: string, ref: string, stack: string): Promise<{ resources: DeployedResource[]; model: OrgModel }> {
    let copy;
    try {
        copy = orgFileAtRef(file, ref);
    } catch (error) {
        if (error instanceof BaseRefError) throw new CommandError(EXIT.invalidConfig, error.message);
        throw error;
    }
    try {
        const result = loadOrgFile(copy.file);
        const dir = path.dirname(copy.file);
        const relabel = (d: Diagnostic): Diagnostic => ({ ...d, file: d.file === copy.file ? copy.label : d.file.startsWith(dir) ? `${ref}:${path.relative(path.dirname(dir), d.file)}` : d.file });
        if (result.model === undefined) throw new OrgConfigError(result.diagnostics.map(relabel));
        return { resources: deployedFromPlan(await planProgram(copy.file, result.model, stack)), model: result.model };
    } finally {
        copy.dispose();
    }
}

/** A stack export's resources and the stack its URNs name; its problems name their place in the file. */
function readState(file: string): { resources: DeployedResource[]; stack?: string } {
    const read = readSourceFile({ path: file, label: "The stack export", maxBytes: FILE_SIZE_LIMITS.stackOutputs, missingHint: "write it with `pulumi stack export --file FILE`" });
    if ("refused" in read) throw new OrgConfigError([read.refused]);
    const { resources, diagnostics } = readStackExport(file, read.text);
    if (resources === undefined) throw new OrgConfigError(diagnostics);
    const stack = resources[0]?.urn.split("::")[0]?.slice("urn:pulumi:".length);
    return { resources, ...(stack === undefined || stack === "" ? {} : { stack }) };
}

function stringList(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** A change as interfaces.md §4.5 fixes it. */
function changeJson(c: ResourceChange) {
    return { urn: c.urn, type: c.type, name: c.name, op: c.op, diffs: c.diffs.map((d) => ({ property: d.property, old: d.old ?? null, new: d.new ?? null, replaces: d.replaces })) };
}

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
