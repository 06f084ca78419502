import * as pulumi from "@pulumi/pulumi";
import { ORGANIZATIONS_REGION, sharedOrganizationsClient } from "../src/aws/organizationsClient";
import { isTargetMissing, ScpAttachmentEngine, ScpAttachmentError } from "../src/aws/scpAttachmentEngine";
import { FULL_AWS_ACCESS_ID } from "../src/model/types";

/** What an SCP set is attached to. */
export type ScpTargetKind = "root" | "ou" | "account";

/** The arguments of {@link ScpAttachments}. */
export interface ScpAttachmentsArgs {
    /** The root (`r-…`), OU (`ou-…`) or account (12 digits). Changing it replaces the resource. */
    targetId: pulumi.Input<string>;
    targetKind: ScpTargetKind;
    /** OU path, account name or `root`; shown in messages only, changing it changes nothing in AWS. */
    targetName: string;
    /** The complete set of SCP ids to attach; order and repeats do not matter. Must not be empty; a root's must contain `p-FullAWSAccess`. */
    policyIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The policies' names, in the order of `policyIds`; informational. */
    policyNames: readonly string[];
    /** AWS profile to use. Default: the standard credentials chain. */
    profile?: pulumi.Input<string>;
    /** Role to assume with those credentials. Default: none. */
    roleArn?: pulumi.Input<string>;
    /** Default: `us-east-1`. */
    region?: pulumi.Input<string>;
    /** Another Organizations endpoint (an emulator, FIPS). Default: the AWS endpoint of `region`. */
    endpoint?: pulumi.Input<string>;
}

/** The state the provider keeps: the inputs, with `policyIds` as attached, sorted. */
export interface ScpAttachmentsState {
    readonly targetId: string;
    readonly targetKind: ScpTargetKind;
    readonly targetName: string;
    readonly policyIds: string[];
    readonly policyNames: string[];
    readonly profile?: string;
    readonly roleArn?: string;
    readonly region?: string;
    readonly endpoint?: string;
}

/** What stands for a value not known yet (during a preview) in the provider's inputs. */
const UNKNOWN: string = pulumi.runtime.unknownValue;

const TARGET_ID_PATTERNS: Readonly<Record<ScpTargetKind, { pattern: RegExp; shape: string }>> = {
    root: { pattern: /^r-[0-9a-z]{4,32}$/, shape: "a root id (`r-` and 4 to 32 lowercase letters or digits)" },
    ou: { pattern: /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/, shape: "an OU id (`ou-xxxx-xxxxxxxx`)" },
    account: { pattern: /^\d{12}$/, shape: "an account id (12 digits)" },
};
const POLICY_ID_PATTERN = /^p-[0-9a-zA-Z_]{8,128}$/;

/** Inputs whose change is written to the state: a later delete or refresh needs the current ones. */
const CONNECTION_KEYS = ["profile", "roleArn", "region", "endpoint"] as const;

/** Inputs as the provider may receive them: while unknown, `policyIds` is a single placeholder. */
export type UncheckedScpAttachments = Omit<ScpAttachmentsState, "policyIds"> & { readonly policyIds: readonly string[] | string };

function describeTarget(kind: ScpTargetKind, name: string): string {
    if (kind === "root") return "the root";
    return `${kind === "ou" ? "OU" : "account"} \`${name}\``;
}

/**
 * Problems with the inputs, as Pulumi check failures. Values not known yet are skipped; they
 * are checked again once known.
 */
export function scpAttachmentsInputFailures(inputs: UncheckedScpAttachments): pulumi.dynamic.CheckFailure[] {
    const expected = TARGET_ID_PATTERNS[inputs.targetKind];
    if (expected === undefined) {
        return [{ property: "targetKind", reason: `\`targetKind\` is \`${String(inputs.targetKind)}\`; expected one of \`root\`, \`ou\`, \`account\`.` }];
    }
    const failures: pulumi.dynamic.CheckFailure[] = [];
    const target = describeTarget(inputs.targetKind, inputs.targetName);
    if (inputs.targetId !== UNKNOWN && !expected.pattern.test(String(inputs.targetId))) {
        failures.push({ property: "targetId", reason: `The target id of ${target} is \`${String(inputs.targetId)}\`; expected ${expected.shape}.` });
    }
    const ids = inputs.policyIds;
    if (!Array.isArray(ids)) return failures;
    if (ids.length === 0) {
        failures.push({ property: "policyIds", reason: `No SCP is listed for ${target}: AWS keeps at least one on every target; list \`FullAWSAccess\` for the default.` });
    }
    for (const id of ids) {
        if (id !== UNKNOWN && !POLICY_ID_PATTERN.test(String(id))) {
            failures.push({ property: "policyIds", reason: `\`${String(id)}\` in the SCPs of ${target} is not a policy id (\`p-\` and 8 to 128 letters, digits or \`_\`).` });
        }
    }
    if (inputs.targetKind === "root" && ids.length > 0 && !ids.includes(UNKNOWN) && !ids.includes(FULL_AWS_ACCESS_ID)) {
        failures.push({
            property: "policyIds",
            reason: "The root's SCPs must include `FullAWSAccess` (`p-FullAWSAccess`): without it every member account loses every permission. Add it to the root's `policies` and restrict on OUs instead.",
        });
    }
    return failures;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
    const left = new Set(a);
    const right = new Set(b);
    return left.size === right.size && [...left].every((x) => right.has(x));
}

