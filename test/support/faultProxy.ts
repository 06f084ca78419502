import * as http from "http";
import { AddressInfo } from "net";

/**
 * An HTTP proxy in front of moto that records every AWS JSON-protocol call and answers chosen
 * calls with an AWS error instead, leaves them unanswered, or rewrites moto's answer, so that
 * tests see real answers go through the SDK (deserialization, retry middleware, timeouts,
 * paginators) for the failures moto never produces.
 */
export interface ProxiedCall {
    /** The operation, e.g. `AttachPolicy`. */
    readonly operation: string;
    readonly input: Readonly<Record<string, unknown>>;
    /** The error answered instead of moto's answer, or `held` for a call left unanswered. */
    readonly fault?: string;
}

/** An AWS error answer: status 400 and `{"__type": code, "Message": ...}` plus extra fields. */
export interface Fault {
    readonly code: string;
    readonly message?: string;
    readonly fields?: Readonly<Record<string, unknown>>;
    /** Send the call to moto first, then answer the error (AWS did the work, but said otherwise). */
    readonly afterForwarding?: boolean;
}

/** Decides, per call, whether to answer a fault. */
export type FaultRule = (call: { operation: string; input: Record<string, unknown> }) => Promise<Fault | undefined> | Fault | undefined;

/** Changes moto's JSON answer to a call before the client sees it. */
export type AnswerRewrite = (answer: Record<string, unknown>, input: Record<string, unknown>) => Record<string, unknown>;

export interface FaultProxy {
    readonly endpoint: string;
    /** Every call received since the last `clear()`, in order. */
    readonly calls: readonly ProxiedCall[];
    /** Answers the next `times` calls of `operation` with `fault`. */
    failNext(operation: string, fault: Fault, times?: number): void;
    /** Consults `rule` for every call (after the queued faults). */
    setRule(rule: FaultRule | undefined): void;
    /** Leaves the next `times` calls of `operation` unanswered, held open until the client gives up (default: every call). */
    holdNext(operation: string, times?: number): void;
    /** Passes every successful answer to `operation` through `rewrite`. */
    rewriteAnswers(operation: string, rewrite: AnswerRewrite): void;
    /** Forgets recorded calls, queued faults, held calls, rewrites and the rule. */
    clear(): void;
    stop(): Promise<void>;
}

interface QueuedFault {
    readonly operation: string;
    readonly fault: Fault;
    remaining: number;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => resolve(Buffer.concat(chunks)));
        req.on("error", reject);
    });
}

function forward(target: URL, req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
        const out = http.request(
            { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
            (res) => {
                void readBody(res).then((data) => resolve({ status: res.statusCode ?? 500, headers: res.headers, body: data }), reject);
            },
        );
        out.on("error", reject);
        out.end(body);
    });
}

/** Starts a proxy on a free loopback port that forwards to `upstream` (moto's endpoint). */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
    const target = new URL(upstream);
    const calls: ProxiedCall[] = [];
    let queue: QueuedFault[] = [];
    let rule: FaultRule | undefined;
    let held = new Map<string, number>();
    let rewrites = new Map<string, AnswerRewrite>();

    /** Whether to leave this call unanswered, counting it against `holdNext`. */
    function holds(operation: string): boolean {
        const remaining = held.get(operation) ?? 0;
        if (remaining > 0) held.set(operation, remaining - 1);
        return remaining > 0;
    }

    async function faultFor(operation: string, input: Record<string, unknown>): Promise<Fault | undefined> {
        const queued = queue.find((q) => q.operation === operation && q.remaining > 0);
        if (queued !== undefined) {
            queued.remaining--;
            return queued.fault;
        }
        return rule?.({ operation, input });
    }

    const server = http.createServer((req, res) => {
        void (async () => {
            const body = await readBody(req);
            const amzTarget = req.headers["x-amz-target"];
            const operation = typeof amzTarget === "string" ? amzTarget.slice(amzTarget.indexOf(".") + 1) : "";
            const input = operation !== "" && body.length > 0 ? (JSON.parse(body.toString("utf8")) as Record<string, unknown>) : {};
            if (holds(operation)) {
                calls.push({ operation, input, fault: "held" });
                return;
            }
            const fault = operation === "" ? undefined : await faultFor(operation, input);
            calls.push({ operation, input, ...(fault !== undefined ? { fault: fault.code } : {}) });
            if (fault === undefined || fault.afterForwarding === true) {
                const answer = await forward(target, req, body);
                if (fault === undefined) {
                    const rewrite = rewrites.get(operation);
                    if (rewrite === undefined || answer.status !== 200) {
                        res.writeHead(answer.status, answer.headers);
                        res.end(answer.body);
                        return;
                    }
                    const payload = Buffer.from(JSON.stringify(rewrite(JSON.parse(answer.body.toString("utf8")) as Record<string, unknown>, input)));
                    const headers = { ...answer.headers, "content-length": String(payload.length) };
                    delete headers["transfer-encoding"];
                    res.writeHead(answer.status, headers);
                    res.end(payload);
                    return;
                }
            }
            const payload = JSON.stringify({ __type: fault.code, Message: fault.message ?? `${fault.code} (injected)`, ...fault.fields });
            res.writeHead(400, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "injected-fault" });
            res.end(payload);
        })().catch((error: unknown) => {
            res.writeHead(502, { "content-type": "text/plain" });
            res.end(String(error));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;

    return {
        endpoint: `http://127.0.0.1:${port}`,
        calls,
        failNext(operation, fault, times = 1) {
            queue.push({ operation, fault, remaining: times });
        },
        setRule(next) {
            rule = next;
        },
        holdNext(operation, times = Infinity) {
            held.set(operation, times);
        },
        rewriteAnswers(operation, rewrite) {
            rewrites.set(operation, rewrite);
        },
        clear() {
            calls.length = 0;
            queue = [];
            rule = undefined;
            held = new Map();
            rewrites = new Map();
        },
        stop() {
            return new Promise((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            });
        },
    };
}
