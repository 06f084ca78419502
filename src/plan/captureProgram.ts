import * as pulumi from "@pulumi/pulumi";
import { MockIds } from "./mockIds";
import { CapturedOptions, CapturedResource } from "./types";
import { OrgModel } from "../model/types";

export interface CaptureOptions {
    /** Registers the resources: loads the program's entry module, or builds components directly. */
    readonly run: () => unknown;
    /** Stack configuration, as `Pulumi.<stack>.yaml` would set it. */
    readonly config: Readonly<Record<string, string>>;
    /** The model the program builds, for ids that look like AWS's (management account, adopted ids). */
    readonly model?: OrgModel;
    readonly stack: string;
}

type Props = Record<string, unknown>;

/** Inputs that are Pulumi's own plumbing rather than anything a user declared. */
const HIDDEN_INPUTS = new Set(["__provider"]);

/**
 * Runs the real program under Pulumi's mocks, as `pulumi up` would on an empty state, and
 * captures every resource with its resolved inputs and its options. Options are invisible
 * to mocks, so a stack transformation records them as each resource is constructed.
 * This replaces Pulumi's process-wide runtime state (mocks, config, stack) on every call.
 */
export async function captureProgram(options: CaptureOptions): Promise<CapturedResource[]> {
    const settings = options.model?.organization;
    const ids = new MockIds(options.stack, settings?.managementAccountId, settings?.id, settings?.rootId);
    for (const a of options.model?.allAccounts ?? []) if (a.id !== undefined) ids.reserveAccountId(a.id);

    const recorded = new Map<string, { type: string; name: string; urn: string; parentUrn: string | null; options: CapturedOptions; propertyDependencies: Record<string, string[]> }>();
    const urnOf = new Map<pulumi.Resource, { urn: string; qualifiedType: string }>();
    const inputs = new Map<string, Props>();
    const key = (type: string, name: string) => `${type}::${name}`;

    pulumi.runtime.setAllConfig({ ...options.config });
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                inputs.set(key(args.type, args.name), args.inputs as Props);
                const { id, state } = mockState(args.type, args.name, args.id || undefined, args.inputs as Props, ids);
                return { id, state: { ...args.inputs, ...state } };
            },
            call(args) {
                return args.inputs;
            },
        },
        "aws-org",
        options.stack,
        false,
    );

    // Pulumi records a stack trace for every promise and resource it creates; formatting them
    // (through source maps, under ts-node) costs more than the whole plan. The plan needs none.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    await pulumi.runtime.runInPulumiStack(async () => {
        pulumi.runtime.registerStackTransformation((args) => {
            const parent = args.opts.parent ? urnOf.get(args.opts.parent) : undefined;
            const qualifiedType = parent ? `${parent.qualifiedType}$${args.type}` : args.type;
            const urn = `urn:pulumi:${options.stack}::aws-org::${qualifiedType}::${args.name}`;
            urnOf.set(args.resource, { urn, qualifiedType });
            const opts = args.opts as pulumi.CustomResourceOptions;
            recorded.set(key(args.type, args.name), {
                type: args.type,
                name: args.name,
                urn,
                parentUrn: parent?.urn ?? null,
                options: {
                    protect: opts.protect === true,
                    import: typeof opts.import === "string" ? opts.import : undefined,
                    dependsOn: resourceList(opts.dependsOn).flatMap((r) => urnOf.get(r)?.urn ?? []),
                    retainOnDelete: opts.retainOnDelete === true,
                    ignoreChanges: opts.ignoreChanges ?? [],
                    customTimeouts: opts.customTimeouts,
                },
                propertyDependencies: propertyDependencies(args.props as Props, urnOf),
            });
            return undefined;
        });
        return options.run() as Record<string, unknown>;
    }).finally(() => {
        Error.stackTraceLimit = stackTraceLimit;
    });
    // The stack's outputs can resolve before every registration has reached the mocks (dynamic
    // providers are serialized asynchronously): wait for every resource's URN.
    await Promise.all([...urnOf.keys()].map((r) => settled(r.urn)));
    // Let the last registrations (component outputs) drain, or Pulumi reports them as leaked.
    await pulumi.runtime.disconnect();

    return [...recorded.entries()].map(([k, r]) => ({
        ...r,
        custom: !r.type.startsWith("aws-org:"),
        inputs: Object.fromEntries(Object.entries(inputs.get(k) ?? {}).filter(([name]) => !HIDDEN_INPUTS.has(name))),
    }));
}

/** Resolves when the output does, and rejects with the registration's error if it fails. */
function settled(output: pulumi.Output<string>): Promise<unknown> {
    // `promise()` is the SDK's own way to await an Output; `apply` would hang on a failure.
    return (output as unknown as { promise(): Promise<unknown> }).promise();
}

function resourceList(dependsOn: pulumi.CustomResourceOptions["dependsOn"]): pulumi.Resource[] {
    if (dependsOn === undefined) return [];
    // The program passes plain resources; Outputs of resources would need the engine to resolve.
    return (Array.isArray(dependsOn) ? dependsOn : [dependsOn]).filter((r): r is pulumi.Resource => pulumi.Resource.isInstance(r));
}

/** For each input, the URNs of the resources whose outputs it uses. */
function propertyDependencies(props: Props, urnOf: ReadonlyMap<pulumi.Resource, { urn: string }>): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(props ?? {})) {
        const urns = new Set<string>();
        for (const r of outputResources(value)) {
            const urn = urnOf.get(r)?.urn;
            if (urn !== undefined) urns.add(urn);
        }
        if (urns.size > 0) result[name] = [...urns];
    }
    return result;
}

function outputResources(value: unknown): pulumi.Resource[] {
    if (pulumi.Output.isInstance(value)) {
        // `resources()` is how Output records where its value comes from.
        const withResources = value as unknown as { resources?: () => Set<pulumi.Resource> };
        return withResources.resources ? [...withResources.resources()] : [];
    }
    if (Array.isArray(value)) return value.flatMap(outputResources);
    return [];
}

/** The id and computed outputs AWS would return for a new (or imported) resource. */
function mockState(type: string, name: string, importId: string | undefined, inputs: Props, ids: MockIds): { id: string; state: Props } {
    switch (type) {
        case "aws:organizations/organization:Organization":
            return {
                id: ids.organizationId,
                state: {
                    arn: ids.arn("organization", ids.organizationId),
                    masterAccountId: ids.managementAccountId,
                    roots: [{ id: ids.rootId, arn: ids.arn("root", ids.rootId), name: "Root", policyTypes: [] }],
                },
            };
        case "aws:organizations/organizationalUnit:OrganizationalUnit": {
            const id = importId ?? ids.ou(name);
            return { id, state: { arn: ids.arn("ou", id) } };
        }
        case "aws:organizations/account:Account": {
            const id = importId ?? ids.accountId(name);
            return { id, state: { arn: ids.arn("account", id), status: "ACTIVE" } };
        }
        case "aws:organizations/policy:Policy": {
            const id = importId ?? ids.policy(name);
            return { id, state: { arn: ids.arn("policy", id) } };
        }
        default:
            // Components, and the SCP attachment set, which is identified by its target.
            return { id: importId ?? String(inputs.targetId ?? `${name}-id`), state: {} };
    }
}
