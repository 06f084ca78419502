import { spawnSync } from "child_process";
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
