/**
 * A resource as it exists before the change: in a stack's state (`pulumi stack export`), in
 * the plan of the file at a git ref, or read from the live organization. The change review
 * compares the program's resources with these.
 */
export interface DeployedResource {
    readonly urn: string;
    readonly type: string;
    /** The logical name, the last part of the URN. */
    readonly name: string;
    readonly custom: boolean;
    readonly parentUrn: string | null;
    readonly id?: string;
    /** The inputs the provider received (state's `inputs`). */
    readonly inputs: Readonly<Record<string, unknown>>;
    /** What the provider returned (state's `outputs`; an offline plan's computed outputs). */
    readonly outputs: Readonly<Record<string, unknown>>;
    readonly protect: boolean;
    /** Inputs the provider filled with its defaults (the bridged providers' `__defaults`). */
    readonly defaults: readonly string[];
}

/** A secret value of a stack's state: shown as `[secret]`; its JSON text when the export shows secrets. */
export class SecretValue {
    constructor(readonly plaintext: unknown) {}

    toJSON(): string {
        return SECRET_TEXT;
    }
}

/** An encrypted secret, which cannot be compared with anything. */
export const ENCRYPTED = Symbol("encrypted secret");

export const SECRET_TEXT = "[secret]";

/** The logical name of a URN (`urn:pulumi:STACK::PROJECT::TYPE::NAME`); a name may contain `::`. */
export function urnName(urn: string): string {
    const parts = urn.split("::");
    return parts.slice(3).join("::");
}

/** The resource type of a URN: the last of its `$`-joined type chain. */
export function urnType(urn: string): string {
    return urn.split("::")[2]?.split("$").pop() ?? "";
}
