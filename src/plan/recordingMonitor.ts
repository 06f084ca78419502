import * as pulumi from "@pulumi/pulumi";
import type { Alias } from "@pulumi/pulumi/proto/alias_pb";
import type { RegisterResourceRequest, RegisterResourceResponse } from "@pulumi/pulumi/proto/resource_pb";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { CapturedAlias, CapturedOptions, CapturedResource } from "./types";

type Callback = (error: unknown, response?: RegisterResourceResponse) => void;

/** A registration request's URN, and what it registers (nothing for the stack itself). */
interface Captured {
    readonly urn: string;
    readonly resource?: CapturedResource;
}

/** One registration request, from its arrival to its answer. */
interface Arrival {
    readonly label: string;
    readonly captured: Promise<Captured>;
    answered: boolean;
}

/** Inputs that are Pulumi's own plumbing rather than anything a user declared. */
const HIDDEN_INPUTS = new Set(["__provider"]);

/**
 * Pulumi's mock resource monitor, recording every registration request as the engine
 * receives it: the inputs, parent, dependencies, property dependencies and options
 * (`protect`, `import`, aliases, timeouts, …). It answers with the URN the engine would
 * compute (the SDK's own `createUrn`: every parent's type, `$`-joined, the stack's left
 * out), where the SDK's mock monitor uses only the nearest parent's type and counts the
 * stack as one. Like the engine, it refuses a second resource with the same URN.
 */
export class RecordingMonitor extends MockMonitor {
    /** Every registration, in the order its request arrived. */
    private readonly arrivals: Arrival[] = [];
    private readonly urns = new Set<string>();
    private readonly failures: string[] = [];
    private stackUrn: string | undefined;

    override async registerResource(request: RegisterResourceRequest, callback: Callback): Promise<void> {
        const arrival: Arrival = { label: `${request.getName()} [${request.getType()}]`, captured: this.capture(request), answered: false };
        this.arrivals.push(arrival);
        let answer: { error: unknown; response?: RegisterResourceResponse };
        try {
            answer = await this.answer(request, (await arrival.captured).urn);
        } catch (error) {
            answer = { error };
        }
        arrival.answered = true;
        const { error, response } = answer;
        if (error !== undefined && error !== null) this.failures.push(`${arrival.label}: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
        callback(error, response);
    }

    /**
     * The resources registered, in the order their requests arrived (the stack itself left
     * out). Throws if a registration failed or is still unanswered.
     */
    async registrations(): Promise<CapturedResource[]> {
        const unanswered = this.arrivals.filter((a) => !a.answered).map((a) => `${a.label}: registered but never answered`);
        const problems = [...this.failures, ...unanswered];
        if (problems.length > 0) throw new Error(`The program's resources could not all be registered:\n  ${problems.join("\n  ")}`);
        // Every registration was answered, so every capture has settled, and none failed.
        const captured = await Promise.all(this.arrivals.map((a) => a.captured));
        return captured.flatMap((c) => (c.resource === undefined ? [] : [c.resource]));
    }

    /** The base monitor's answer (it calls the mocks), moved to the engine's URN. */
    private answer(request: RegisterResourceRequest, urn: string): Promise<{ error: unknown; response?: RegisterResourceResponse }> {
        return new Promise((resolve) => {
            void super.registerResource(request, (error: unknown, response?: RegisterResourceResponse) => {
                if (response !== undefined) {
                    const mockUrn = response.getUrn();
                    const registered = this.resources.get(mockUrn);
                    if (registered !== undefined) {
                        // Later `registerResourceOutputs` calls look the resource up by the URN it was given.
                        this.resources.delete(mockUrn);
                        this.resources.set(urn, { ...registered, urn });
                    }
                    response.setUrn(urn);
                }
                resolve({ error, response });
            });
        });
    }

    /** What the engine receives in the request. */
    private async capture(request: RegisterResourceRequest): Promise<Captured> {
        const type = request.getType();
        const parent = request.getParent();
        const urn = await sdkUrn(request.getName(), type, parent);
        if (this.urns.has(urn)) throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
        this.urns.add(urn);
        if (type === pulumi.runtime.rootPulumiStackTypeName) {
            this.stackUrn = urn;
            return { urn };
        }
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
            aliases: await this.aliasesOf(request),
            ...(request.getDeletebeforereplacedefined() ? { deleteBeforeReplace: request.getDeletebeforereplace() } : {}),
            replaceOnChanges: request.getReplaceonchangesList(),
            ...(request.getProvider() !== "" ? { provider: request.getProvider() } : {}),
        };
        const resource: CapturedResource = {
            type,
            name: request.getName(),
            urn,
            parentUrn: this.parentOrNull(parent),
            custom: request.getCustom(),
            inputs: Object.fromEntries(Object.entries(inputs).filter(([k]) => !HIDDEN_INPUTS.has(k))),
            options,
            dependencies,
            propertyDependencies,
        };
        return { urn, resource };
    }

    private parentOrNull(parent: string): string | null {
        return parent === "" || parent === this.stackUrn ? null : parent;
    }

    /** Each alias as the URN it names, its blanks filled from the resource, as the engine does. */
    private aliasesOf(request: RegisterResourceRequest): Promise<CapturedAlias[]> {
        const urns = request.getAliasurnsList().map((urn) => Promise.resolve({ urn }));
        return Promise.all([...urns, ...request.getAliasesList().map((a) => this.resolveAlias(a, request))]);
    }

    private async resolveAlias(alias: Alias, request: RegisterResourceRequest): Promise<CapturedAlias> {
        const spec = alias.getSpec();
        if (spec === undefined) return { urn: alias.getUrn() };
        const parent = spec.getNoparent() ? "" : spec.getParenturn() || request.getParent();
        const name = spec.getName() || request.getName();
        const urn = await sdkUrn(name, spec.getType() || request.getType(), parent, spec.getProject() || undefined, spec.getStack() || undefined);
        return { urn, parentUrn: this.parentOrNull(parent) };
    }
}

/** The URN the SDK computes for a resource; every value is known, so the Output resolves. */
function sdkUrn(name: string, type: string, parent: string, project?: string, stack?: string): Promise<string> {
    return new Promise((resolve) => pulumi.createUrn(name, type, parent === "" ? undefined : parent, project, stack).apply(resolve));
}
