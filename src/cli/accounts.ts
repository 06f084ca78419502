import * as fs from "fs";
import * as path from "path";
import { CommandIo } from "./commandIo";
import { COMMON_OPTIONS, loadForCommand } from "./common";
import { defineCommand } from "./defineCommand";
import { ArgumentError, CommandError, EXIT } from "./exitStatus";
import { runAsProcess } from "./runAsProcess";
import { OrgConfigError } from "../diagnostics/diagnostic";
import { registryEntries, RegistryEntry } from "../registry/accountRegistry";
import { formatRegistry, REGISTRY_FORMATS, RegistryFormat } from "../registry/registryFormats";
import { readStackOutputsText, registryFromOutputs } from "../registry/stackOutputs";
import { ProfileOptions } from "../registry/switchRole";
import { ssoAccessFromOutputs } from "../registry/identityCenterOutputs";
import { formatSsoConfig, SsoAccess, ssoAccessFromModel } from "../registry/ssoProfiles";
import { startUrlProblem } from "../config/identityCenterRules";
import { mergeBlock } from "../registry/configBlock";
import { ioReason } from "./ioReason";

const USAGE = `Usage: npm run accounts -- [--stack NAME | --file PATH | --from-outputs FILE] [--format FORMAT] [--json]
                           [--source-profile NAME] [--region REGION]
                           [--group G ...] [--sso-session NAME] [--start-url URL] [--merge FILE]

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
  --start-url URL        the AWS access portal URL, when neither the file nor the outputs have it
  --merge FILE           with aws-config: update the profiles in FILE (e.g. ~/.aws/config) in place,
                         between two marker lines, instead of printing them; run it again after
                         a deployment and the block is replaced, never appended twice`;

const OPTIONS = {
    ...COMMON_OPTIONS,
    "from-outputs": { type: "string" },
    format: { type: "string" },
    "source-profile": { type: "string", default: "default" },
    region: { type: "string" },
    group: { type: "string", multiple: true },
    "sso-session": { type: "string" },
    "start-url": { type: "string" },
    merge: { type: "string" },
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
    exitStatus: `0 listed or merged, 1 invalid org file or stack outputs (or --merge FILE defines the block's profiles outside it), ${EXIT.cannotCreate} cannot write --merge FILE`,
    options: OPTIONS,
    json: (args) => args.json || args.format === "json",
    colors: (args) => args.format === undefined || args.format === "table",
    async main(args, io) {
        if (args.merge !== undefined && args.format !== undefined && args.format !== "aws-config") throw new ArgumentError(`--merge writes AWS CLI profiles; it goes with \`--format aws-config\`, not \`--format ${args.format}\`.`);
        if (args.merge !== undefined && args.json) throw new ArgumentError("--merge writes AWS CLI profiles into a file; it cannot go with --json.");
        const format = args.merge === undefined ? chosenFormat(args.format, args.json) : "aws-config";
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
        const text = sso === undefined ? formatRegistry(entries, format, { region: options.region }) : formatWithSso(entries, format, sso, args);
        if (args.merge === undefined) io.stdout.write(text);
        else mergeInto(args.merge, args["sso-session"] ?? args.stack ?? "aws-org", text, io);
        return EXIT.ok;
    },
});

/** Replaces (or adds) the block `name` of the config file `file` with `text`, through a temporary file so that a failure leaves the old file whole. */
function mergeInto(file: string, name: string, text: string, io: CommandIo): void {
    const target = path.resolve(io.cwd, file);
    const exists = fs.existsSync(target);
    const merged = mergeBlock(exists ? fs.readFileSync(target, "utf8") : undefined, name, text);
    if ("malformed" in merged) throw new CommandError(EXIT.invalidConfig, `Nothing was written: ${file} ${merged.malformed}.`);
    if ("conflicts" in merged) {
        const where = merged.conflicts.map((c) => `\`[${c.section}]\` at line ${String(c.line)}`).join(", ");
        throw new CommandError(EXIT.invalidConfig, `Nothing was written: ${file} already defines ${where}, outside the block this command maintains (left by an earlier \`>>\`?). A second definition makes the AWS CLI reject the file: remove those sections, then run the command again.`);
    }
    const count = (text.match(/^\[profile /gm) ?? []).length;
    if (!merged.changed) {
        io.stderr.write(`${file} is up to date: ${String(count)} profiles in the block \`npm run accounts (${name})\`.\n`);
        return;
    }
    const temporary = `${target}.aws-org-${String(process.pid)}`;
    try {
        fs.writeFileSync(temporary, merged.text, { mode: exists ? fs.statSync(target).mode & 0o777 : 0o600 });
        fs.renameSync(temporary, target);
    } catch (e) {
        fs.rmSync(temporary, { force: true });
        throw new CommandError(EXIT.cannotCreate, `Cannot write \`--merge ${file}\`: ${ioReason(e)}.`);
    }
    io.stderr.write(`${merged.replaced ? "Updated" : "Added"} ${String(count)} profiles in the block \`npm run accounts (${name})\` of ${file}.\n`);
}

if (require.main === module) runAsProcess(run);
