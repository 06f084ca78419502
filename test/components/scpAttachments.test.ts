import * as assert from "assert";
import { DeleteOrganizationalUnitCommand } from "@aws-sdk/client-organizations";
import * as pulumi from "@pulumi/pulumi";
import { ScpAttachments } from "../../components/scpAttachments";
import { SCP_ATTACHMENTS_LOADER } from "../../components/scpAttachmentsLoader";
import { scpAttachmentsProvider as provider, HostedScpAttachments } from "../../components/scpAttachmentsProvider";
import { scpAttachmentsInputFailures, ScpAttachmentsState } from "../../components/scpAttachmentsState";
import { FULL_AWS_ACCESS_ID as FULL } from "../../src/model/types";
import { setEnvironment } from "../support/environment";
import { MotoServer, startMoto } from "../support/moto";
import { OrganizationFixture } from "../support/organizationFixture";
import { loadSerializedProvider } from "../support/serializedProvider";
import { present } from "../support/present";
import { stopStarted } from "../support/stopStarted";

const TOKEN = "pulumi-nodejs:dynamic/aws-org:ScpAttachments";
const UNKNOWN = pulumi.runtime.unknownValue;
/** The provider takes credentials from the standard chain, as under `pulumi up`. */
const MOTO_CREDENTIALS = { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_PROFILE: undefined };

function state(overrides: Partial<ScpAttachmentsState> = {}): ScpAttachmentsState {
    return {
        targetId: "ou-ab12-abcdefgh",
        targetKind: "ou",
        targetName: "HIPAA",
        policyIds: ["p-allowhipaa"],
        policyNames: ["AllowHipaaServices"],
        region: "us-east-1",
        ...overrides,
    };
}

