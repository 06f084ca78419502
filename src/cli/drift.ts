import { COMMON_OPTIONS, EXIT, loadForCommand, orgFileFromArgs, parseCommandLine, printJson } from "./common";
import { AWS_OPTIONS, describeAwsError, organizationsClientFor } from "../aws/connection";
import { detectDrift, DRIFT_KINDS, DriftItem, DriftKind } from "../aws/drift";
import { LiveOrganization } from "../aws/liveOrganization";
import { readLiveOrganization } from "../aws/readLiveOrganization";
import { displayPath } from "../diagnostics/diagnostic";

const USAGE = `Usage: npm run drift -- [--stack NAME | --file PATH] [--profile NAME] [--role-arn ARN] [--endpoint URL] [--json]

Compares the org file with the live organization and lists what was changed outside the
program: accounts, OUs and SCPs on one side only, renamed or moved accounts, changed SCP
documents, SCPs attached or detached by hand. Each difference comes with its fix.

  --stack NAME      the stack's org file (default: dev)
  --file PATH       any org file
  --profile NAME    AWS profile of the management account (default: the standard chain)
  --role-arn ARN    role to assume first
  --endpoint URL    another Organizations endpoint (an emulator)
  --json            print one JSON document

Exit status: 0 no drift, 1 invalid org file, 3 drift found, 4 an AWS call failed.`;

async function main(): Promise<number> {
    const args = parseCommandLine({ ...COMMON_OPTIONS, ...AWS_OPTIONS }, USAGE);
    const file = orgFileFromArgs(args);
    const { model } = loadForCommand(file, args.json);
    let live: LiveOrganization;
    try {
        live = await readLiveOrganization(organizationsClientFor(args), { tags: false, progress: (m) => console.error(m) });
    } catch (e) {
        console.error(describeAwsError(e, "Reading the organization"));
        return EXIT.awsError;
    }
    const drift = detectDrift(model, live);
    if (args.json) {
        printJson({
            file,
            organization: live.id,
            drift: drift.map((d) => ({ kind: d.kind, message: d.message, fix: d.fix, ...(d.source ?? {}) })),
        });
    } else {
        console.log(renderDrift(displayPath(file, process.cwd()), live.id, drift));
    }
    return drift.length === 0 ? EXIT.ok : EXIT.drift;
}

/** The differences grouped by kind, each with its fix and where the file declares it. */
function renderDrift(file: string, organizationId: string, drift: readonly DriftItem[]): string {
    if (drift.length === 0) return `No drift: ${file} matches organization ${organizationId}.`;
    const lines = [`Drift between ${file} and organization ${organizationId}: ${drift.length} difference${drift.length === 1 ? "" : "s"}.`];
    for (const kind of Object.keys(DRIFT_KINDS) as DriftKind[]) {
        const items = drift.filter((d) => d.kind === kind);
        if (items.length === 0) continue;
        lines.push("", `${DRIFT_KINDS[kind]} (${items.length})`);
        for (const d of items) {
            lines.push(`  - ${d.message}`, `    fix: ${d.fix}`);
            if (d.source !== undefined) lines.push(`    at ${displayPath(d.source.file, process.cwd())}:${d.source.line}:${d.source.column}`);
        }
    }
    return lines.join("\n");
}

main().then(
    (code) => process.exit(code),
    (e: unknown) => {
        console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
        process.exit(70);
    },
);
