/** A resource the program registered, as the offline plan captured it. */
export interface CapturedResource {
    readonly type: string;
    /** The logical name. */
    readonly name: string;
    readonly urn: string;
    /** URN of the Pulumi parent, or null for the stack's direct children. */
    readonly parentUrn: string | null;
    /** True for provider-backed resources, false for components. */
    readonly custom: boolean;
    /** Inputs as the provider receives them (Outputs resolved). */
    readonly inputs: Readonly<Record<string, unknown>>;
    /**
     * A component's registered outputs (`registerOutputs`), which the engine keeps as its
     * outputs and shows to stack policies; absent for custom resources.
     */
    readonly outputs?: Readonly<Record<string, unknown>>;
    readonly options: CapturedOptions;
    /**
     * URNs of every resource it waits for, as the engine stores them: its `dependsOn` and
     * its inputs' sources, a component standing for the custom resources inside it.
     */
    readonly dependencies: readonly string[];
    /** For each input, the URNs of the resources it depends on through Outputs (inputs without any are left out). */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    /** A custom resource's id, as the offline plan's provider gave it (or its import id). */
    readonly id?: string;
    /** A custom resource's outputs that are not its inputs (`arn`, `roots`, …), as the offline plan's provider computed them. */
    readonly computed?: Readonly<Record<string, unknown>>;
}

export interface CapturedOptions {
    readonly protect: boolean;
    readonly import?: string;
    /**
     * URNs it waits for beyond its inputs' sources: its `dependsOn`, a component standing
     * for the custom resources inside it (the engine receives no separate list).
     */
    readonly dependsOn: readonly string[];
    readonly retainOnDelete: boolean;
    readonly ignoreChanges: readonly string[];
    /** Go durations (`60m`); only those set. */
    readonly customTimeouts?: { readonly create?: string; readonly update?: string; readonly delete?: string; readonly read?: string };
    /** The identities the resource had before, which the engine matches in the old state. */
    readonly aliases: readonly CapturedAlias[];
    /** Unset: the provider's schema decides whether a replacement deletes first. */
    readonly deleteBeforeReplace?: boolean;
    /** Inputs whose change replaces the resource, beyond the provider's own. */
    readonly replaceOnChanges: readonly string[];
    /** The explicit provider, `URN::id`; unset for the default provider (and for components). */
    readonly provider?: string;
}

/**
 * An alias as the URN it names: its blanks (name, type, parent, project, stack) filled from
 * the resource, as the engine fills them. Two more rules of the engine depend on the old
 * state, so they are left to whoever compares with one: an alias's parent is replaced by
 * that parent's old URN when the parent itself matched through an alias, and a child also
 * answers to the URNs its parent's matched alias implies.
 */
export interface CapturedAlias {
    readonly urn: string;
    /** The parent the alias names (null: the stack); absent for an alias given as a URN. */
    readonly parentUrn?: string | null;
}

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** A guardrail finding. `resource` is the logical name, or null for a stack-wide finding. */
export interface Violation {
    readonly policy: string;
    readonly enforcementLevel: "mandatory" | "advisory";
    readonly resource: string | null;
    readonly message: string;
}
