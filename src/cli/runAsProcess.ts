import { Command, CommandIo } from "./commandIo";
import { unexpectedError } from "./defineCommand";
import { EXIT } from "./exitStatus";
import { wantsColor } from "./terminal";

/**
 * The shell around a command: runs it with this process's arguments, streams and directory,
 * and sets `process.exitCode`. It never calls `process.exit()` on the way out, so Node writes
 * all of stdout to a pipe, however large, before the process ends. Only what the command
 * cannot report ends the process at once: an error outside its promise (thrown by a timer, a
 * rejection nobody awaited) with status 70 and one line, the stack with `--debug`; a reader
 * that closed stdout (`| head`) quietly, as SIGPIPE ends other programs.
 */
export function runAsProcess(command: Command): void {
    const argv = process.argv.slice(2);
    const debug = argv.includes("--debug");
    const stray = (e: unknown) => {
        process.stderr.write(`${unexpectedError(e, debug).text}\n`);
        process.exit(EXIT.internal);
    };
    process.on("uncaughtException", stray);
    process.on("unhandledRejection", stray);
    process.stdout.on("error", (e: NodeJS.ErrnoException) => (e.code === "EPIPE" ? process.exit(EXIT.ok) : stray(e)));
    const io: CommandIo = {
        stdout: process.stdout,
        stderr: process.stderr,
        cwd: process.cwd(),
        terminal: { color: wantsColor(process.stdout.isTTY, process.env), progress: process.stderr.isTTY },
        readStdin: async () => {
            const chunks: Buffer[] = [];
            for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
            return Buffer.concat(chunks).toString("utf8");
        },
    };
    command(argv, io).then(
        (code) => {
            process.exitCode = code;
        },
        stray,
    );
}
