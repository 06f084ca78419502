import type * as pulumi from "@pulumi/pulumi";
import { sharedOrganizationsClient } from "../src/aws/organizationsClient";
import { isTargetMissing, ScpAttachmentEngine, ScpAttachmentError } from "../src/aws/scpAttachmentEngine";
import { CONNECTION_KEYS, ScpAttachmentsState, scpAttachmentsInputFailures, setPolicyType } from "./scpAttachmentsState";

/**
 * The state as Pulumi's dynamic provider host hands it over: with `__provider`, the provider
 * code recorded with it. In saved outputs that is the code of the last create or update, which
 * the host runs for that resource's `read` and `delete`.
 */
export type HostedScpAttachments = ScpAttachmentsState & { readonly __provider?: string };

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
 * The provider of the SCP sets, as installed in the project. It is never serialized: every
 * resource's `__provider` is the loader of `scpAttachmentsLoader.ts`, which Pulumi's provider
 * host runs and which returns this object from the project's files. It implements every
 * method (`satisfies`, not a type annotation, keeps them all required in its type).
 */
export const scpAttachmentsProvider = {
    check(_olds, news) {
        return Promise.resolve({ inputs: news, failures: scpAttachmentsInputFailures(news) });
    },

    diff(_id, olds, news) {
        const replaces = [...(olds.targetId === news.targetId ? [] : ["targetId"]), ...(setPolicyType(olds) === setPolicyType(news) ? [] : ["policyType"])];
        // External policies are attached or not as their owner decides: only the others make a change.
        const external = new Set(news.externalPolicyIds ?? []);
        const managed = (ids: readonly string[]) => ids.filter((id) => !external.has(id));
        const policiesChanged =
            !Array.isArray(news.policyIds) || !sameSet(managed(olds.policyIds), managed(news.policyIds)) || !sameSet(olds.externalPolicyIds ?? [], news.externalPolicyIds ?? []);
        const connectionChanged = CONNECTION_KEYS.some((key) => olds[key] !== news[key]);
        // Saved outputs with other code than the loader (a state written by an older version,
        // which stored the whole provider) would keep running that code on refresh and delete:
        // an update, which changes nothing in AWS, stores the loader instead.
        const codeChanged = olds.__provider !== news.__provider;
        return Promise.resolve({ changes: replaces.length > 0 || policiesChanged || connectionChanged || codeChanged, replaces, deleteBeforeReplace: false });
    },

    async create(inputs) {
        const policyIds = await engineFor(inputs).apply(inputs.targetId, inputs.policyIds, setPolicyType(inputs), inputs.externalPolicyIds);
        return { id: inputs.targetId, outs: { ...inputs, policyIds } };
    },

    async read(id, props) {
        if (props === undefined) {
            throw new ScpAttachmentError(`Cannot read the SCP attachments of \`${id}\` without their recorded state; SCP attachments cannot be imported.`);
        }
        try {
            const policyIds = await engineFor(props).read(props.targetId, setPolicyType(props));
            return { id, props: { ...props, policyIds } };
        } catch (error) {
            // The target is gone (an OU deleted outside Pulumi): so are its attachments.
            if (isTargetMissing(error)) return { id: "" };
            throw error;
        }
    },

    async update(_id, _olds, news) {
        const policyIds = await engineFor(news).apply(news.targetId, news.policyIds, setPolicyType(news), news.externalPolicyIds);
        return { outs: { ...news, policyIds } };
    },

    async delete(_id, props) {
        try {
            await engineFor(props).restoreDefault(props.targetId, setPolicyType(props), props.externalPolicyIds);
        } catch (error) {
            if (!isTargetMissing(error)) throw error;
        }
    },
} satisfies pulumi.dynamic.ResourceProvider<HostedScpAttachments, HostedScpAttachments>;
