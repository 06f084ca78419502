import * as pulumi from "@pulumi/pulumi";
import type { Alias } from "@pulumi/pulumi/proto/alias_pb";
import type { RegisterResourceOutputsRequest, RegisterResourceRequest, RegisterResourceResponse } from "@pulumi/pulumi/proto/resource_pb";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { CapturedAlias, CapturedOptions, CapturedResource } from "./types";

type Callback = (error: unknown, response?: RegisterResourceResponse) => void;

/** One registration request, from its arrival to its answer. */
interface Arrival {
    readonly label: string;
    /** What it registers; none for the stack itself, or a request refused. */
    resource?: CapturedResource;
    answered: boolean;
}

/** Inputs that are Pulumi's own plumbing rather than anything a user declared. */
const HIDDEN_INPUTS = new Set(["__provider"]);

/**
 * Pulumi's mock resource monitor, recording every registration request as the engine
 * receives it: the inputs, parent, dependencies, property dependencies and options
 * (`protect`, `import`, aliases, timeouts, …). It answers with the URN the engine would
 * compute (every parent's type, `$`-joined, the stack's left out), where the SDK's mock
 * monitor uses only the nearest parent's type and counts the stack as one. Like the engine,
 * it refuses a second resource with the same URN.
 */
export class RecordingMonitor extends MockMonitor {
    /** Every registration, in the order its request arrived. */
    private readonly arrivals: Arrival[] = [];
    private readonly urns = new Set<string>();
    /** The base monitor's records, by the engine's URN. */
    private readonly filed: MockMonitor["resources"] = new Map();
    private readonly failures: string[] = [];
    /** What each component registered as its outputs, by URN. */
    private readonly outputs = new Map<string, Record<string, unknown>>();
    private stackUrn: string | undefined;

    override async registerResource(request: RegisterResourceRequest, callback: Callback): Promise<void> {
        const arrival: Arrival = { label: `${request.getName()} [${request.getType()}]`, answered: false };
        this.arrivals.push(arrival);
        let answer: { error: unknown; response?: RegisterResourceResponse };
        try {
            const urn = this.urnOf(request);
            if (request.getType() === pulumi.runtime.rootPulumiStackTypeName) this.stackUrn = urn;
            else arrival.resource = this.capture(urn, request);
            answer = await this.answer(request, urn);
            if (arrival.resource?.custom === true && answer.response !== undefined) arrival.resource = withAnswer(arrival.resource, answer.response);
        } catch (error) {
            answer = { error };
        }
        arrival.answered = true;
        const { error, response } = answer;
        this.fail(arrival.label, error);
        callback(error, response);
    }

    override registerResourceOutputs(request: RegisterResourceOutputsRequest, callback: (error: unknown, response?: unknown) => void): void {
        const outputs = request.getOutputs();
        // The engine keeps them as the component's outputs, which stack policies see.
        this.outputs.set(request.getUrn(), outputs === undefined ? {} : pulumi.runtime.deserializeProperties(outputs));
        super.registerResourceOutputs(request, (error: unknown, response?: unknown) => {
            this.fail(`the outputs of ${request.getUrn()}`, error);
            callback(error, response);
        });
    }

    /**
     * The resources registered, in the order their requests arrived (the stack itself left
     * out). Throws if a registration (or a component's outputs) failed, or is unanswered.
     */
    registrations(): CapturedResource[] {
        const unanswered = this.arrivals.filter((a) => !a.answered).map((a) => `${a.label}: registered but never answered`);
        const problems = [...this.failures, ...unanswered];
        if (problems.length > 0) throw new Error(`The program's resources could not all be registered:\n  ${problems.join("\n  ")}`);
        return this.arrivals.flatMap((a) => {
            if (a.resource === undefined) return [];
            const outputs = a.resource.custom ? undefined : this.outputs.get(a.resource.urn);
            return [outputs === undefined ? a.resource : { ...a.resource, outputs }];
        });
    }

