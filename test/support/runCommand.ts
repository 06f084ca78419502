import { spawn, spawnSync } from "child_process";
import * as path from "path";

export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

export interface CommandResult {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs `npm run <script> -- <args>` in the project, as a user types it. */
export function npmRun(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): CommandResult {
    const run = spawnSync("npm", ["run", "--silent", script, "--", ...args], {
        cwd: PROJECT_DIR,
        encoding: "utf8",
        env: { ...process.env, ...env },
        maxBuffer: 1 << 28,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Runs a command that talks to AWS (`npm run <script>`'s command line) with throwaway AWS
 * credentials and no shared AWS config, so that only `--endpoint` is ever reached.
 * Asynchronous, so that a server in the test process can answer the child.
 */
export function runAwsCommand(script: string, args: readonly string[]): Promise<CommandResult> {
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        AWS_ACCESS_KEY_ID: "testing",
        AWS_SECRET_ACCESS_KEY: "testing",
        AWS_REGION: "us-east-1",
        AWS_CONFIG_FILE: path.join(PROJECT_DIR, "no-such-aws-config"),
        AWS_SHARED_CREDENTIALS_FILE: path.join(PROJECT_DIR, "no-such-aws-credentials"),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };
    delete env.AWS_PROFILE;
    const entry = path.join(PROJECT_DIR, "src", "cli", `${script}.ts`);
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", entry, ...args], { cwd: PROJECT_DIR, env });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", reject);
        child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
}
