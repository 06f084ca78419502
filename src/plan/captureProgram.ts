import * as pulumi from "@pulumi/pulumi";
import { MockIds } from "./mockIds";
import { RecordingMonitor } from "./recordingMonitor";
import { CapturedResource } from "./types";
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

/** The project name of `Pulumi.yaml`, part of every URN. */
const PROJECT = "aws-org";

/**
 * Runs the real program under Pulumi's mocks, as `pulumi up` would on an empty state, and
 * captures every resource from the registration requests the engine would receive (see
 * {@link RecordingMonitor}): URN, parent, dependencies, resolved inputs and options.
 * This replaces Pulumi's process-wide runtime state (mocks, config, stack) on every call.
 */
export async function captureProgram(options: CaptureOptions): Promise<CapturedResource[]> {
    const settings = options.model?.organization;
    const ids = new MockIds(options.stack, settings?.managementAccountId, settings?.id, settings?.rootId);
    for (const a of options.model?.allAccounts ?? []) if (a.id !== undefined) ids.reserveAccountId(a.id);

    pulumi.runtime.setAllConfig({ ...options.config });
    const monitor = new RecordingMonitor({
        newResource(args) {
            const inputs = args.inputs as Props;
            const { id, state } = mockState(args.type, args.name, args.id || undefined, inputs, ids);
            return { id, state: { ...inputs, ...state } };
        },
        call(args) {
            return mockInvoke(args.token, args.inputs as Props, ids, options.config["aws:region"] ?? "us-east-1");
        },
    });
    // What `setMocks` does, with our monitor; the SDK asks the monitor which features it supports.
    pulumi.runtime.setMockOptions(monitor, PROJECT, options.stack, false);

    // Pulumi records a stack trace for every promise and resource it creates; formatting them
    // (through source maps, under a TypeScript hook) costs more than the whole plan. The plan needs none.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        await pulumi.runtime.runInPulumiStack(() => Promise.resolve(options.run() as Props | undefined));
        // The stack's outputs can resolve before every registration has reached the monitor:
        // the SDK counts each registration from its start to its answer, and waits for all.
        await pulumi.runtime.disconnect();
    } finally {
        Error.stackTraceLimit = stackTraceLimit;
    }
    return monitor.registrations();
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
        case "aws:ssoadmin/permissionSet:PermissionSet": {
            const arn = importId?.split(",")[0] ?? ids.permissionSetArn(String(inputs.name));
            return { id: importId ?? `${arn},${String(inputs.instanceArn)}`, state: { arn } };
        }
        case "aws:identitystore/group:Group": {
            const groupId = ids.groupId(String(inputs.displayName));
            return { id: importId ?? `${String(inputs.identityStoreId)}/${groupId}`, state: { groupId } };
        }
        default:
            // Components, and the SCP attachment set, which is identified by its target.
            return { id: importId ?? (typeof inputs.targetId === "string" ? inputs.targetId : `${name}-id`), state: {} };
    }
}

/** What a data source would answer: the organization's Identity Center instance, and the groups the file looks up by name. */
function mockInvoke(token: string, inputs: Props, ids: MockIds, region: string): Props {
    switch (token) {
        case "aws:ssoadmin/getInstances:getInstances":
            return { arns: [ids.ssoInstanceArn], identityStoreIds: [ids.identityStoreId], id: region, region: inputs.region ?? region };
        case "aws:identitystore/getGroup:getGroup": {
            const unique = (inputs.alternateIdentifier as { uniqueAttribute?: { attributeValue?: string } } | undefined)?.uniqueAttribute;
            const name = unique?.attributeValue ?? "";
            return { ...inputs, groupId: ids.groupId(name), displayName: name, id: ids.groupId(name) };
        }
        default:
            return inputs;
    }
}
