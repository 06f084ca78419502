import * as fs from "fs";
import * as path from "path";
import { CommandIo } from "./commandIo";
import { COMMON_OPTIONS, loadForCommand } from "./common";
import { defineCommand } from "./defineCommand";
import { ArgumentError, EXIT } from "./exitStatus";
import { runAsProcess } from "./runAsProcess";
import { OrgConfigError } from "../diagnostics/diagnostic";
import { registryEntries, RegistryEntry } from "../registry/accountRegistry";
import { formatRegistry, REGISTRY_FORMATS, RegistryFormat } from "../registry/registryFormats";
import { readStackOutputsText, registryFromOutputs } from "../registry/stackOutputs";
import { ProfileOptions } from "../registry/switchRole";
import { ssoAccessFromOutputs } from "../registry/identityCenterOutputs";
import { formatSsoConfig, SsoAccess, ssoAccessFromModel } from "../registry/ssoProfiles";
import { startUrlProblem } from "../config/identityCenterRules";

const USAGE = `Usage: npm run accounts -- [--stack NAME | --file PATH | --from-outputs FILE] [--format FORMAT] [--json]
                           [--source-profile NAME] [--region REGION]
                           [--group G ...] [--sso-session NAME] [--start-url URL]

Lists every account of the organization with its id, OU, role, console switch-role link and
AWS CLI profile. With \`identityCenter\` in the file, shows the AWS access portal, and
\`--format aws-config\` writes an \`sso-session\` and one SSO profile per account and
permission set (of the groups given) instead of switch-role profiles.

  --stack NAME           read config/NAME.yaml (default: dev); ids come from the file
  --file PATH            read any org file
  --from-outputs FILE    read \`pulumi stack output --json\` of a deployed stack (\`-\` for stdin);
                         it has the ids of the accounts the program created
  --format FORMAT        ${REGISTRY_FORMATS.join(" | ")} (default: table)
  --json                 same as --format json
  --source-profile NAME  source_profile of the generated profiles (default: default)
  --region REGION        region of the generated profiles (default: none)
  --group G              SSO profiles only for the permission sets group G holds (repeat for each
                         of your groups; default: every group)
  --sso-session NAME     name of the [sso-session] block (default: the stack name, or aws-org)
  --start-url URL        the AWS access portal URL, when neither the file nor the outputs have it`;

const OPTIONS = {
    ...COMMON_OPTIONS,
    "from-outputs": { type: "string" },
    format: { type: "string" },
    "source-profile": { type: "string", default: "default" },
    region: { type: "string" },
    group: { type: "string", multiple: true },
    "sso-session": { type: "string" },
    "start-url": { type: "string" },
} as const;

function chosenFormat(format: string | undefined, json: boolean): RegistryFormat {
    if (format !== undefined && !(REGISTRY_FORMATS as readonly string[]).includes(format)) {
        throw new ArgumentError(`Unknown format \`${format}\`; expected one of ${REGISTRY_FORMATS.map((f) => `\`${f}\``).join(", ")}.`);
    }
    if (json && format !== undefined && format !== "json") throw new ArgumentError(`--json prints JSON; it cannot go with \`--format ${format}\`.`);
    return json ? "json" : ((format as RegistryFormat | undefined) ?? "table");
}

function profileOptions(sourceProfile: string, region: string | undefined): ProfileOptions {
    if (!/^[^\s[\]]+$/.test(sourceProfile)) throw new ArgumentError(`--source-profile \`${sourceProfile}\` is not a profile name: it cannot be empty or contain spaces or brackets.`);
    if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new ArgumentError(`--region \`${region}\` is not an AWS region name such as \`us-east-1\`.`);
    return { sourceProfile, region };
}

