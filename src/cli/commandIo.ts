import type { TerminalSettings } from "./terminal";

/** Where a command writes text: the process's stdout or stderr, or a test's buffer. */
export interface TextOutput {
    write(text: string): void;
}

/**
 * Everything a command reads from or writes to its process. The shell (runAsProcess.ts) passes
 * the real ones; tests pass buffers, so a command runs in-process and is judged by what it
 * printed and the exit code it returned.
 */
export interface CommandIo {
    readonly stdout: TextOutput;
    readonly stderr: TextOutput;
    /** Relative paths in arguments resolve against it, and paths are shown relative to it. */
    readonly cwd: string;
    /** All of standard input, for arguments that read it (`-`). */
    readonly readStdin: () => Promise<string>;
    /** Which streams are terminals (colour, status lines); absent for pipes, files and tests. */
    readonly terminal?: TerminalSettings;
}

/** A command: its arguments (without `node` and the script) in, its exit status out. */
export type Command = (argv: readonly string[], io: CommandIo) => Promise<number>;