function engineFor(state: ScpAttachmentsState): ScpAttachmentEngine {
    return new ScpAttachmentEngine(
        sharedOrganizationsClient({ profile: state.profile, roleArn: state.roleArn, region: state.region, endpoint: state.endpoint }),
    );
}

/**
 * The dynamic provider. One instance for the module: Pulumi serializes a provider once per
 * object, and the plan constructs thousands of these resources.
 */
export const scpAttachmentsProvider: pulumi.dynamic.ResourceProvider<ScpAttachmentsState, ScpAttachmentsState> = {
    async check(_olds, news) {
        return { inputs: news, failures: scpAttachmentsInputFailures(news) };
    },

    async diff(_id, olds, news) {
        const replaces = olds.targetId === news.targetId ? [] : ["targetId"];
        const policiesChanged = !Array.isArray(news.policyIds) || !sameSet(olds.policyIds, news.policyIds);
        const connectionChanged = CONNECTION_KEYS.some((key) => olds[key] !== news[key]);
        return { changes: replaces.length > 0 || policiesChanged || connectionChanged, replaces, deleteBeforeReplace: false };
    },

    async create(inputs) {
        const policyIds = await engineFor(inputs).apply(inputs.targetId, inputs.policyIds);
        return { id: inputs.targetId, outs: { ...inputs, policyIds } };
    },

    async read(id, props) {
        if (props === undefined) {
            throw new ScpAttachmentError(`Cannot read the SCP attachments of \`${id}\` without their recorded state; SCP attachments cannot be imported.`);
        }
        try {
            const policyIds = await engineFor(props).read(props.targetId);
            return { id, props: { ...props, policyIds } };
        } catch (error) {
            // The target is gone (an OU deleted outside Pulumi): so are its attachments.
            if (isTargetMissing(error)) return { id: "" };
            throw error;
        }
    },

    async update(_id, _olds, news) {
        const policyIds = await engineFor(news).apply(news.targetId, news.policyIds);
        return { outs: { ...news, policyIds } };
    },

    async delete(_id, props) {
        try {
            await engineFor(props).restoreDefault(props.targetId);
        } catch (error) {
            if (!isTargetMissing(error)) throw error;
        }
    },
};

/** An input as the provider would see it now: a plain string as it is, anything else unknown. */
function knownString(value: unknown): string {
    return typeof value === "string" ? value : UNKNOWN;
}

/**
 * Exactly these SCPs attached to one root, OU or account: `pulumi up` attaches the missing ones
 * first, then detaches every other, including the `FullAWSAccess` that AWS attaches to every new
 * OU and account. `pulumi refresh` reads what is really attached. Deleting the resource restores
 * the AWS default (`FullAWSAccess` alone). Never detaches `FullAWSAccess` from a root.
 */
export class ScpAttachments extends pulumi.dynamic.Resource {
    /** The root, OU or account. */
    declare public readonly targetId: pulumi.Output<string>;
    /** The ids of the SCPs attached, sorted. */
    declare public readonly policyIds: pulumi.Output<string[]>;

    constructor(name: string, args: ScpAttachmentsArgs, opts?: pulumi.CustomResourceOptions) {
        const props = {
            ...args,
            policyNames: [...args.policyNames],
            region: args.region ?? ORGANIZATIONS_REGION,
        };
        // Plain values are checked now, so that an offline plan reports what `pulumi up` would refuse.
        const failures = scpAttachmentsInputFailures({
            targetId: knownString(args.targetId),
            targetKind: args.targetKind,
            targetName: args.targetName,
            policyIds: Array.isArray(args.policyIds) ? args.policyIds.map(knownString) : UNKNOWN,
            policyNames: props.policyNames,
        });
        if (failures.length > 0) {
            throw new ScpAttachmentError(`Invalid SCP attachments \`${name}\`: ${failures.map((f) => f.reason).join(" ")}`);
        }
        super(scpAttachmentsProvider, name, props, opts, "aws-org", "ScpAttachments");
    }
}
