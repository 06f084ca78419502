import * as fs from "fs";
import * as path from "path";
import { COMMON_OPTIONS, loadForCommand } from "./common";
import { defineCommand } from "./defineCommand";
import { ArgumentError, CommandError, EXIT } from "./exitStatus";
import { printJson } from "./jsonOutput";
import { ioReason } from "./ioReason";
import { runAsProcess } from "./runAsProcess";
import { toDot } from "../diagram/dotFormat";
import { toMermaid } from "../diagram/mermaidFormat";
import { orgDiagram } from "../diagram/orgGraph";
import { renderPng } from "../diagram/renderPng";
import { renderSvg } from "../diagram/renderSvg";

const FORMATS = ["svg", "png", "dot", "mermaid"] as const;
type DiagramFormat = (typeof FORMATS)[number];

/** The format a file name asks for; `.md` gets Mermaid in a fenced block, which GitHub renders. */
const EXTENSIONS: Readonly<Record<string, DiagramFormat>> = { ".svg": "svg", ".png": "png", ".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".mermaid": "mermaid", ".md": "mermaid" };

const USAGE = `Usage: npm run diagram -- [--stack NAME | --file PATH] [--format svg|png|dot|mermaid] [--out FILE] [--json]

Draws the organization: the root, the OUs (a box each, in its switch-role colour), the
accounts, and the SCPs attached to each node.

  --stack NAME      read config/NAME.yaml (default: dev)
  --file PATH       read any org file
  --format FORMAT   svg (default), png (drawn with the fonts the project ships: the same on
                    every machine; needs --out), dot (Graphviz source) or mermaid (for Markdown)
  --out FILE        write to FILE instead of stdout; the format follows its extension
                    (${Object.keys(EXTENSIONS).join(" ")}) unless --format is given
  --json            print the diagram's structure as JSON instead (nodes, SCPs, marks)`;

const OPTIONS = { ...COMMON_OPTIONS, format: { type: "string" }, out: { type: "string" } } as const;

function chosenFormat(format: string | undefined, out: string | undefined): DiagramFormat {
    if (format !== undefined) {
        if (!(FORMATS as readonly string[]).includes(format)) throw new ArgumentError(`Unknown format \`${format}\`; expected one of ${FORMATS.map((f) => `\`${f}\``).join(", ")}.`);
        return format as DiagramFormat;
    }
    if (out === undefined) return "svg";
    const byExtension = EXTENSIONS[path.extname(out).toLowerCase()];
    if (byExtension === undefined) throw new ArgumentError(`Cannot tell the format from \`${out}\`; name it ${Object.keys(EXTENSIONS).map((e) => `\`*${e}\``).join(", ")} or pass --format.`);
    return byExtension;
}

export const run = defineCommand({
    name: "diagram",
    usage: USAGE,
    exitStatus: `0 drawn, 1 invalid org file, ${EXIT.cannotCreate} cannot write --out FILE`,
    options: OPTIONS,
    colors: () => false,
    async main(args, io) {
        const format = chosenFormat(args.format, args.out);
        if (format === "png" && args.out === undefined) throw new ArgumentError("A PNG is binary: write it to a file with --out FILE.png.");
        const { file, model } = loadForCommand(args, { stderr: io.stderr, cwd: io.cwd, printWarnings: !args.json });
        const diagram = orgDiagram(model, path.basename(file));
        let content: string | Uint8Array;
        if (format === "svg") content = await renderSvg(toDot(diagram));
        else if (format === "png") content = await renderPng(await renderSvg(toDot(diagram)));
        else if (format === "dot") content = toDot(diagram);
        else {
            const mermaid = toMermaid(diagram);
            content = args.out !== undefined && path.extname(args.out).toLowerCase() === ".md" ? `\`\`\`mermaid\n${mermaid}\`\`\`\n` : mermaid;
        }
        if (args.out !== undefined) {
            try {
                fs.writeFileSync(path.resolve(io.cwd, args.out), content);
            } catch (e) {
                throw new CommandError(EXIT.cannotCreate, `Cannot write \`--out ${args.out}\`: ${ioReason(e)}.`);
            }
            io.stderr.write(`Wrote ${args.out} (${format}: ${diagram.ouCount} OUs, ${diagram.accountCount} accounts).\n`);
        }
        if (args.json) printJson(io.stdout, { diagram });
        else if (args.out === undefined && typeof content === "string") io.stdout.write(content);
        return EXIT.ok;
    },
});

if (require.main === module) runAsProcess(run);