    private fail(what: string, error: unknown): void {
        if (error !== undefined && error !== null) this.failures.push(`${what}: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
    }

    /** The request's URN, refused if another resource has it already. */
    private urnOf(request: RegisterResourceRequest): string {
        const urn = engineUrn(request.getName(), request.getType(), request.getParent());
        if (this.urns.has(urn)) throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
        this.urns.add(urn);
        return urn;
    }

    /** The base monitor's answer (it calls the mocks), moved to the engine's URN. */
    private answer(request: RegisterResourceRequest, urn: string): Promise<{ error: unknown; response?: RegisterResourceResponse }> {
        return new Promise((resolve) => {
            void super.registerResource(request, (error: unknown, response?: RegisterResourceResponse) => {
                if (response !== undefined) {
                    this.refile(response.getUrn(), urn);
                    response.setUrn(urn);
                }
                resolve({ error, response });
            });
        });
    }

    /**
     * Moves what the base monitor filed under its own URN to the engine's, where later calls
     * (`registerResourceOutputs`) look for it; its URN can be another resource's real one.
     */
    private refile(mockUrn: string, urn: string): void {
        const registered = this.resources.get(mockUrn);
        this.resources.delete(mockUrn);
        const displaced = this.filed.get(mockUrn);
        if (displaced !== undefined) this.resources.set(mockUrn, displaced);
        if (registered === undefined) return;
        registered.urn = urn;
        this.filed.set(urn, registered);
        this.resources.set(urn, registered);
    }

    /** What the engine receives in the request. */
    private capture(urn: string, request: RegisterResourceRequest): CapturedResource {
        const parent = request.getParent();
        const object = request.getObject();
        const inputs = object === undefined ? {} : pulumi.runtime.deserializeProperties(object);
        const propertyDependencies: Record<string, string[]> = {};
        for (const [key, deps] of request.getPropertydependenciesMap().entries()) {
            const urns = deps.getUrnsList();
            if (urns.length > 0) propertyDependencies[key] = urns;
        }
        const fromInputs = new Set(Object.values(propertyDependencies).flat());
        const dependencies = request.getDependenciesList();
        const t = request.getCustomtimeouts();
        const timeouts = t === undefined ? {} : { create: t.getCreate(), update: t.getUpdate(), delete: t.getDelete(), read: t.getRead() };
        const customTimeouts = Object.fromEntries(Object.entries(timeouts).filter(([, v]) => v !== ""));
        const options: CapturedOptions = {
            protect: request.getProtect() === true,
            ...(request.getImportid() !== "" ? { import: request.getImportid() } : {}),
            dependsOn: dependencies.filter((d) => !fromInputs.has(d)),
            retainOnDelete: request.getRetainondelete() === true,
            ignoreChanges: request.getIgnorechangesList(),
            ...(Object.keys(customTimeouts).length > 0 ? { customTimeouts } : {}),
            aliases: this.aliasesOf(request),
            ...(request.getDeletebeforereplacedefined() ? { deleteBeforeReplace: request.getDeletebeforereplace() } : {}),
            replaceOnChanges: request.getReplaceonchangesList(),
            ...(request.getProvider() !== "" ? { provider: request.getProvider() } : {}),
        };
        return {
            type: request.getType(),
            name: request.getName(),
            urn,
            parentUrn: this.parentOrNull(parent),
            custom: request.getCustom(),
            inputs: Object.fromEntries(Object.entries(inputs).filter(([k]) => !HIDDEN_INPUTS.has(k))),
            options,
            dependencies,
            propertyDependencies,
        };
    }

    private parentOrNull(parent: string): string | null {
        return parent === "" || parent === this.stackUrn ? null : parent;
    }

    /** Each alias as the URN it names, its blanks filled from the resource, as the engine does. */
    private aliasesOf(request: RegisterResourceRequest): CapturedAlias[] {
        return [...request.getAliasurnsList().map((urn) => ({ urn })), ...request.getAliasesList().map((a) => this.resolveAlias(a, request))];
    }

    private resolveAlias(alias: Alias, request: RegisterResourceRequest): CapturedAlias {
        const spec = alias.getSpec();
        if (spec === undefined) return { urn: alias.getUrn() };
        const parent = spec.getNoparent() ? "" : spec.getParenturn() || request.getParent();
        const urn = engineUrn(spec.getName() || request.getName(), spec.getType() || request.getType(), parent, spec.getProject(), spec.getStack());
        return { urn, parentUrn: this.parentOrNull(parent) };
    }
}

/**
 * A custom resource with what the provider answered: its id, and the outputs it computed
 * (those that are not inputs echoed back), which other resources' inputs are made of.
 */
function withAnswer(resource: CapturedResource, response: RegisterResourceResponse): CapturedResource {
    const object = response.getObject();
    const state = object === undefined ? {} : (pulumi.runtime.deserializeProperties(object) as Record<string, unknown>);
    const computed = Object.fromEntries(Object.entries(state).filter(([k]) => !(k in resource.inputs) && !HIDDEN_INPUTS.has(k)));
    return { ...resource, id: response.getId(), computed };
}

/**
 * The URN the engine gives a resource, by the rule of the SDK's `createUrn`: the parent's
 * URN up to its name (so every ancestor's type, `$`-joined), unless the parent is the stack,
 * then the type and the name. Computed here because `createUrn` answers with an Output,
 * which costs a quarter of the plan's time; a test holds the two to the same URNs.
 */
export function engineUrn(name: string, type: string, parentUrn: string, project = "", stack = ""): string {
    const prefix = parentUrn === "" ? "" : `${parentUrn.substring(0, parentUrn.lastIndexOf("::"))}$`;
    const underStack = prefix === "" || prefix.endsWith(`::${pulumi.runtime.rootPulumiStackTypeName}$`);
    return `${underStack ? `urn:pulumi:${stack || pulumi.getStack()}::${project || pulumi.getProject()}::` : prefix}${type}::${name}`;
}
