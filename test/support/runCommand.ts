import { spawn } from "child_process";
import * as path from "path";
import { Command } from "../../src/cli/commandIo";
import { setEnvironment } from "./environment";

export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

export interface CommandResult {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

export interface InProcessOptions {
    /** The working directory the command sees. Default: the project. */
    readonly cwd?: string;
    /** What the command reads on standard input. */
    readonly stdin?: string;
    /** As if stdout and stderr were terminals (default: neither is). */
    readonly terminal?: import("../../src/cli/terminal").TerminalSettings;
}

/** Runs a command in this process, with its output captured, as the shell runs it in its own. */
export async function runInProcess(command: Command, args: readonly string[], options: InProcessOptions = {}): Promise<CommandResult> {
    let stdout = "";
    let stderr = "";
    const status = await command(args, {
        stdout: { write: (text) => (stdout += text) },
        stderr: { write: (text) => (stderr += text) },
        cwd: options.cwd ?? PROJECT_DIR,
        readStdin: () => Promise.resolve(options.stdin ?? ""),
        ...(options.terminal === undefined ? {} : { terminal: options.terminal }),
    });
    return { status, stdout, stderr };
}

/**
 * Throwaway AWS credentials and no shared AWS config, so that a command reaches only the
 * `--endpoint` it is given; and not the SDK's switch for its Node.js notice, which the commands
 * must set themselves (this process has it once it has created a client). Undefined removes
 * the variable.
 */
const AWS_TEST_ENVIRONMENT: Readonly<Record<string, string | undefined>> = {
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_SESSION_TOKEN: undefined,
    AWS_REGION: "us-east-1",
    AWS_PROFILE: undefined,
    AWS_CONFIG_FILE: path.join(PROJECT_DIR, "no-such-aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(PROJECT_DIR, "no-such-aws-credentials"),
};

/** Runs a command that talks to AWS in this process, with the test credentials for its duration. */
export async function runAwsInProcess(command: Command, args: readonly string[]): Promise<CommandResult> {
    const restore = setEnvironment(AWS_TEST_ENVIRONMENT);
    try {
        return await runInProcess(command, args);
    } finally {
        restore();
    }
}

export interface SpawnOptions {
    /** Variables to set (or, undefined, remove) in the command's environment. */
    readonly env?: Readonly<Record<string, string | undefined>>;
    /** Written to the command's standard input, which is then closed. */
    readonly stdin?: string;
    /** The test AWS credentials of `runAwsInProcess`. */
    readonly aws?: boolean;
}

/**
 * Runs `npm run --silent <script> -- <args>` in a child process, as a user types it: the real
 * process's exit status, stdout through a pipe, npm's wiring. Asynchronous, so that a server in
 * this process can answer the child.
 */
export function npmRun(script: string, args: readonly string[], options: SpawnOptions = {}): Promise<CommandResult> {
    // A variable given as `undefined` is left out of the child's environment.
    const env: NodeJS.ProcessEnv = Object.fromEntries(
        Object.entries({ ...process.env, ...(options.aws === true ? AWS_TEST_ENVIRONMENT : {}), ...options.env }).filter(([, value]) => value !== undefined),
    );
    return new Promise((resolve, reject) => {
        const child = spawn("npm", ["run", "--silent", script, "--", ...args], { cwd: PROJECT_DIR, env });
        let stdout = "";
        let stderr = "";
        // Decoded as a stream, so that a character split across two chunks stays whole.
        child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
        child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
        child.on("error", reject);
        child.on("close", (status) => resolve({ status, stdout, stderr }));
        child.stdin.end(options.stdin ?? "");
    });
}