async function fromOutputs(file: string, options: ProfileOptions, io: CommandIo): Promise<{ entries: RegistryEntry[]; sso?: SsoAccess }> {
    const display = file === "-" ? "<stdin>" : path.resolve(io.cwd, file);
    if (file !== "-" && !fs.existsSync(display)) throw new ArgumentError(`Stack outputs file \`${file}\` does not exist; create it with \`pulumi stack output --json > ${file}\`.`);
    // A file is read as every file is (a regular file under its size limit).
    let text: string;
    if (file === "-") text = await io.readStdin();
    else {
        const read = readStackOutputsText(display);
        if ("refused" in read) throw new OrgConfigError([read.refused]);
        text = read.text;
    }
    const { entries, diagnostics } = registryFromOutputs(display, text, options);
    if (diagnostics.length > 0) throw new OrgConfigError(diagnostics);
    const sso = ssoAccessFromOutputs(display, text);
    if (sso.diagnostics.length > 0) throw new OrgConfigError(sso.diagnostics);
    return { entries: [...entries], sso: sso.access };
}

/** The registry with Identity Center's part: the portal on top of the readable formats, SSO profiles for aws-config. */
function formatWithSso(entries: readonly RegistryEntry[], format: RegistryFormat, sso: SsoAccess, args: { group?: string[]; "sso-session"?: string; region?: string; stack?: string }): string {
    const portal = sso.startUrl === null ? "known after `pulumi up` (then use --from-outputs), or set `identityCenter.startUrl`" : sso.startUrl;
    switch (format) {
        case "aws-config": {
            const { startUrl } = sso;
            if (startUrl === null) {
                throw new ArgumentError("The AWS access portal URL is not known yet: pass `--start-url https://d-xxxxxxxxxx.awsapps.com/start`, set `identityCenter.startUrl` in the file, or read a deployed stack with `--from-outputs`.");
            }
            return formatSsoConfig(entries, { ...sso, startUrl }, { sessionName: args["sso-session"] ?? args.stack ?? "aws-org", groups: args.group ?? [], region: args.region });
        }
        case "json": {
            const doc = JSON.parse(formatRegistry(entries, "json")) as Record<string, unknown>;
            return `${JSON.stringify({ ...doc, identityCenter: { portalUrl: sso.startUrl, region: sso.region, assignments: sso.assignments } }, null, 2)}\n`;
        }
        case "table":
        case "markdown":
            return `Sign in through IAM Identity Center: ${portal} (Region ${sso.region})\n\n${formatRegistry(entries, format, { region: args.region })}`;
        default:
            return formatRegistry(entries, format, { region: args.region });
    }
}

export const run = defineCommand({
    name: "accounts",
    usage: USAGE,
    exitStatus: "0 listed, 1 invalid org file or stack outputs",
    options: OPTIONS,
    json: (args) => args.json || args.format === "json",
    async main(args, io) {
        const format = chosenFormat(args.format, args.json);
        const options = profileOptions(args["source-profile"], args.region);
        let entries: RegistryEntry[];
        let sso: SsoAccess | undefined;
        if (args["from-outputs"] !== undefined) {
            if (args.stack !== undefined || args.file !== undefined) throw new ArgumentError("--from-outputs reads a deployed stack's outputs; it cannot go with --stack or --file.");
            ({ entries, sso } = await fromOutputs(args["from-outputs"], options, io));
        } else {
            const { model } = loadForCommand(args, { stderr: io.stderr, cwd: io.cwd, printWarnings: format !== "json" });
            entries = registryEntries(model, {}, options);
            sso = ssoAccessFromModel(model);
        }
        const startUrl = args["start-url"];
        if (startUrl !== undefined) {
            const problem = startUrlProblem(startUrl);
            if (problem !== undefined) throw new ArgumentError(`--start-url \`${startUrl}\` ${problem}.`);
            if (sso === undefined) throw new ArgumentError("--start-url is for SSO profiles, and this organization has no `identityCenter`.");
            sso = { ...sso, startUrl };
        }
        if (sso === undefined && args.group !== undefined) throw new ArgumentError("--group picks Identity Center groups, and this organization has no `identityCenter`.");
        io.stdout.write(sso === undefined ? formatRegistry(entries, format, { region: options.region }) : formatWithSso(entries, format, sso, args));
        return EXIT.ok;
    },
});

if (require.main === module) runAsProcess(run);
