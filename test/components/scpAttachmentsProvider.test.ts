import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { SCP_ATTACHMENTS_LOADER } from "../../components/scpAttachmentsLoader";
import { FULL_AWS_ACCESS_ID as FULL } from "../../src/model/types";
import { DynamicProviderHost, PROJECT_DIR, Properties, scpSetUrn, startDynamicProviderHost } from "../support/dynamicProviderHost";
import { FaultProxy, startFaultProxy } from "../support/faultProxy";
import { MotoServer, startMoto } from "../support/moto";
import { OrganizationFixture } from "../support/organizationFixture";
import { present } from "../support/present";
import { stopStarted } from "../support/stopStarted";

/** The state of a typical SCP set as written by commit ee0ec15 (see the fixture's README). */
interface RecordedState {
    readonly commit: string;
    readonly id: string;
    readonly moto: { readonly endpoint: string; readonly targetId: string; readonly policyIds: readonly string[] };
    readonly inputs: Properties & { readonly policyNames: readonly string[] };
    readonly outputs: Properties;
    readonly provider: string;
}

const FIXTURE_FILE = path.join(__dirname, "..", "fixtures", "scp-attachments-ee0ec15", "state.json");
const INSTALLED_PROVIDER = path.join(PROJECT_DIR, "components", "scpAttachmentsProvider.ts");
/** The budget for what Pulumi stores per SCP set, inputs and outputs together. */
const STATE_BUDGET = 2048;

/** The environment the engine would give the host: credentials from the standard chain, here moto's. */
function hostEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", ...extra };
    delete env.AWS_PROFILE;
    return env;
}

/** Node's module trace (`NODE_DEBUG=module`) shows which files the host loaded. */
function loadedInstalledProvider(host: DynamicProviderHost): boolean {
    return host.stderr().includes(`load ${JSON.stringify(INSTALLED_PROVIDER)}`);
}

function storedSize(inputs: Properties, outputs: Properties): number {
    return JSON.stringify(inputs).length + JSON.stringify(outputs).length;
}

