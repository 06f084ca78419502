import { COMMON_OPTIONS, loadForCommand } from "./common";
import { defineCommand } from "./defineCommand";
import { CommandError, EXIT } from "./exitStatus";
import { printJson } from "./jsonOutput";
import { runAsProcess } from "./runAsProcess";
import { readProgress } from "./terminal";
import { AWS_OPTIONS, AWS_OPTIONS_USAGE, awsClientOptions, SSO_REGION_OPTION, ssoRegion } from "./awsArguments";
import { accountIdsOf, detectIdentityCenterDrift } from "../aws/identityCenterDrift";
import { identityCenterClients, LiveIdentityCenter, readLiveIdentityCenter } from "../aws/readLiveIdentityCenter";
import { describeAwsError } from "../aws/connection";
import { createOrganizationsClient } from "../aws/organizationsClient";
import { detectDrift, DRIFT_KINDS, DriftItem, DriftKind } from "../aws/drift";
import { isClosed, LiveOrganization } from "../aws/liveOrganization";
import { readLiveOrganization } from "../aws/readLiveOrganization";
import { accountManagementClient, readLiveAlternateContacts } from "../aws/readLiveContacts";
import { iamClient, readLiveRootAccess } from "../aws/readLiveRootAccess";
import { displayPath } from "../diagnostics/diagnostic";

const USAGE = `Usage: npm run drift -- [--stack NAME | --file PATH] [--profile NAME] [--role-arn ARN] [--endpoint URL]
       [--request-timeout SECS] [--deadline SECS] [--sso-region R] [--json]

Compares the org file with the live organization and lists what was changed outside the
program: accounts, OUs and SCPs on one side only, renamed or moved accounts, changed SCP
documents, SCPs attached or detached by hand; with \`identityCenter\` in the file, permission
sets changed by hand and access granted or removed outside the program. Each difference comes
with its fix.

  --stack NAME      the stack's org file (default: dev)
  --file PATH       any org file
${AWS_OPTIONS_USAGE}
  --sso-region R           the Identity Center home Region (default: \`identityCenter.region\`, else us-east-1)
  --json            print one JSON document`;

export const run = defineCommand({
    name: "drift",
    usage: USAGE,
    exitStatus: "0 no drift, 1 invalid org file, 3 drift found, 4 an AWS call failed",
    options: { ...COMMON_OPTIONS, ...AWS_OPTIONS, ...SSO_REGION_OPTION },
    async main(args, io) {
        const { file, model } = loadForCommand(args, { stderr: io.stderr, cwd: io.cwd, printWarnings: !args.json });
        const options = awsClientOptions(args);
        const client = createOrganizationsClient(options);
        let live: LiveOrganization;
        const reading = readProgress(io.stderr, io.terminal);
        try {
            live = await readLiveOrganization(client, { tags: false, ...reading });
        } catch (e) {
            throw new CommandError(EXIT.awsError, describeAwsError(e, "Reading the organization"));
        } finally {
            reading.done();
        }
        if (model.organization.rootAccess.credentialsManagement || model.organization.rootAccess.rootSessions) {
            try {
                live = { ...live, rootAccess: await readLiveRootAccess(iamClient(options)) };
            } catch (e) {
                throw new CommandError(EXIT.awsError, describeAwsError(e, "Reading centralized root access"));
            }
        }
        if (model.allAccounts.some((a) => Object.keys(a.alternateContacts).length > 0)) {
            try {
                const members = live.accounts.filter((a) => !isClosed(a)).map((a) => a.id);
                live = { ...live, alternateContacts: await readLiveAlternateContacts(accountManagementClient(options), members, live.managementAccountId) };
            } catch (e) {
                throw new CommandError(EXIT.awsError, describeAwsError(e, "Reading the alternate contacts"));
            }
        }
        const drift = detectDrift(model, live);
        if (model.identityCenter !== undefined) {
            const region = ssoRegion(args["sso-region"], model.identityCenter.region ?? "us-east-1");
            let ic: LiveIdentityCenter | undefined;
            try {
                ic = await readLiveIdentityCenter(identityCenterClients({ ...options, region }), region);
            } catch (e) {
                throw new CommandError(EXIT.awsError, describeAwsError(e, `Reading Identity Center in ${region}`));
            }
            if (ic === undefined) throw new CommandError(EXIT.awsError, `The file has \`identityCenter\`, but ${region} has no Identity Center instance: pass its home Region with --sso-region, or enable Identity Center.`);
            for (const n of ic.notices) io.stderr.write(`note: ${n}\n`);
            drift.push(...detectIdentityCenterDrift(model, ic, accountIdsOf(model, live)));
        }
        if (args.json) {
            printJson(io.stdout, {
                file,
                organization: live.id,
                drift: drift.map((d) => ({ kind: d.kind, message: d.message, fix: d.fix, ...(d.source ?? {}) })),
            });
        } else {
            io.stdout.write(`${renderDrift(file, live.id, drift, io.cwd)}\n`);
        }
        return drift.length === 0 ? EXIT.ok : EXIT.drift;
    },
});

/** The differences grouped by kind, each with its fix and where the file declares it. */
function renderDrift(file: string, organizationId: string, drift: readonly DriftItem[], cwd: string): string {
    const shown = displayPath(file, cwd);
    if (drift.length === 0) return `No drift: ${shown} matches organization ${organizationId}.`;
    const lines = [`Drift between ${shown} and organization ${organizationId}: ${drift.length} difference${drift.length === 1 ? "" : "s"}.`];
    for (const kind of Object.keys(DRIFT_KINDS) as DriftKind[]) {
        const items = drift.filter((d) => d.kind === kind);
        if (items.length === 0) continue;
        lines.push("", `${DRIFT_KINDS[kind]} (${items.length})`);
        for (const d of items) {
            lines.push(`  - ${d.message}`, `    fix: ${d.fix}`);
            if (d.source !== undefined) lines.push(`    at ${displayPath(d.source.file, cwd)}:${d.source.line}:${d.source.column}`);
        }
    }
    return lines.join("\n");
}

if (require.main === module) runAsProcess(run);
