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
import { readStackOutputs, registryFromOutputs } from "../registry/stackOutputs";
import { ProfileOptions } from "../registry/switchRole";

const USAGE = `Usage: npm run accounts -- [--stack NAME | --file PATH | --from-outputs FILE] [--format FORMAT] [--json]
                           [--source-profile NAME] [--region REGION]

Lists every account of the organization with its id, OU, role, console switch-role link and
AWS CLI profile.

  --stack NAME           read config/NAME.yaml (default: dev); ids come from the file
  --file PATH            read any org file
  --from-outputs FILE    read \`pulumi stack output --json\` of a deployed stack (\`-\` for stdin);
                         it has the ids of the accounts the program created
  --format FORMAT        ${REGISTRY_FORMATS.join(" | ")} (default: table)
  --json                 same as --format json
  --source-profile NAME  source_profile of the generated profiles (default: default)
  --region REGION        region of the generated profiles (default: none)`;

const OPTIONS = {
    ...COMMON_OPTIONS,
    "from-outputs": { type: "string" },
    format: { type: "string" },
    "source-profile": { type: "string", default: "default" },
    region: { type: "string" },
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

async function fromOutputs(file: string, options: ProfileOptions, io: CommandIo): Promise<RegistryEntry[]> {
    const display = file === "-" ? "<stdin>" : path.resolve(io.cwd, file);
    if (file !== "-" && !fs.existsSync(display)) throw new ArgumentError(`Stack outputs file \`${file}\` does not exist; create it with \`pulumi stack output --json > ${file}\`.`);
    // A file is read as every file is (a regular file under its size limit: `readStackOutputs`).
    const { entries, diagnostics } = file === "-" ? registryFromOutputs(display, await io.readStdin(), options) : readStackOutputs(display, options);
    if (diagnostics.length > 0) throw new OrgConfigError(diagnostics);
    return [...entries];
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
        if (args["from-outputs"] !== undefined) {
            if (args.stack !== undefined || args.file !== undefined) throw new ArgumentError("--from-outputs reads a deployed stack's outputs; it cannot go with --stack or --file.");
            entries = await fromOutputs(args["from-outputs"], options, io);
        } else {
            const { model } = loadForCommand(args, { stderr: io.stderr, cwd: io.cwd, printWarnings: format !== "json" });
            entries = registryEntries(model, {}, options);
        }
        io.stdout.write(formatRegistry(entries, format, { region: options.region }));
        return EXIT.ok;
    },
});

if (require.main === module) runAsProcess(run);
