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
    readonly options: CapturedOptions;
    /** For each input, the URNs of the resources it depends on through Outputs. */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

export interface CapturedOptions {
    readonly protect: boolean;
    readonly import?: string;
    /** URNs of explicit `dependsOn` resources. */
    readonly dependsOn: readonly string[];
    readonly retainOnDelete: boolean;
    readonly ignoreChanges: readonly string[];
    readonly customTimeouts?: { readonly create?: string; readonly update?: string; readonly delete?: string };
}

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** A guardrail finding. `resource` is the logical name, or null for a stack-wide finding. */
export interface Violation {
    readonly policy: string;
    readonly enforcementLevel: "mandatory" | "advisory";
    readonly resource: string | null;
    readonly message: string;
}
