import * as fs from "fs";
import * as path from "path";
import { COMMON_OPTIONS, EXIT, jsonDiagnostic, parseCommandLine, printJson } from "./common";
import { AWS_OPTIONS, describeAwsError, organizationsClientFor } from "../aws/connection";
import { isClosed, LiveOrganization } from "../aws/liveOrganization";
import { orgFileFromLive } from "../aws/orgFileFromLive";
import { readLiveOrganization } from "../aws/readLiveOrganization";
import { displayPath, formatDiagnostics } from "../diagnostics/diagnostic";
import { loadOrgFile } from "../config/loadOrgFile";
import { writeOrgFile } from "../config/writeOrgFile";

const USAGE = `Usage: npm run import -- --out FILE [--force] [--profile NAME] [--role-arn ARN] [--endpoint URL] [--json]

Reads the live organization (with the management account's credentials) and writes an org
file, with its SCPs in policies/*.json beside it, that \`pulumi up\` adopts without creating
or replacing anything.

  --out FILE        the org file to write, e.g. config/prod.yaml (required)
  --force           overwrite FILE and policy files of the same names
  --profile NAME    AWS profile (default: the standard credential chain)
  --role-arn ARN    role to assume first, e.g. in the management account
  --endpoint URL    another Organizations endpoint (an emulator)
  --json            print one JSON document describing what was written

Exit status: 0 written and valid, 1 written but the organization breaks a rule the loader
enforces (listed on stderr), 4 an AWS call failed, 64 bad arguments or FILE exists.`;

async function main(): Promise<number> {
    const args = parseCommandLine({ json: COMMON_OPTIONS.json, help: COMMON_OPTIONS.help, out: { type: "string" }, force: { type: "boolean", default: false }, ...AWS_OPTIONS }, USAGE);
    if (args.out === undefined) {
        console.error(`--out is required.\n\n${USAGE}`);
        return EXIT.usage;
    }
    const out = path.resolve(args.out);
    // Checked before the (possibly long) read, and again with the policy files when writing.
    if (!args.force && fs.existsSync(out)) {
        console.error(`\`${args.out}\` exists already; pass --force to overwrite it, or choose another --out.`);
        return EXIT.usage;
    }
    let live: LiveOrganization;
    try {
        live = await readLiveOrganization(organizationsClientFor(args), { progress: (m) => console.error(m) });
    } catch (e) {
        console.error(describeAwsError(e, "Reading the organization"));
        return EXIT.awsError;
    }
    const content = orgFileFromLive(live);
    const accounts = live.accounts.filter((a) => !isClosed(a)).length;
    let written: string[];
    try {
        written = writeOrgFile(out, content, args.force);
    } catch (e) {
        console.error((e as Error).message);
        return EXIT.usage;
    }
    for (const notice of content.notices) console.error(`note: ${notice}`);

    const loaded = loadOrgFile(out);
    const errors = loaded.diagnostics.filter((d) => d.severity === "error");
    const warnings = loaded.diagnostics.filter((d) => d.severity === "warning");
    const cwd = process.cwd();
    if (args.json) {
        printJson({
            file: out,
            policyFiles: written.slice(1),
            organization: { id: live.id, rootId: live.rootId, managementAccountId: live.managementAccountId },
            organizationalUnits: live.organizationalUnits.length,
            accounts: accounts,
            policies: content.policyFiles.size,
            notices: content.notices,
            errors: errors.map(jsonDiagnostic),
            warnings: warnings.map(jsonDiagnostic),
        });
    } else {
        console.log(`Wrote ${displayPath(out, cwd)} from organization ${live.id}: ${live.organizationalUnits.length} OUs, ${accounts} accounts, ${content.policyFiles.size} SCPs.`);
        for (const f of written.slice(1)) console.log(`Wrote ${displayPath(f, cwd)}`);
        if (errors.length === 0) console.log(`Next: \`npm run plan -- --file ${displayPath(out, cwd)}\` shows what \`pulumi up\` would do; the organization and every account are adopted, not created.`);
    }
    if (errors.length > 0) {
        console.error(`The file is written, but the live organization breaks rules that the loader enforces; fix these before \`pulumi up\`:\n${formatDiagnostics(loaded.diagnostics)}`);
        return EXIT.invalidConfig;
    }
    if (warnings.length > 0 && !args.json) console.error(formatDiagnostics(warnings));
    return EXIT.ok;
}

main().then(
    (code) => process.exit(code),
    (e: unknown) => {
        console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
        process.exit(70);
    },
);
