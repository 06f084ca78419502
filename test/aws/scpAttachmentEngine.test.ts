import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ListRootsCommand, OrganizationsClient, ServiceInputTypes, ServiceOutputTypes } from "@aws-sdk/client-organizations";
import type { InitializeMiddleware } from "@smithy/types";
import { createOrganizationsClient, retryDelayMs } from "../../src/aws/organizationsClient";
import { SCP_TYPE, ScpAttachmentEngine, ScpAttachmentError } from "../../src/aws/scpAttachmentEngine";
import { FULL_AWS_ACCESS_ID as FULL } from "../../src/model/types";
import { setEnvironment } from "../support/environment";
import { FaultProxy, startFaultProxy } from "../support/faultProxy";
import { MotoServer, motoClientConfig, startMoto } from "../support/moto";
import { OrganizationFixture } from "../support/organizationFixture";
import { present } from "../support/present";
import { stopStarted } from "../support/stopStarted";

// moto does not enforce that a target keeps at least one SCP (AWS answers
// `ConstraintViolationException` when the last one is detached), nor the quota of SCPs per
// target, nor does it ever throttle. So these tests record the attachment count after every
// attach and detach and assert it never reaches zero, and inject the other answers through a
// proxy in front of moto.

const TOO_MANY_REQUESTS = { code: "TooManyRequestsException", message: "AWS Organizations can't complete your request because another request is already in progress." };
const CONCURRENT_MODIFICATION = { code: "ConcurrentModificationException", message: "The target of the operation is currently being modified by a different request." };

