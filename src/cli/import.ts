import * as fs from "fs";
import * as path from "path";
import { COMMON_OPTIONS } from "./common";
import { defineCommand } from "./defineCommand";
import { ArgumentError, CommandError, EXIT } from "./exitStatus";
import { jsonDiagnostic, printJson } from "./jsonOutput";
import { runAsProcess } from "./runAsProcess";
import { policyFileUsers } from "../config/policyFileUsers";
import { readProgress } from "./terminal";
import { AWS_OPTIONS, AWS_OPTIONS_USAGE, awsClientOptions, SSO_REGION_OPTION, ssoRegion } from "./awsArguments";
import { identityCenterFromLive } from "../aws/identityCenterFromLive";
import { identityCenterClients, LiveIdentityCenter, readLiveIdentityCenter } from "../aws/readLiveIdentityCenter";
import { describeAwsError } from "../aws/connection";
import { createOrganizationsClient } from "../aws/organizationsClient";
import { isClosed, LiveOrganization } from "../aws/liveOrganization";
import { orgFileFromLive } from "../aws/orgFileFromLive";
import { readLiveOrganization } from "../aws/readLiveOrganization";
import { accountManagementClient, readLiveAlternateContacts } from "../aws/readLiveContacts";
import { iamClient, readLiveRootAccess } from "../aws/readLiveRootAccess";
import { displayPath, formatDiagnostics } from "../diagnostics/diagnostic";
import { loadOrgFile } from "../config/loadOrgFile";
import { OrgFileExistsError, writeOrgFile } from "../config/writeOrgFile";

const USAGE = `Usage: npm run import -- --out FILE [--force] [--profile NAME] [--role-arn ARN] [--endpoint URL]
       [--request-timeout SECS] [--deadline SECS] [--sso-region R] [--json]

Reads the live organization (with the management account's credentials) and writes an org
file, with its SCPs in policies/*.json beside it, that \`pulumi up\` adopts without creating
or replacing anything. With an Identity Center instance in --sso-region, its permission sets
(adopted by ARN, inline policies in policies/permission-sets/), the groups holding access and
their assignments are written under \`identityCenter\`.

  --out FILE        the org file to write, e.g. config/prod.yaml (required; if it exists,
                    a usage error unless --force)
  --force           overwrite FILE and policy files of the same names
${AWS_OPTIONS_USAGE}
  --sso-region R           the Identity Center home Region (default: us-east-1)
  --json            print one JSON document describing what was written`;

