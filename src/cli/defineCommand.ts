import { parseArgs, ParseArgsConfig } from "util";
import { Command, CommandIo } from "./commandIo";
import { ArgumentError, COMMON_EXIT_STATUS, CommandError, EXIT } from "./exitStatus";
import { jsonDiagnostic } from "./jsonOutput";
import { formatDiagnostics, OrgConfigError } from "../diagnostics/diagnostic";
import { didYouMean } from "../diagnostics/suggest";
import { colorize } from "./terminal";
import { at } from "../../policypacks/aws-org-guardrails/core/at";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Options every command takes, whatever else it does. */
const GLOBAL_OPTIONS = {
    help: { type: "boolean", short: "h", default: false },
    debug: { type: "boolean", default: false },
} as const satisfies Options;

const GLOBAL_USAGE = `  -h, --help    print this text
  --debug       on an unexpected error, print its stack trace`;

/** The values of a command's options, typed from their declarations. */
export type OptionValues<O extends Options> = ReturnType<
    typeof parseArgs<{ args: string[]; options: O & typeof GLOBAL_OPTIONS; strict: true; allowPositionals: false }>
>["values"];

export interface CommandSpec<O extends Options> {
    /** The npm script, e.g. `plan`. */
    readonly name: string;
    /** The synopsis, what the command does, and its options. */
    readonly usage: string;
    /** What each exit status of this command means, e.g. `0 valid, 1 invalid org file`. */
    readonly exitStatus: string;
    readonly options: O;
    /** Whether stdout is text for people, coloured on a terminal: not JSON, not a file format. Default: true. */
    readonly colors?: (values: OptionValues<O>) => boolean;
    /** Whether these arguments ask for JSON on stdout. Default: `--json`. */
    readonly json?: (values: OptionValues<O>) => boolean;
    /** Does the work and returns the exit status; throws what `run` turns into one. */
    readonly main: (values: OptionValues<O>, io: CommandIo) => Promise<number> | number;
}

/** The text `--help` prints, and a usage error ends with. */
export function usageText(spec: Pick<CommandSpec<Options>, "usage" | "exitStatus">): string {
    return `${spec.usage}\n\n${GLOBAL_USAGE}\n\nExit status: ${spec.exitStatus}, ${COMMON_EXIT_STATUS}.`;
}

/**
 * Turns a command's main function into a `Command`: parses the arguments strictly (`--help`
 * prints the usage; an unknown option gets a "did you mean"), then turns every failure into an
 * exit status and words: `ArgumentError` 64 with the usage, `OrgConfigError` 1 with its
 * diagnostics, `CommandError` its own status, anything else 70 in one line (the stack trace
 * with `--debug`). Under `--json`, stdout is one JSON document even then: `{"errors": [...]}`.
 */
export function defineCommand<O extends Options>(spec: CommandSpec<O>): Command {
    const usage = usageText(spec);
    return async (argv, io) => {
        const options = { ...spec.options, ...GLOBAL_OPTIONS };
        // A lenient pass first: `--help`, `--debug` and `--json` count even beside a mistake.
        const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
        const given = new Set(tokens.flatMap((t) => (t.kind === "option" ? [t.name] : [])));
        if (given.has("help")) {
            io.stdout.write(`${usage}\n`);
            return EXIT.ok;
        }
        let json = given.has("json");
        // Set by the command's writes, which the compiler cannot follow into the `catch` below.
        const stdout = { used: false };
        const colored = { on: false };
        const tracked: CommandIo = {
            ...io,
            stdout: {
                write(text: string) {
                    stdout.used = true;
                    io.stdout.write(colored.on ? colorize(text) : text);
                },
            },
        };
        try {
            const values = parseStrictly(argv, tokens, options, spec.name) as OptionValues<O>;
            json = spec.json?.(values) ?? json;
            // JSON stays plain whatever stdout is; text gets its marks coloured on a terminal.
            if (io.terminal?.color === true && !json && (spec.colors?.(values) ?? true)) colored.on = true;
            return await spec.main(values, tracked);
        } catch (e) {
            const failure = describeFailure(e, { usage, debug: given.has("debug"), cwd: io.cwd });
            io.stderr.write(`${failure.text}\n`);
            if (json && !stdout.used) io.stdout.write(`${JSON.stringify({ errors: failure.errors }, null, 2)}\n`);
            return failure.exitCode;
        }
    };
}

type Token = NonNullable<ReturnType<typeof parseArgs<{ options: Options; strict: false; allowPositionals: true; tokens: true }>>["tokens"]>[number];

function parseStrictly(argv: readonly string[], tokens: readonly Token[], options: Options, name: string) {
    const longNames = Object.keys(options).map((o) => `--${o}`);
    for (const token of tokens) {
        if (token.kind === "option" && !Object.hasOwn(options, token.name)) {
            throw new ArgumentError(`Unknown option \`${token.rawName}\`.${didYouMean(token.rawName, longNames)}`);
        }
        if (token.kind === "positional") {
            throw new ArgumentError(
                `Unexpected argument \`${token.value}\`: the command takes options only, and npm passes them on after a lone \`--\`, as in \`npm run ${name} -- --option value\`.`,
            );
        }
    }
    try {
        return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
    } catch (e) {
        // Node's own words for the rest: a missing value, a value given to a flag.
        if ((e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS_")) throw new ArgumentError((e as Error).message);
        throw e;
    }
}

interface Failure {
    readonly exitCode: number;
    /** For stderr. */
    readonly text: string;
    /** For `{"errors": [...]}` on stdout under `--json`. */
    readonly errors: readonly object[];
}

function describeFailure(e: unknown, { usage, debug, cwd }: { usage: string; debug: boolean; cwd: string }): Failure {
    if (e instanceof OrgConfigError) {
        const errors = e.diagnostics.filter((d) => d.severity === "error").map(jsonDiagnostic);
        return { exitCode: EXIT.invalidConfig, text: formatDiagnostics(e.diagnostics, cwd), errors };
    }
    if (e instanceof ArgumentError) return { exitCode: EXIT.usage, text: `${e.message}\n\n${usage}`, errors: [{ message: e.message }] };
    if (e instanceof CommandError) return { exitCode: e.exitCode, text: e.message, errors: [{ message: e.message }] };
    const { message, text } = unexpectedError(e, debug);
    return { exitCode: EXIT.internal, text, errors: [{ message }] };
}

/** An error nobody expected, in one line; with `debug`, followed by its stack trace. */
export function unexpectedError(e: unknown, debug: boolean): { message: string; text: string } {
    const message = `Unexpected error: ${oneLine(e)}${debug ? "" : " (run it again with --debug to see where it happened)"}.`;
    const stack = e instanceof Error && e.stack !== undefined ? e.stack : String(e);
    return { message, text: debug ? `${message}\n${stack}` : message };
}

/** The error's name (unless plain `Error`) and the first line of its message. */
function oneLine(e: unknown): string {
    if (!(e instanceof Error)) return at(String(e).split("\n"), 0);
    const first = at(e.message.split("\n"), 0).replace(/\.$/, "");
    return e.name === "Error" || e.name === "" ? first : `${e.name}: ${first}`;
}