describe("ScpAttachments: input checks", function () {
    it("accepts an OU with an allow-list", function () {
        assert.deepStrictEqual(scpAttachmentsInputFailures(state()), []);
    });

    for (const [label, inputs, property, reason] of [
        ["an empty set", state({ policyIds: [] }), "policyIds", /No SCP is listed for OU `HIPAA`.*list `FullAWSAccess`/],
        ["a root without FullAWSAccess", state({ targetKind: "root", targetId: "r-ab12", targetName: "root", policyIds: ["p-denyleave1"] }), "policyIds", /root's SCPs must include `FullAWSAccess`/],
        ["a policy name where an id belongs", state({ policyIds: ["FullAWSAccess"] }), "policyIds", /`FullAWSAccess` in the SCPs of OU `HIPAA` is not a policy id/],
        ["an account id on an OU", state({ targetId: "111111111111" }), "targetId", /target id of OU `HIPAA` is `111111111111`; expected an OU id/],
        ["an unknown kind", { ...state(), targetKind: "folder" }, "targetKind", /`targetKind` is `folder`; expected one of `root`, `ou`, `account`/],
        ["a kind named like a property every object has", { ...state(), targetKind: "constructor" }, "targetKind", /`targetKind` is `constructor`; expected one of `root`, `ou`, `account`/],
        ["a kind named like the prototype", { ...state(), targetKind: "__proto__" }, "targetKind", /`targetKind` is `__proto__`; expected one of `root`, `ou`, `account`/],
    ] as const) {
        it(`reports ${label}`, function () {
            const failures = scpAttachmentsInputFailures(inputs);
            assert.strictEqual(failures.length, 1, JSON.stringify(failures));
            const failure = present(failures[0]);
            assert.strictEqual(failure.property, property);
            assert.match(failure.reason, reason);
        });
    }

    it("holds an RCP set to RCPFullAWSAccess and lets a management set be empty, even on the root", function () {
        const rcp = scpAttachmentsInputFailures(state({ policyType: "RESOURCE_CONTROL_POLICY", policyIds: ["p-enforcetls"] }));
        assert.deepStrictEqual(rcp.map((f) => f.property), ["policyIds"]);
        assert.match(present(rcp[0]).reason, /RCPs of OU `HIPAA` must include `RCPFullAWSAccess`/);
        assert.deepStrictEqual(scpAttachmentsInputFailures(state({ policyType: "RESOURCE_CONTROL_POLICY", policyIds: ["p-RCPFullAWSAccess", "p-enforcetls"] })), []);
        assert.deepStrictEqual(scpAttachmentsInputFailures(state({ policyType: "TAG_POLICY", targetKind: "root", targetId: "r-ab12", targetName: "root", policyIds: [] })), []);
    });

    it("replaces a set whose type changes, as it would its target", async function () {
        const diff = await provider.diff("ou-ab12-abcdefgh", state(), state({ policyType: "TAG_POLICY" }));
        assert.deepStrictEqual(diff.replaces, ["policyType"]);
        const same = await provider.diff("ou-ab12-abcdefgh", state(), state({ policyType: undefined }));
        assert.deepStrictEqual(same.replaces, [], "no type is the SCP type of the sets written before types existed");
    });

    it("leaves values unknown during a preview for later", function () {
        assert.deepStrictEqual(scpAttachmentsInputFailures(state({ targetId: UNKNOWN, policyIds: [UNKNOWN] })), []);
        assert.deepStrictEqual(scpAttachmentsInputFailures({ ...state({ targetKind: "root", targetId: "r-ab12" }), policyIds: UNKNOWN }), []);
    });

    it("refuses, when constructed, a root whose plain list lacks FullAWSAccess", function () {
        assert.throws(
            () => new ScpAttachments("root", { targetId: "r-ab12", targetKind: "root", targetName: "root", policyIds: ["p-denyleave1"], policyNames: ["DenyLeave"] }),
            /Invalid SCP attachments `root`: The root's SCPs must include `FullAWSAccess`/,
        );
    });
});

describe("ScpAttachments: diff", function () {
    const diff = (olds: HostedScpAttachments, news: HostedScpAttachments) => provider.diff("id", olds, news);

    it("sees no change when only the order, repeats or informational names differ", async function () {
        const olds = state({ policyIds: ["p-aaaaaaaa", "p-bbbbbbbb"] });
        const news = state({ policyIds: ["p-bbbbbbbb", "p-aaaaaaaa", "p-bbbbbbbb"], targetName: "Health", policyNames: ["B", "A"] });
        assert.deepStrictEqual(await diff(olds, news), { changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("updates in place when the set changes", async function () {
        assert.deepStrictEqual(await diff(state(), state({ policyIds: ["p-allowhipaa", "p-denyroot1"] })), { changes: true, replaces: [], deleteBeforeReplace: false });
    });

    it("updates when the set is not known yet", async function () {
        assert.strictEqual((await diff(state(), { ...state(), policyIds: UNKNOWN as unknown as string[] })).changes, true);
    });

    it("replaces when the target changes", async function () {
        assert.deepStrictEqual(await diff(state(), state({ targetId: "ou-ab12-zzzzzzzz" })), { changes: true, replaces: ["targetId"], deleteBeforeReplace: false });
    });

    it("records new credentials settings with an update, for later refreshes and deletes", async function () {
        assert.deepStrictEqual(await diff(state(), state({ profile: "org-admin" })), { changes: true, replaces: [], deleteBeforeReplace: false });
    });

    it("sees no change when an external SCP the file lists is not attached, or one it does not list is", async function () {
        const external = ["p-guardrail1", "p-guardrail2"];
        const attached = state({ policyIds: ["p-allowhipaa", "p-guardrail2"], externalPolicyIds: external });
        const wanted = state({ policyIds: ["p-allowhipaa", "p-guardrail1"], externalPolicyIds: external });
        assert.strictEqual((await diff(attached, wanted)).changes, false);
        assert.strictEqual((await diff(attached, state({ policyIds: ["p-allowhipaa", "p-denyroot1"], externalPolicyIds: external }))).changes, true, "a managed SCP still counts");
        assert.strictEqual((await diff(state(), state({ externalPolicyIds: external }))).changes, true, "a new external list is recorded");
    });

    it("updates in place a state saved with other provider code, so that the loader replaces it", async function () {
        const saved = { ...state(), __provider: "exports.handler = __f0; /* a serialized provider */" };
        const current = { ...state(), __provider: SCP_ATTACHMENTS_LOADER };
        assert.deepStrictEqual(await diff(saved, current), { changes: true, replaces: [], deleteBeforeReplace: false });
        assert.deepStrictEqual(await diff(current, current), { changes: false, replaces: [], deleteBeforeReplace: false });
    });
});

describe("ScpAttachments against moto", function () {
    let moto: MotoServer;

    before(async function () {
        moto = await startMoto();
    });

    after(async function () {
        await stopStarted(moto);
    });

    describe("the provider", function () {
        let aws: OrganizationFixture;
        let rootId: string;
        let restoreEnvironment: (() => void) | undefined;

        const on = (targetId: string, policyIds: string[], overrides: Partial<ScpAttachmentsState> = {}) =>
            state({ targetId, policyIds, endpoint: moto.endpoint, ...overrides });

        before(function () {
            aws = new OrganizationFixture(moto.endpoint);
            restoreEnvironment = setEnvironment(MOTO_CREDENTIALS);
        });

        after(function () {
            restoreEnvironment?.();
        });

        beforeEach(async function () {
            await moto.reset();
            rootId = await aws.createOrganization();
        });

        it("creates: the OU ends with exactly the listed SCPs, reported sorted", async function () {
            const ou = await aws.createOu(rootId, "HIPAA");
            const [a, b] = [await aws.createScp(), await aws.createScp()];

            const created = await provider.create(on(ou, [b, a]));

            assert.strictEqual(created.id, ou);
            assert.deepStrictEqual(created.outs.policyIds, [a, b].sort());
            assert.deepStrictEqual(await aws.attached(ou), [a, b].sort());
        });

        it("refresh reports a policy attached out of band; the update that follows removes it", async function () {
            const ou = await aws.createOu(rootId, "PCI");
            const [allow, rogue] = [await aws.createScp(), await aws.createScp()];
            const created = await provider.create(on(ou, [allow]));
            await aws.attachOutOfBand(ou, rogue);

            const refreshed = await provider.read(created.id, created.outs);
            assert.strictEqual(refreshed.id, ou);
            assert.deepStrictEqual(refreshed.props?.policyIds, [allow, rogue].sort());

            const wanted = on(ou, [allow]);
            assert.strictEqual((await provider.diff(ou, present(refreshed.props), wanted)).changes, true);
            const updated = await provider.update(ou, present(refreshed.props), wanted);
            assert.deepStrictEqual(updated.outs.policyIds, [allow]);
            assert.deepStrictEqual(await aws.attached(ou), [allow]);
        });

        it("deletes by restoring FullAWSAccess alone", async function () {
            const account = await aws.createAccount("hipaa-team1-prod");
            const allow = await aws.createScp();
            const created = await provider.create(on(account, [allow], { targetKind: "account", targetName: "hipaa-team1-prod" }));
            assert.deepStrictEqual(await aws.attached(account), [allow]);

            await provider.delete(created.id, created.outs);

            assert.deepStrictEqual(await aws.attached(account), [FULL]);
        });

        it("deletes the root's set but keeps FullAWSAccess on the root", async function () {
            const deny = await aws.createScp("DenyLeaveOrganization");
            const created = await provider.create(on(rootId, [FULL, deny], { targetKind: "root", targetName: "root" }));

            await provider.delete(created.id, created.outs);

            assert.deepStrictEqual(await aws.attached(rootId), [FULL]);
        });

        it("refuses to create a root set without FullAWSAccess even when the checks were skipped", async function () {
            const deny = await aws.createScp("DenyLeaveOrganization");
            await assert.rejects(provider.create(on(rootId, [deny], { targetKind: "root", targetName: "root" })), new RegExp(`from the root \`${rootId}\``));
            assert.deepStrictEqual(await aws.attached(rootId), [FULL]);
        });

        it("treats a target deleted outside Pulumi as gone: refresh drops it, delete succeeds", async function () {
            const ou = await aws.createOu(rootId, "Gone");
            const created = await provider.create(on(ou, [await aws.createScp()]));
            await aws.client.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: ou }));

            assert.deepStrictEqual(await provider.read(created.id, created.outs), { id: "" });
            await provider.delete(created.id, created.outs);
        });
    });

    describe("under Pulumi mocks", function () {
        const registered: pulumi.runtime.MockResourceArgs[] = [];

        before(async function () {
            await pulumi.runtime.setMocks(
                {
                    newResource(args) {
                        registered.push(args);
                        const inputs = args.inputs as Record<string, unknown>;
                        return { id: args.id || String(inputs.targetId), state: inputs };
                    },
                    call: (args) => args.inputs as Record<string, unknown>,
                },
                "aws-org",
                "test",
                false,
            );
        });

        it("registers under its type token, every instance with the same small loader as its provider", async function () {
            const resources = Array.from({ length: 100 }, (_, i) =>
                new ScpAttachments(`ou/team${i}`, { targetId: `ou-ab12-team${String(i).padStart(4, "0")}`, targetKind: "ou", targetName: `team${i}`, policyIds: [pulumi.output("p-allowhipaa")], policyNames: ["AllowHipaaServices"] }),
            );
            const ids = await new Promise<string[]>((resolve) => present(resources[0]).policyIds.apply(resolve));

            assert.deepStrictEqual(ids, ["p-allowhipaa"]);
            await new Promise<void>((resolve) => pulumi.all(resources.map((r) => r.targetId)).apply(() => resolve()));
            const mine = registered.filter((r) => r.type === TOKEN);
            assert.strictEqual(mine.length, 100);
            assert.deepStrictEqual([...new Set(mine.map((r) => (r.inputs as Record<string, unknown>).__provider))], [SCP_ATTACHMENTS_LOADER]);
            assert.ok(SCP_ATTACHMENTS_LOADER.length <= 300, `the loader takes ${SCP_ATTACHMENTS_LOADER.length} characters`);
            assert.deepStrictEqual(Object.keys(present(mine[0]).inputs as Record<string, unknown>).filter((k) => k !== "__provider").sort(), ["policyIds", "policyNames", "region", "targetId", "targetKind", "targetName"]);
        });

        it("registers a loader that returns the installed provider, loaded as Pulumi's provider host loads it", function () {
            const sent = registered.find((r) => r.type === TOKEN);
            assert.ok(sent, "no ScpAttachments was registered");
            assert.strictEqual(loadSerializedProvider(String((sent.inputs as Record<string, unknown>).__provider)), provider);
        });
    });
});