describe("ScpAttachments through Pulumi's dynamic provider host, against moto", function () {
    let moto: MotoServer;
    let proxy: FaultProxy;
    let aws: OrganizationFixture;
    let rootId: string;
    const hosts: DynamicProviderHost[] = [];

    /** A host as the engine starts one for a `pulumi` command, in this project's directory. */
    async function startHost(extra: NodeJS.ProcessEnv = {}): Promise<DynamicProviderHost> {
        const host = await startDynamicProviderHost({ cwd: PROJECT_DIR, env: hostEnvironment(extra) });
        hosts.push(host);
        return host;
    }

    before(async function () {
        moto = await startMoto();
        proxy = await startFaultProxy(moto.endpoint);
        aws = new OrganizationFixture(moto.endpoint);
    });

    beforeEach(async function () {
        await moto.reset();
        proxy.clear();
        rootId = await aws.createOrganization();
    });

    afterEach(async function () {
        await Promise.all(hosts.splice(0).map((h) => h.stop()));
    });

    after(async function () {
        await stopStarted(proxy, moto);
    });

    describe("upgrading from the state written by ee0ec15", function () {
        const recorded = JSON.parse(fs.readFileSync(FIXTURE_FILE, "utf8")) as RecordedState;
        const urn = scpSetUrn("ou/Workloads/Prod");

        /**
         * The recorded properties, with this moto's ids and the proxy's endpoint in place of the
         * recorded ones; outputs list the policy ids sorted, so they are sorted again.
         */
        function localize(properties: Properties, ou: string, ids: readonly string[]): Properties {
            let text = JSON.stringify(properties).split(recorded.moto.endpoint).join(proxy.endpoint).split(recorded.moto.targetId).join(ou);
            recorded.moto.policyIds.forEach((id, i) => (text = text.split(id).join(ids[i])));
            const localized = JSON.parse(text) as Properties;
            return properties === recorded.outputs ? { ...localized, policyIds: [...(localized.policyIds as string[])].sort() } : localized;
        }

        it("keeps the set, rewrites the state once with the small loader, and reads with the installed code afterwards", async function () {
            const workloads = await aws.createOu(rootId, "Workloads");
            const ou = await aws.createOu(workloads, "Prod");
            const ids: string[] = [];
            for (const name of recorded.inputs.policyNames) ids.push(await aws.createScp(name));
            const oldInputs = { ...localize(recorded.inputs, ou, ids), __provider: recorded.provider };
            const oldOutputs = { ...localize(recorded.outputs, ou, ids), __provider: recorded.provider };

            // Before the upgrade: ee0ec15's own code (the recorded `__provider`) creates the set and writes the recorded state.
            const before = await startHost();
            assert.deepStrictEqual((await before.check(urn, {}, oldInputs)).inputs, oldInputs);
            const created = await before.create(urn, oldInputs);
            assert.deepStrictEqual(created, { id: ou, properties: oldOutputs });
            await before.stop();
            const attached = await aws.attached(ou);
            assert.deepStrictEqual(attached, [...ids].sort());
            proxy.clear();

            // The first `pulumi up` after the upgrade: the refresh still runs the old copy, taken from the saved outputs.
            const upgrade = await startHost({ NODE_DEBUG: "module" });
            const refreshed = await upgrade.read(ou, urn, oldOutputs, oldInputs);
            assert.deepStrictEqual(refreshed, { id: ou, properties: oldOutputs });
            assert.ok(!loadedInstalledProvider(upgrade), "the refresh of an old state runs the code saved in it");

            // The program now registers the same data with the loader: Check and Diff run the installed code.
            const newInputs = { ...localize(recorded.inputs, ou, ids), __provider: SCP_ATTACHMENTS_LOADER };
            const checked = await upgrade.check(urn, oldInputs, newInputs);
            assert.deepStrictEqual(checked, { inputs: newInputs, failures: [] });
            assert.ok(loadedInstalledProvider(upgrade));
            assert.deepStrictEqual(await upgrade.diff(ou, urn, refreshed.properties, checked.inputs, oldInputs), {
                changes: "some",
                replaces: [],
                deleteBeforeReplace: false,
            });
            const updated = await upgrade.update(ou, urn, refreshed.properties, checked.inputs, oldInputs);
            assert.deepStrictEqual(updated.properties, { ...newInputs, policyIds: [...ids].sort() });
            assert.deepStrictEqual(await aws.attached(ou), attached);
            assert.deepStrictEqual(
                proxy.calls.map((c) => c.operation),
                ["ListPoliciesForTarget", "ListPoliciesForTarget"],
                "the upgrade reads the set twice (refresh, update) and attaches or detaches nothing",
            );
            await upgrade.stop();

            // The next `pulumi up`: its refresh loads the installed provider through the saved loader, and nothing changes.
            const next = await startHost({ NODE_DEBUG: "module" });
            const reread = await next.read(ou, urn, updated.properties, checked.inputs);
            assert.ok(loadedInstalledProvider(next), "the refresh after the upgrade runs the installed provider");
            assert.deepStrictEqual(reread, { id: ou, properties: updated.properties });
            const again = await next.check(urn, checked.inputs, newInputs);
            assert.strictEqual((await next.diff(ou, urn, reread.properties, again.inputs, checked.inputs)).changes, "none");
        });

        it("stores at most 2 KB for the set, down from the 54 KB that ee0ec15 stored", async function () {
            const workloads = await aws.createOu(rootId, "Workloads");
            const ou = await aws.createOu(workloads, "Prod");
            const ids: string[] = [];
            for (const name of recorded.inputs.policyNames) ids.push(await aws.createScp(name));
            const inputs = { ...localize(recorded.inputs, ou, ids), __provider: SCP_ATTACHMENTS_LOADER };

            const host = await startHost();
            const checked = await host.check(urn, {}, inputs);
            const created = await host.create(urn, checked.inputs);

            const before = storedSize({ ...recorded.inputs, __provider: recorded.provider }, { ...recorded.outputs, __provider: recorded.provider });
            const after = storedSize(checked.inputs, created.properties);
            assert.ok(before > 50_000, `ee0ec15 stored ${before} characters`);
            assert.ok(after <= STATE_BUDGET, `the state of \`ou/Workloads/Prod\` takes ${after} characters; the budget is ${STATE_BUDGET}`);
        });
    });

    describe("the installed provider", function () {
        // One host serves every resource of a `pulumi up`: here, the three cases below.
        let host: DynamicProviderHost;

        before(async function () {
            host = await startDynamicProviderHost({ cwd: PROJECT_DIR, env: hostEnvironment() });
        });

        after(async function () {
            await host.stop();
        });

        const on = (targetId: string, policyIds: string[], extra: Properties = {}): Properties => ({
            targetId,
            targetKind: "ou",
            targetName: "HIPAA",
            policyIds,
            policyNames: policyIds.map((_, i) => `Policy${i}`),
            region: "us-east-1",
            endpoint: proxy.endpoint,
            __provider: SCP_ATTACHMENTS_LOADER,
            ...extra,
        });

        it("creates, reads drift back, corrects it, and deletes by restoring FullAWSAccess alone", async function () {
            const ou = await aws.createOu(rootId, "HIPAA");
            const [allow, rogue] = [await aws.createScp(), await aws.createScp()];
            const urn = scpSetUrn("ou/HIPAA");

            const created = await host.create(urn, on(ou, [allow]));
            assert.deepStrictEqual(await aws.attached(ou), [allow]);
            await aws.attachOutOfBand(ou, rogue);
            const refreshed = await host.read(ou, urn, created.properties, on(ou, [allow]));
            assert.deepStrictEqual(refreshed.properties.policyIds, [allow, rogue].sort());
            assert.strictEqual((await host.diff(ou, urn, refreshed.properties, on(ou, [allow]), on(ou, [allow]))).changes, "some");
            const updated = await host.update(ou, urn, refreshed.properties, on(ou, [allow]), on(ou, [allow]));
            assert.deepStrictEqual(updated.properties.policyIds, [allow]);
            assert.deepStrictEqual(await aws.attached(ou), [allow]);

            await host.delete(ou, urn, updated.properties, on(ou, [allow]));
            assert.deepStrictEqual(await aws.attached(ou), [FULL]);
        });

        it("keeps a tag policy set exact through the host: drift read back per type, corrected, and detached on delete", async function () {
            await aws.enablePolicyType(rootId, "TAG_POLICY");
            const ou = await aws.createOu(rootId, "Tagged");
            const tag = (key: string) => ({ tags: { [key]: { tag_key: { "@@assign": key } } } });
            const [owner, stray] = [await aws.createPolicy("Owner", "TAG_POLICY", tag("owner")), await aws.createPolicy("Stray", "TAG_POLICY", tag("stray"))];
            const urn = scpSetUrn("TAG:ou/Tagged");
            const inputs = on(ou, [owner], { policyType: "TAG_POLICY" });

            const created = await host.create(urn, inputs);
            assert.deepStrictEqual(await aws.attached(ou, "TAG_POLICY"), [owner]);
            await aws.attachOutOfBand(ou, stray);
            const refreshed = await host.read(ou, urn, created.properties, inputs);
            assert.deepStrictEqual(refreshed.properties.policyIds, [owner, stray].sort());
            const updated = await host.update(ou, urn, refreshed.properties, inputs, inputs);
            assert.deepStrictEqual(await aws.attached(ou, "TAG_POLICY"), [owner]);
            assert.deepStrictEqual(await aws.attached(ou), [FULL], "the SCPs are left alone");

            await host.delete(ou, urn, updated.properties, inputs);
            assert.deepStrictEqual(await aws.attached(ou, "TAG_POLICY"), [], "no tag policy is AWS's default");
        });

        it("refuses a root set without FullAWSAccess before calling AWS", async function () {
            const deny = await aws.createScp("DenyLeaveOrganization");
            const urn = scpSetUrn("root");
            const root = on(rootId, [deny], { targetKind: "root", targetName: "root" });
            proxy.clear();

            const checked = await host.check(urn, {}, root);
            assert.deepStrictEqual(checked.failures.map((f) => f.property), ["policyIds"]);
            assert.match(present(checked.failures[0]).reason, /root's SCPs must include `FullAWSAccess`/);
            await assert.rejects(host.create(urn, root), new RegExp(`Refusing to detach \`FullAWSAccess\` \\(\`p-FullAWSAccess\`\\) from the root \`${rootId}\``));
            assert.deepStrictEqual(proxy.calls, []);
            assert.deepStrictEqual(await aws.attached(rootId), [FULL]);
        });
    });
});
