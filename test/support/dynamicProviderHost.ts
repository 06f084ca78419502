import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { present } from "./present";

/** Resource properties as they cross the gRPC boundary (a protobuf `Struct`). */
export type Properties = Record<string, unknown>;

export type DiffChanges = "unknown" | "none" | "some";

export interface DiffAnswer {
    readonly changes: DiffChanges;
    readonly replaces: string[];
    readonly deleteBeforeReplace: boolean;
}

/** The part of the resource provider gRPC interface that the engine uses for a custom resource. */
export interface DynamicProviderHost {
    check(urn: string, olds: Properties, news: Properties): Promise<{ inputs: Properties; failures: Array<{ property: string; reason: string }> }>;
    /** `olds` are the saved outputs, `oldInputs` the saved inputs, `news` the checked new inputs, as the engine sends them. */
    diff(id: string, urn: string, olds: Properties, news: Properties, oldInputs: Properties): Promise<DiffAnswer>;
    create(urn: string, inputs: Properties): Promise<{ id: string; properties: Properties }>;
    read(id: string, urn: string, properties: Properties, inputs: Properties): Promise<{ id: string; properties: Properties }>;
    update(id: string, urn: string, olds: Properties, news: Properties, oldInputs: Properties): Promise<{ properties: Properties }>;
    delete(id: string, urn: string, properties: Properties, oldInputs: Properties): Promise<void>;
    /** What the host has written on stderr so far. */
    stderr(): string;
    stop(): Promise<void>;
}

export interface HostOptions {
    /** The project directory: the engine starts the host there. */
    readonly cwd: string;
    /** The environment of the host process (the engine passes its own on). */
    readonly env: NodeJS.ProcessEnv;
    /** The host script; default: the one of the `@pulumi/pulumi` installed in `cwd`. */
    readonly script?: string;
}

const CHANGES: Record<proto.DiffResponse.DiffChanges, DiffChanges> = {
    [proto.DiffResponse.DiffChanges.DIFF_UNKNOWN]: "unknown",
    [proto.DiffResponse.DiffChanges.DIFF_NONE]: "none",
    [proto.DiffResponse.DiffChanges.DIFF_SOME]: "some",
};

function struct(properties: Properties): Struct {
    return Struct.fromJavaScript(properties as Parameters<typeof Struct.fromJavaScript>[0]);
}

function plain(value: Struct | undefined): Properties {
    return value === undefined ? {} : value.toJavaScript();
}

function unary<Response>(send: (done: (error: grpc.ServiceError | null, response: Response) => void) => unknown): Promise<Response> {
    return new Promise((resolve, reject) => {
        send((error, response) => (error !== null ? reject(new Error(error.details || error.message)) : resolve(response)));
    });
}

async function listeningPort(child: ChildProcess, stderr: () => string): Promise<number> {
    return new Promise((resolve, reject) => {
        let stdout = "";
        const onData = (data: Buffer) => {
            stdout += data.toString();
            const line = present(stdout.split("\n")[0]);
            if (stdout.includes("\n") && /^\d+$/.test(line.trim())) {
                child.stdout?.off("data", onData);
                resolve(Number(line.trim()));
            }
        };
        child.stdout?.on("data", onData);
        child.once("exit", (code) => reject(new Error(`The dynamic provider host exited with ${code} before listening:\n${stderr()}`)));
    });
}

/**
 * Starts Pulumi's dynamic provider host (`@pulumi/pulumi/cmd/dynamic-provider`) as the engine
 * does: a Node process in the project directory, given the engine's address, which prints the
 * port it serves on; then configures it as the engine does before any resource call.
 */
export async function startDynamicProviderHost(options: HostOptions): Promise<DynamicProviderHost> {
    const script = options.script ?? require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [options.cwd] });
    let log = "";
    // The host never calls the engine back; any address will do.
    const child = spawn(process.execPath, [script, "127.0.0.1:1"], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    child.stderr.on("data", (data: Buffer) => (log += data.toString()));
    const port = await listeningPort(child, () => log);
    const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const configure = new proto.ConfigureRequest().setArgs(struct({})).setAcceptsecrets(true);
    await unary<proto.ConfigureResponse>((done) => client.configure(configure, done));

    return {
        async check(urn, olds, news) {
            const request = new proto.CheckRequest().setUrn(urn).setOlds(struct(olds)).setNews(struct(news));
            const response = await unary<proto.CheckResponse>((done) => client.check(request, done));
            return {
                inputs: plain(response.getInputs()),
                failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
            };
        },
        async diff(id, urn, olds, news, oldInputs) {
            const request = new proto.DiffRequest().setId(id).setUrn(urn).setOlds(struct(olds)).setNews(struct(news)).setOldInputs(struct(oldInputs));
            const response = await unary<proto.DiffResponse>((done) => client.diff(request, done));
            return { changes: CHANGES[response.getChanges()], replaces: response.getReplacesList(), deleteBeforeReplace: response.getDeletebeforereplace() };
        },
        async create(urn, inputs) {
            const request = new proto.CreateRequest().setUrn(urn).setProperties(struct(inputs));
            const response = await unary<proto.CreateResponse>((done) => client.create(request, done));
            return { id: response.getId(), properties: plain(response.getProperties()) };
        },
        async read(id, urn, properties, inputs) {
            const request = new proto.ReadRequest().setId(id).setUrn(urn).setProperties(struct(properties)).setInputs(struct(inputs));
            const response = await unary<proto.ReadResponse>((done) => client.read(request, done));
            return { id: response.getId(), properties: plain(response.getProperties()) };
        },
        async update(id, urn, olds, news, oldInputs) {
            const request = new proto.UpdateRequest().setId(id).setUrn(urn).setOlds(struct(olds)).setNews(struct(news)).setOldInputs(struct(oldInputs));
            const response = await unary<proto.UpdateResponse>((done) => client.update(request, done));
            return { properties: plain(response.getProperties()) };
        },
        async delete(id, urn, properties, oldInputs) {
            const request = new proto.DeleteRequest().setId(id).setUrn(urn).setProperties(struct(properties)).setOldInputs(struct(oldInputs));
            await unary<unknown>((done) => client.delete(request, done));
        },
        stderr: () => log,
        async stop() {
            client.close();
            if (child.exitCode !== null || child.signalCode !== null) return;
            await new Promise<void>((resolve) => {
                child.once("exit", () => resolve());
                child.kill("SIGTERM");
            });
        },
    };
}

/** The URN the engine gives an SCP set of this project in stack `test`. */
export function scpSetUrn(name: string): string {
    return `urn:pulumi:test::aws-org::pulumi-nodejs:dynamic/aws-org:ScpAttachments::${name}`;
}

/** The project directory of this checkout. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");
