import * as fs from "fs";
import * as path from "path";
import { COMMON_OPTIONS, EXIT, jsonDiagnostic, loadForCommand, orgFileFromArgs, parseCommandLine, printJson } from "./common";
import { formatDiagnostics } from "../diagnostics/diagnostic";
import { registryEntries, RegistryEntry } from "../registry/accountRegistry";
import { formatRegistry, REGISTRY_FORMATS, RegistryFormat } from "../registry/registryFormats";
import { registryFromOutputs } from "../registry/stackOutputs";
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

function usageError(message: string): never {
    console.error(`${message}\n\n${USAGE}`);
    process.exit(EXIT.usage);
}

function chosenFormat(format: string | undefined, json: boolean): RegistryFormat {
    if (format !== undefined && !(REGISTRY_FORMATS as readonly string[]).includes(format)) {
        usageError(`Unknown format \`${format}\`; expected one of ${REGISTRY_FORMATS.map((f) => `\`${f}\``).join(", ")}.`);
    }
    if (json && format !== undefined && format !== "json") usageError(`--json prints JSON; it cannot go with \`--format ${format}\`.`);
    return json ? "json" : ((format as RegistryFormat | undefined) ?? "table");
}

function profileOptions(sourceProfile: string, region: string | undefined): ProfileOptions {
    if (!/^[^\s[\]]+$/.test(sourceProfile)) usageError(`--source-profile \`${sourceProfile}\` is not a profile name: it cannot be empty or contain spaces or brackets.`);
    if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) usageError(`--region \`${region}\` is not an AWS region name such as \`us-east-1\`.`);
    return { sourceProfile, region };
}

function fromOutputs(file: string, options: ProfileOptions, json: boolean): RegistryEntry[] {
    const display = file === "-" ? "<stdin>" : path.resolve(file);
    if (file !== "-" && !fs.existsSync(display)) usageError(`Stack outputs file \`${file}\` does not exist; create it with \`pulumi stack output --json > ${file}\`.`);
    const text = fs.readFileSync(file === "-" ? 0 : display, "utf8");
    const { entries, diagnostics } = registryFromOutputs(display, text, options);
    if (diagnostics.length > 0) {
        if (json) printJson({ errors: diagnostics.map(jsonDiagnostic) });
        else console.error(formatDiagnostics(diagnostics));
        process.exit(EXIT.invalidConfig);
    }
    return [...entries];
}

function main(): void {
    const args = parseCommandLine(OPTIONS, USAGE);
    const format = chosenFormat(args.format, args.json);
    const options = profileOptions(args["source-profile"], args.region);
    const json = format === "json";
    let entries: RegistryEntry[];
    if (args["from-outputs"] !== undefined) {
        if (args.stack !== undefined || args.file !== undefined) usageError("--from-outputs reads a deployed stack's outputs; it cannot go with --stack or --file.");
        entries = fromOutputs(args["from-outputs"], options, json);
    } else {
        const { model } = loadForCommand(orgFileFromArgs(args), json);
        entries = registryEntries(model, {}, options);
    }
    process.stdout.write(formatRegistry(entries, format, { region: options.region }));
}

main();
