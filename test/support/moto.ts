import { ChildProcess, spawn, spawnSync } from "child_process";
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

function motoCommand(): string {
    const found = spawnSync("moto_server", ["--help"], { stdio: "ignore" });
    if (found.error !== undefined || found.status !== 0) throw new Error(INSTALL_HINT);
    return "moto_server";
}

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

export async function startMoto(): Promise<MotoServer> {
    const command = motoCommand();
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    let log = "";
    const child = spawn(command, ["-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr.on("data", (d: Buffer) => (log += d.toString()));
    await waitUntilUp(endpoint, child, () => log);
    return {
        endpoint,
        async reset() {
            const res = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
            if (!res.ok) throw new Error(`moto reset failed: ${res.status}`);
        },
        async stop() {
            if (child.exitCode !== null) return;
            await new Promise<void>((resolve) => {
                child.once("exit", () => resolve());
                child.kill("SIGTERM");
            });
        },
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