describe("AWS Organizations against moto", function () {
    let moto: MotoServer;

    before(async function () {
        moto = await startMoto();
    });

    after(async function () {
        await stopStarted(moto);
    });

    describe("ScpAttachmentEngine", function () {
        let proxy: FaultProxy;
        let aws: OrganizationFixture;
        let client: OrganizationsClient;
        let engine: ScpAttachmentEngine;
        let rootId: string;
        /** Attachment count of the changed target after every successful attach or detach. */
        let counts: number[];

        const recordCounts: InitializeMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next, context) => async (args) => {
            const result = await next(args);
            if (context.commandName === "AttachPolicyCommand" || context.commandName === "DetachPolicyCommand") {
                counts.push((await aws.attached((args.input as { TargetId: string }).TargetId)).length);
            }
            return result;
        };

        /** The attach and detach calls the engine made, as `Attach p-…` / `Detach p-…`. */
        function changes(): string[] {
            return proxy.calls
                .filter((c) => (c.operation === "AttachPolicy" || c.operation === "DetachPolicy") && c.fault === undefined)
                .map((c) => `${c.operation.replace("Policy", "")} ${String(c.input.PolicyId)}`);
        }

        before(async function () {
            proxy = await startFaultProxy(moto.endpoint);
            aws = new OrganizationFixture(moto.endpoint);
            client = createOrganizationsClient({ ...motoClientConfig(proxy.endpoint), maxAttempts: 4, retryBaseDelayMs: 1, retryMaxDelayMs: 4 });
            client.middlewareStack.add(recordCounts, { step: "initialize", name: "recordAttachmentCounts" });
            engine = new ScpAttachmentEngine(client);
        });

        after(async function () {
            await stopStarted(proxy);
        });

        beforeEach(async function () {
            await moto.reset();
            rootId = await aws.createOrganization();
            proxy.clear();
            counts = [];
        });

        it("detaches the FullAWSAccess that AWS put on a new OU, leaving exactly the allow-list", async function () {
            const ou = await aws.createOu(rootId, "HIPAA");
            const allowHipaa = await aws.createScp("AllowHipaaServices");
            assert.deepStrictEqual(await engine.read(ou), [FULL]);

            assert.deepStrictEqual(await engine.apply(ou, [allowHipaa]), [allowHipaa]);

            assert.deepStrictEqual(await aws.attached(ou), [allowHipaa]);
            assert.deepStrictEqual(changes(), [`Attach ${allowHipaa}`, `Detach ${FULL}`]);
            assert.deepStrictEqual(counts, [2, 1]);
        });

        it("swaps one allow-list for another, attaching all before detaching, never through zero SCPs", async function () {
            const ou = await aws.createOu(rootId, "PCI");
            const [a, b, c, d] = [await aws.createScp(), await aws.createScp(), await aws.createScp(), await aws.createScp()];
            await engine.apply(ou, [a, b]);
            proxy.clear();
            counts = [];

            await engine.apply(ou, [d, c]);

            assert.deepStrictEqual(await aws.attached(ou), [c, d].sort());
            const attaches = [c, d].sort().map((id) => `Attach ${id}`);
            const detaches = [a, b].sort().map((id) => `Detach ${id}`);
            assert.deepStrictEqual(changes(), [...attaches, ...detaches]);
            assert.deepStrictEqual(counts, [3, 4, 3, 2]);
        });

        it("changes nothing when the target already has exactly the set, whatever the order and repeats", async function () {
            const account = await aws.createAccount("legacy-site");
            const deny = await aws.createScp();
            await engine.apply(account, [FULL, deny]);
            proxy.clear();

            assert.deepStrictEqual(await engine.apply(account, [deny, FULL, deny]), [FULL, deny].sort());
            assert.deepStrictEqual(changes(), []);
        });

        it("reads a policy attached out of band, and the next apply detaches it", async function () {
            const ou = await aws.createOu(rootId, "Sandbox");
            const [allow, rogue] = [await aws.createScp(), await aws.createScp()];
            await engine.apply(ou, [allow]);
            await aws.attachOutOfBand(ou, rogue);

            assert.deepStrictEqual(await engine.read(ou), [allow, rogue].sort());
            await engine.apply(ou, [allow]);

            assert.deepStrictEqual(await aws.attached(ou), [allow]);
        });

        it("never detaches Control Tower's guardrail SCPs, listed or not, and counts them as attached", async function () {
            const ou = await aws.createOu(rootId, "Workloads");
            const [allow, guardrail] = [await aws.createScp(), await aws.createScp("aws-guardrails-AbCdEf")];
            await aws.attachOutOfBand(ou, guardrail);
            proxy.clear();

            assert.deepStrictEqual(await engine.apply(ou, [allow]), [allow, guardrail].sort());

            assert.deepStrictEqual(await aws.attached(ou), [allow, guardrail].sort());
            assert.deepStrictEqual(changes(), [`Attach ${allow}`, `Detach ${FULL}`]);
        });

        it("neither attaches nor detaches a declared external SCP, and keeps it when restoring the default", async function () {
            const [ou, other] = [await aws.createOu(rootId, "Managed"), await aws.createOu(rootId, "Other")];
            const [allow, lza, listedOnly] = [await aws.createScp(), await aws.createScp("LzaPolicy"), await aws.createScp("LzaPolicy2")];
            await aws.attachOutOfBand(ou, lza);
            proxy.clear();

            // `listedOnly` is in the file's list, but its owner has not attached it here: it stays unattached.
            assert.deepStrictEqual(await engine.apply(ou, [allow, listedOnly], SCP_TYPE, [lza, listedOnly]), [allow, lza].sort());
            assert.deepStrictEqual(await aws.attached(ou), [allow, lza].sort());
            assert.deepStrictEqual(changes(), [`Attach ${allow}`, `Detach ${FULL}`]);

            await engine.restoreDefault(ou, SCP_TYPE, [lza, listedOnly]);
            assert.deepStrictEqual(await aws.attached(ou), [FULL, lza].sort());
            assert.deepStrictEqual(await aws.attached(other), [FULL]);
        });

        it("restores the AWS default: FullAWSAccess attached first, then the rest detached", async function () {
            const ou = await aws.createOu(rootId, "HIPAA");
            const [a, b] = [await aws.createScp(), await aws.createScp()];
            await engine.apply(ou, [a, b]);
            proxy.clear();
            counts = [];

            await engine.restoreDefault(ou);

            assert.deepStrictEqual(await aws.attached(ou), [FULL]);
            assert.deepStrictEqual(changes(), [`Attach ${FULL}`, ...[a, b].sort().map((id) => `Detach ${id}`)]);
            assert.ok(counts.every((n) => n >= 1), `counts ${counts.join(", ")}`);
        });

        it("refuses to detach FullAWSAccess from a root, naming the root, and changes nothing", async function () {
            const deny = await aws.createScp("DenyLeaveOrganization");
            await assert.rejects(engine.apply(rootId, [deny]), (error: Error) => {
                assert.ok(error instanceof ScpAttachmentError);
                assert.match(error.message, new RegExp(`from the root \`${rootId}\``));
                assert.match(error.message, /every member account would lose every permission/);
                return true;
            });
            assert.deepStrictEqual(await aws.attached(rootId), [FULL]);
            assert.deepStrictEqual(proxy.calls, []);
        });

        it("restores a root's default without ever detaching FullAWSAccess from it", async function () {
            const deny = await aws.createScp("DenyLeaveOrganization");
            await engine.apply(rootId, [FULL, deny]);
            proxy.clear();

            await engine.restoreDefault(rootId);

            assert.deepStrictEqual(await aws.attached(rootId), [FULL]);
            assert.deepStrictEqual(changes(), [`Detach ${deny}`]);
        });

        it("refuses an empty set before calling AWS", async function () {
            const ou = await aws.createOu(rootId, "Empty");
            await assert.rejects(engine.apply(ou, []), /No SCP was requested for `ou-[^`]+`.*list `FullAWSAccess`/);
            assert.deepStrictEqual(await aws.attached(ou), [FULL]);
        });

        it("reads every page when more SCPs are attached than one page holds", async function () {
            const account = await aws.createAccount("many-policies");
            const many: string[] = [];
            for (let i = 0; i < 25; i++) many.push(await aws.createScp());

            assert.deepStrictEqual(await engine.apply(account, many), [...many].sort());
            assert.deepStrictEqual(await engine.read(account), [...many].sort());
            const listings = proxy.calls.filter((c) => c.operation === "ListPoliciesForTarget");
            assert.ok(listings.some((c) => c.input.NextToken !== undefined), "expected a request for a second page");

            const kept = present(many[3]);
            await engine.apply(account, [kept]);
            assert.deepStrictEqual(await aws.attached(account), [kept]);
        });

        it("makes room under the per-target quota by detaching an unwanted SCP, never the last", async function () {
            const quota = 3;
            proxy.setRule(async ({ operation, input }) => {
                if (operation !== "AttachPolicy" || (await aws.attached(String(input.TargetId))).length < quota) return undefined;
                return {
                    code: "ConstraintViolationException",
                    message: "You attempted to exceed the number of policies of a certain type that can be attached to an entity at one time.",
                    fields: { Reason: "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED" },
                };
            });
            const ou = await aws.createOu(rootId, "Full");
            const [a, b, c, d, e] = [await aws.createScp(), await aws.createScp(), await aws.createScp(), await aws.createScp(), await aws.createScp()];
            await engine.apply(ou, [a, b, c]);
            counts = [];

            assert.deepStrictEqual(await engine.apply(ou, [c, d, e]), [c, d, e].sort());

            assert.deepStrictEqual(await aws.attached(ou), [c, d, e].sort());
            assert.ok(counts.every((n) => n >= 1 && n <= quota), `counts ${counts.join(", ")}`);
        });

        it("treats an attachment that already exists, or one already gone, as done", async function () {
            const ou = await aws.createOu(rootId, "Racing");
            const allow = await aws.createScp();
            // Another deployment made the same change between our read and our calls.
            proxy.failNext("AttachPolicy", { code: "DuplicatePolicyAttachmentException", message: "The selected policy is already attached to the specified target.", afterForwarding: true });
            proxy.failNext("DetachPolicy", { code: "PolicyNotAttachedException", message: "The policy isn't attached to the specified target.", afterForwarding: true });

            assert.deepStrictEqual(await engine.apply(ou, [allow]), [allow]);
            assert.deepStrictEqual(await aws.attached(ou), [allow]);
        });

        for (const [label, operation, fault] of [
            ["throttling (`TooManyRequestsException`) on attach", "AttachPolicy", TOO_MANY_REQUESTS],
            ["`ConcurrentModificationException` on detach", "DetachPolicy", CONCURRENT_MODIFICATION],
            ["`FinalizingOrganizationException` on listing", "ListPoliciesForTarget", { code: "FinalizingOrganizationException" }],
        ] as const) {
            it(`retries after ${label} and then succeeds`, async function () {
                const ou = await aws.createOu(rootId, "Retry");
                const allow = await aws.createScp();
                proxy.failNext(operation, fault, 2);

                assert.deepStrictEqual(await engine.apply(ou, [allow]), [allow]);

                assert.deepStrictEqual(await aws.attached(ou), [allow]);
                const attempts = proxy.calls.filter((c) => c.operation === operation);
                assert.deepStrictEqual(attempts.map((c) => c.fault ?? "ok"), [fault.code, fault.code, "ok"]);
            });
        }

        it("keeps retrying across a whole deployment: retries of one operation use up nothing the next one needs", async function () {
            // The SDK's standard strategy draws every retry of a client from one budget (500
            // tokens, 14 per retried ConcurrentModificationException, 5 per throttle, only the
            // last retry's cost back on success). One client serves every SCP attachment of a
            // deployment, so with that budget these operations would fail after a few dozen.
            const ou = await aws.createOu(rootId, "Busy");
            for (let i = 0; i < 60; i++) {
                proxy.failNext("ListPoliciesForTarget", i % 2 === 0 ? CONCURRENT_MODIFICATION : TOO_MANY_REQUESTS, 3);
                assert.deepStrictEqual(await engine.read(ou), [FULL], `operation ${i + 1}`);
            }
            assert.strictEqual(proxy.calls.filter((c) => c.fault !== undefined).length, 180);
        });

        it("gives up after the configured attempts, before detaching anything", async function () {
            const ou = await aws.createOu(rootId, "Stuck");
            const allow = await aws.createScp();
            proxy.failNext("AttachPolicy", TOO_MANY_REQUESTS, 10);

            await assert.rejects(engine.apply(ou, [allow]), { name: "TooManyRequestsException" });

            assert.strictEqual(proxy.calls.filter((c) => c.operation === "AttachPolicy").length, 4);
            assert.deepStrictEqual(await aws.attached(ou), [FULL]);
        });

        it("does not retry an error that will not go away", async function () {
            const ou = await aws.createOu(rootId, "Denied");
            proxy.failNext("AttachPolicy", { code: "AccessDeniedException", message: "You don't have permissions to access this resource." }, 10);

            await assert.rejects(engine.apply(ou, [await aws.createScp()]), { name: "AccessDeniedException" });
            assert.strictEqual(proxy.calls.filter((c) => c.operation === "AttachPolicy").length, 1);
        });
    });

    describe("createOrganizationsClient", function () {
        let restoreEnvironment: (() => void) | undefined;

        afterEach(function () {
            restoreEnvironment?.();
            restoreEnvironment = undefined;
        });

        it("grows the retry delay exponentially, with jitter, up to the cap", function () {
            for (let i = 0; i < 50; i++) {
                const first = retryDelayMs(1, 100, 20_000);
                const fourth = retryDelayMs(4, 100, 20_000);
                const late = retryDelayMs(30, 100, 20_000);
                assert.ok(first >= 50 && first <= 100, `first ${first}`);
                assert.ok(fourth >= 400 && fourth <= 800, `fourth ${fourth}`);
                assert.ok(late >= 10_000 && late <= 20_000, `late ${late}`);
            }
        });

        it("uses the credentials of a named profile", async function () {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-profile-"));
            const credentialsFile = path.join(dir, "credentials");
            fs.writeFileSync(credentialsFile, "[org-admin]\naws_access_key_id = AKIAPROFILEEXAMPLE\naws_secret_access_key = secret\n");
            restoreEnvironment = setEnvironment({ AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: path.join(dir, "config") });
            try {
                const client = createOrganizationsClient({ profile: "org-admin", endpoint: moto.endpoint });
                assert.strictEqual((await client.config.credentials()).accessKeyId, "AKIAPROFILEEXAMPLE");
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("assumes `roleArn` at the same `endpoint` (no AWS_ENDPOINT_URL_STS needed) and calls Organizations as that role", async function () {
            await moto.reset();
            await new OrganizationFixture(moto.endpoint).createOrganization();
            // Only `endpoint` says where to go: STS must not be sent to AWS.
            restoreEnvironment = setEnvironment({ AWS_ENDPOINT_URL_STS: undefined, AWS_ENDPOINT_URL: undefined });
            const base = motoClientConfig(moto.endpoint);
            const client = createOrganizationsClient({
                endpoint: moto.endpoint,
                credentials: base.credentials,
                roleArn: "arn:aws:iam::123456789012:role/OrganizationAdmin",
            });

            const identity = await client.config.credentials();
            assert.notStrictEqual(identity.accessKeyId, base.credentials.accessKeyId);
            assert.ok(identity.sessionToken !== undefined && identity.expiration !== undefined, "expected temporary credentials");
            const roots = await client.send(new ListRootsCommand({}));
            assert.match(roots.Roots?.[0]?.Id ?? "", /^r-/);
        });
    });
});
