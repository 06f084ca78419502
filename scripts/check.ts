import * as path from "path";
import { ESLint } from "eslint";
import * as ts from "typescript";

/*
 * The type check and the lint of `npm test`, on one TypeScript program per project. Run one
 * after the other, `tsc` and `eslint` each parse and type every file: ESLint's type-aware rules
 * need the same checker that the type check has just filled, and typescript-eslint takes
 * ready programs (`parserOptions.programs`). Same projects as `npm run typecheck`, same
 * configuration and files as `npm run lint`, which stay for a single check or `--fix`.
 */

const ROOT = path.resolve(__dirname, "..");

/**
 * The projects, the policy pack's first: a file in both (the pack's files that the program
 * imports) is linted with the first program that holds it, and the pack is published with
 * its own tsconfig.json.
 */
const PROJECTS = ["policypacks/aws-org-guardrails/tsconfig.json", "tsconfig.json"];

function parseProject(configFile: string): ts.ParsedCommandLine {
    const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, configFile), { noEmit: true }, {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
            throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        },
    });
    if (parsed === undefined) throw new Error(`${configFile} could not be read`);
    return parsed;
}

async function main(): Promise<number> {
    const programs = PROJECTS.map((p) => {
        const parsed = parseProject(p);
        return { diagnostics: parsed.errors, program: ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences ?? [] }) };
    });
    const diagnostics = programs.flatMap((p) => [...p.diagnostics, ...ts.getPreEmitDiagnostics(p.program)]);
    const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => "\n" };
    if (diagnostics.length > 0) {
        const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
        process.stdout.write(format(diagnostics, host));
    }

    const eslint = new ESLint({
        cwd: ROOT,
        overrideConfig: { languageOptions: { parserOptions: { projectService: false, programs: programs.map((p) => p.program) } } },
    });
    const results = await eslint.lintFiles(["."]);
    const report = await (await eslint.loadFormatter("stylish")).format(results);
    if (report !== "") process.stdout.write(report);
    const lintProblems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);

    if (diagnostics.length > 0 || lintProblems > 0) {
        process.stderr.write(`check: ${diagnostics.length} type error(s), ${lintProblems} lint problem(s)\n`);
        return 1;
    }
    return 0;
}

main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
        process.stderr.write(`check: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = 70;
    },
);
