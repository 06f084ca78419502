import { ChildProcess, spawn } from "child_process";
import * as net from "net";

/**
 * A moto server (a real HTTP emulator of the AWS APIs) on a free loopback port, for tests of
 * code that calls AWS through the SDK. Tests that need it fail, never skip, when it is missing.
 */
export interface MotoServer {
    readonly endpoint: string;
    /** Forgets every resource, so each test starts from an empty AWS. */
    reset(): Promise<void>;
    stop(): Promise<void>;
}

const INSTALL_HINT =
    'moto is not installed, and these tests need it (it emulates the AWS Organizations API). Install it with: pip install "moto[server]"';

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            const port = typeof address === "object" && address !== null ? address.port : 0;
            server.close(() => resolve(port));
        });
    });
}

async function waitUntilUp(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}:\n${output()}`);
        try {
            const res = await fetch(`${endpoint}/moto-api/data.json`);
            if (res.ok) return;
        } catch {
            // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`moto_server did not start within 20 s:\n${output()}`);
}

async function reset(endpoint: string): Promise<void> {
    const res = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
    if (!res.ok) throw new Error(`moto reset failed: ${res.status}`);
}

async function launch(): Promise<string> {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    let log = "";
    const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
    const missing = new Promise<never>((_, reject) =>
        child.once("error", (e: NodeJS.ErrnoException) => reject(e.code === "ENOENT" ? new Error(INSTALL_HINT) : e)),
    );
    child.stdout.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr.on("data", (d: Buffer) => (log += d.toString()));
    await Promise.race([missing, waitUntilUp(endpoint, child, () => log)]);
    // The server ends with this process, and does not keep it alive (mocha without workers
    // waits for its event loop to drain).
    process.once("exit", () => child.kill("SIGTERM"));
    child.unref();
    for (const stream of [child.stdout, child.stderr]) (stream as net.Socket | null)?.unref();
    return endpoint;
}

/**
 * One server per test process, started by the first suite that asks: a start costs a Python
 * interpreter and moto's imports, about a second of CPU, and some twenty suites ask. Each call
 * resets it, so that every suite starts from an empty AWS as with a server of its own (the
 * suites of a process run one after another). `stop` only ends the suite's use of it.
 */
let shared: Promise<string> | undefined;

export async function startMoto(): Promise<MotoServer> {
    shared ??= launch();
    const endpoint = await shared;
    await reset(endpoint);
    return {
        endpoint,
        reset: () => reset(endpoint),
        stop: () => Promise.resolve(),
    };
}

/** SDK settings that point a client at moto with throwaway credentials. */
export function motoClientConfig(endpoint: string) {
    return {
        endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    };
}
