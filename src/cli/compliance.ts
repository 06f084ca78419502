import * as fs from "fs";
import * as path from "path";
import { defineCommand } from "./defineCommand";
import { ArgumentError, CommandError, EXIT } from "./exitStatus";
import { ioReason } from "./ioReason";
import { runAsProcess } from "./runAsProcess";
import { didYouMean } from "../diagnostics/suggest";
import { COMPLIANCE_PROGRAMS, complianceAllowList, ComplianceProgram, complianceData } from "../scp/complianceAllowList";
import { AWS_LIMITS } from "../../policypacks/aws-org-guardrails/core/awsLimits";

const USAGE = `Usage: npm run compliance -- --program PROGRAM [--program PROGRAM ...] [--out FILE [--check]]

Writes the allow-list SCP of a compliance program: \`Allow\` of the services AWS lists for it
(for several programs, only the services every one of them lists), plus the services every
account needs to be operated (sts, iam, organizations, account, health, support). Attached
to an OU instead of FullAWSAccess, it denies every other service there.

  --program PROGRAM  ${COMPLIANCE_PROGRAMS.join(" | ")}; repeat for the intersection of several
  --out FILE         write the SCP to FILE (default: print it)
  --check            write nothing: exit 0 if FILE holds exactly this SCP, 1 if not`;

const OPTIONS = {
    program: { type: "string", multiple: true },
    out: { type: "string" },
    check: { type: "boolean", default: false },
} as const;

function programsOf(values: readonly string[]): ComplianceProgram[] {
    if (values.length === 0) throw new ArgumentError(`Name at least one --program: ${COMPLIANCE_PROGRAMS.map((p) => `\`${p}\``).join(", ")}.`);
    return values.map((value) => {
        const program = value.toLowerCase();
        if ((COMPLIANCE_PROGRAMS as readonly string[]).includes(program)) return program as ComplianceProgram;
        throw new ArgumentError(`Unknown program \`${value}\`.${didYouMean(value, COMPLIANCE_PROGRAMS) || ` Expected one of ${COMPLIANCE_PROGRAMS.map((p) => `\`${p}\``).join(", ")}.`}`);
    });
}

export const run = defineCommand({
    name: "compliance",
    usage: USAGE,
    exitStatus: `0 written (with --check: FILE is up to date), 1 with --check: FILE differs, ${EXIT.cannotCreate} cannot write --out FILE`,
    options: OPTIONS,
    colors: () => false,
    main(values, io) {
        const programs = programsOf(values.program ?? []);
        if (values.check && values.out === undefined) throw new ArgumentError("--check compares a file: give it with --out FILE.");
        const list = complianceAllowList(programs);
        const sources = list.programs.map((p) => {
            const data = complianceData(p);
            return `${data.title} (list of ${data.asOf}, checked ${data.checked})`;
        });
        const summary = `${String(list.programPrefixes.length)} service prefixes of ${sources.join(" and ")}${list.added.length > 0 ? `, plus ${list.added.join(", ")} to operate the accounts` : ""}; ${String(list.text.trimEnd().length)} of ${String(AWS_LIMITS.scpMaxChars)} characters`;
        if (values.out === undefined) {
            io.stdout.write(list.text);
            io.stderr.write(`${summary}.\n`);
            return EXIT.ok;
        }
        const target = path.resolve(io.cwd, values.out);
        if (values.check) {
            const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : undefined;
            if (current === list.text) {
                io.stderr.write(`${values.out} is up to date: ${summary}.\n`);
                return EXIT.ok;
            }
            const again = `npm run compliance -- ${list.programs.map((p) => `--program ${p}`).join(" ")} --out ${values.out}`;
            io.stderr.write(`${values.out} ${current === undefined ? "does not exist" : "differs from the allow-list the bundled data gives"}; write it with \`${again}\`.\n`);
            return EXIT.invalidConfig;
        }
        try {
            fs.writeFileSync(target, list.text);
        } catch (e) {
            throw new CommandError(EXIT.cannotCreate, `Cannot write \`--out ${values.out}\`: ${ioReason(e)}.`);
        }
        io.stderr.write(`Wrote ${values.out}: ${summary}.\n`);
        return EXIT.ok;
    },
});

if (require.main === module) runAsProcess(run);