export const run = defineCommand({
    name: "import",
    usage: USAGE,
    exitStatus: "0 written and valid, 1 written but the organization breaks a rule the loader enforces (listed on stderr), 4 an AWS call failed, 73 the files cannot be written (nothing is)",
    options: { json: COMMON_OPTIONS.json, out: { type: "string" }, force: { type: "boolean", default: false }, ...AWS_OPTIONS, ...SSO_REGION_OPTION },
    async main(args, io) {
        if (args.out === undefined) throw new ArgumentError("--out is required.");
        const out = path.resolve(io.cwd, args.out);
        // Checked before the (possibly long) read, and again with the policy files when writing.
        if (!args.force && fs.existsSync(out)) throw new ArgumentError(`\`${args.out}\` exists already; pass --force to overwrite it, or choose another --out.`);
        const options = awsClientOptions(args);
        const region = ssoRegion(args["sso-region"], "us-east-1");
        const client = createOrganizationsClient(options);
        let live: LiveOrganization;
        const reading = readProgress(io.stderr, io.terminal);
        try {
            live = await readLiveOrganization(client, { ...reading });
        } catch (e) {
            throw new CommandError(EXIT.awsError, describeAwsError(e, "Reading the organization"));
        } finally {
            reading.done();
        }
        const icNotices: string[] = [];
        try {
            live = { ...live, rootAccess: await readLiveRootAccess(iamClient(options)) };
        } catch (e) {
            icNotices.push(`${describeAwsError(e, "Reading centralized root access")}; the file has no \`rootAccess\`.`);
        }
        try {
            const members = live.accounts.filter((a) => !isClosed(a)).map((a) => a.id);
            live = { ...live, alternateContacts: await readLiveAlternateContacts(accountManagementClient(options), members, live.managementAccountId) };
        } catch (e) {
            icNotices.push(`${describeAwsError(e, "Reading the alternate contacts")}; the file has no \`alternateContacts\`.`);
        }
        let ic: LiveIdentityCenter | undefined;
        try {
            ic = await readLiveIdentityCenter(identityCenterClients({ ...options, region }), region);
        } catch (e) {
            // The organization alone is still worth writing; the notice says what is missing.
            icNotices.push(`${describeAwsError(e, `Reading Identity Center in ${region}`)}; the file has no \`identityCenter\`.`);
        }
        const organization = orgFileFromLive(live);
        // An instance without permission sets (every organization can have one) adds nothing to the file.
        const identity = ic === undefined || ic.permissionSets.length === 0 ? undefined : identityCenterFromLive(ic, live);
        const content = identity === undefined
            ? { ...organization, notices: [...organization.notices, ...icNotices] }
            : {
                  ...organization,
                  document: { ...organization.document, identityCenter: identity.section },
                  policyFiles: new Map([...organization.policyFiles, ...identity.policyFiles]),
                  notices: [...organization.notices, ...identity.notices],
              };
        const accounts = live.accounts.filter((a) => !isClosed(a)).length;
        if (args.force) refuseSharedPolicyFiles(out, content.policyFiles, io.cwd);
        let written: string[];
        try {
            written = writeOrgFile(out, content, args.force);
        } catch (e) {
            // Files that exist without --force are a usage error; nothing was written then, nor
            // when writing failed: every file is staged first and moved into place at the end.
            if (e instanceof OrgFileExistsError) throw new ArgumentError(e.message);
            throw new CommandError(EXIT.cannotCreate, `Nothing was written: ${e instanceof Error ? e.message : String(e)}`);
        }
        for (const notice of content.notices) io.stderr.write(`note: ${notice}\n`);

        const loaded = loadOrgFile(out);
        const errors = loaded.diagnostics.filter((d) => d.severity === "error");
        const warnings = loaded.diagnostics.filter((d) => d.severity === "warning");
        if (args.json) {
            printJson(io.stdout, {
                file: out,
                policyFiles: written.slice(1),
                organization: { id: live.id, rootId: live.rootId, managementAccountId: live.managementAccountId },
                organizationalUnits: live.organizationalUnits.length,
                accounts: accounts,
                policies: organization.policyFiles.size,
                notices: content.notices,
                errors: errors.map(jsonDiagnostic),
                warnings: warnings.map(jsonDiagnostic),
            });
        } else {
            const shown = (f: string) => displayPath(f, io.cwd);
            io.stdout.write(`Wrote ${shown(out)} from organization ${live.id}: ${live.organizationalUnits.length} OUs, ${accounts} accounts, ${organization.policyFiles.size} SCPs.\n`);
            for (const f of written.slice(1)) io.stdout.write(`Wrote ${shown(f)}\n`);
            if (errors.length === 0) io.stdout.write(`Next: \`npm run plan -- --file ${shown(out)}\` shows what \`pulumi up\` would do; the organization and every account are adopted, not created.\n`);
        }
        if (errors.length > 0) {
            io.stderr.write(`The file is written, but the live organization breaks rules that the loader enforces; fix these before \`pulumi up\`:\n${formatDiagnostics(loaded.diagnostics, io.cwd)}\n`);
            return EXIT.invalidConfig;
        }
        if (warnings.length > 0 && !args.json) io.stderr.write(`${formatDiagnostics(warnings, io.cwd)}\n`);
        return EXIT.ok;
    },
});

/**
 * `--force` replaces policy files; one that another org file beside `out` names too (the dev
 * stack's `config/dev.yaml` and the prod stack's share `config/policies/`) would change that
 * file's SCP as well, which nobody asked for. Such a file is refused when its new text differs.
 */
function refuseSharedPolicyFiles(out: string, policyFiles: ReadonlyMap<string, string>, cwd: string): void {
    const dir = path.dirname(out);
    const changing = new Set(
        [...policyFiles]
            .map(([relative, text]) => ({ target: path.resolve(dir, relative), text: text.endsWith("\n") ? text : `${text}\n` }))
            .filter(({ target, text }) => fs.existsSync(target) && fs.readFileSync(target, "utf8") !== text)
            .map(({ target }) => target),
    );
    if (changing.size === 0) return;
    const siblings = fs.existsSync(dir)
        ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).map((f) => path.join(dir, f)).filter((f) => f !== out)
        : [];
    const users = policyFileUsers(siblings, changing);
    if (users.length === 0) return;
    const lines = users.map((u) => `  ${displayPath(u.policyFile, cwd)} is the SCP \`${u.policy}\` of ${displayPath(u.orgFile, cwd)}:${String(u.line)}:${String(u.column)}`);
    throw new ArgumentError(
        `Nothing was written: --force would change SCP files that another org file uses too, and so that stack's SCPs:\n${lines.join("\n")}\nImport into another folder (\`--out imported/${path.basename(out)}\`) and compare, or give the other file its own copies first.`,
    );
}

if (require.main === module) runAsProcess(run);
