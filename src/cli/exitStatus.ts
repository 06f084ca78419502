/**
 * Exit statuses of the commands, listed in docs/commands.md. 64, 70 and 73 are sysexits.h's
 * EX_USAGE, EX_SOFTWARE and EX_CANTCREAT, which shells and CI systems already know.
 */
export const EXIT = {
    ok: 0,
    invalidConfig: 1,
    guardrailViolated: 2,
    drift: 3,
    awsError: 4,
    usage: 64,
    internal: 70,
    cannotCreate: 73,
} as const;

/** The end of every command's `Exit status:` line: statuses that any command can return. */
export const COMMON_EXIT_STATUS = `${EXIT.usage} bad arguments, ${EXIT.internal} unexpected error (--debug prints where)`;

/**
 * A failure the command has put in words, ending it with `exitCode`; `--json` prints it as
 * `{"errors": [{"message"}]}`.
 */
export class CommandError extends Error {
    constructor(
        readonly exitCode: number,
        message: string,
    ) {
        super(message);
        this.name = "CommandError";
    }
}

/** A command-line value that cannot be used, with the sentence saying why and what to do: exit status 64, then the usage. */
export class ArgumentError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ArgumentError";
    }
}
