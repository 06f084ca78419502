import * as assert from "assert";
import { ListRootsCommand, paginateListAccounts } from "@aws-sdk/client-organizations";
import { describeAwsError } from "../../src/aws/connection";
import { ListOrganizationsFeaturesCommand } from "@aws-sdk/client-iam";
import { collectPages, commandDeadline, createOrganizationsClient, RepeatedPageTokenError, UnsupportedByEndpointError } from "../../src/aws/organizationsClient";
import { iamClient } from "../../src/aws/readLiveRootAccess";
import { FaultProxy, startFaultProxy } from "../support/faultProxy";
import { MotoServer, motoClientConfig, startMoto } from "../support/moto";
import { OrganizationFixture } from "../support/organizationFixture";

// moto always answers at once and pages correctly; the proxy in front of it leaves requests
// unanswered and rewrites page tokens, as a lost answer or a misbehaving endpoint would.
describe("AWS Organizations client: nothing waits for ever", function () {
    let moto: MotoServer;
    let proxy: FaultProxy;

    before(async function () {
        moto = await startMoto();
        proxy = await startFaultProxy(moto.endpoint);
        const aws = new OrganizationFixture(moto.endpoint);
        await aws.createOrganization();
        for (const name of ["one", "two", "three"]) await aws.createAccount(name);
    });

    afterEach(function () {
        proxy.clear();
    });

    after(async function () {
        await proxy.stop();
        await moto.stop();
    });

    /** Runs `work`, failing when it takes longer than `budgetMs`. */
    async function within<T>(budgetMs: number, work: () => Promise<T>): Promise<T> {
        const started = Date.now();
        try {
            return await work();
        } finally {
            assert.ok(Date.now() - started < budgetMs, `took ${Date.now() - started} ms, over ${budgetMs} ms`);
        }
    }

    // One unanswered request stalled `import` for over 330 s: the client had no request timeout.
    it("gives up on a request left unanswered after the request timeout, and sends it again", async function () {
        proxy.holdNext("ListRoots", 1);
        const client = createOrganizationsClient({ ...motoClientConfig(proxy.endpoint), requestTimeoutMs: 300, retryBaseDelayMs: 1 });
        const roots = await within(5000, () => client.send(new ListRootsCommand({})));
        assert.match(roots.Roots?.[0]?.Id ?? "", /^r-/);
        assert.deepStrictEqual(proxy.calls.map((c) => [c.operation, c.fault ?? "answered"]), [["ListRoots", "held"], ["ListRoots", "answered"]]);
    });

    it("stops the request in flight, and every retry, at the command's deadline", async function () {
        proxy.holdNext("ListRoots");
        const client = createOrganizationsClient({ ...motoClientConfig(proxy.endpoint), requestTimeoutMs: 200, retryBaseDelayMs: 1, deadline: commandDeadline(1000) });
        const error = await within(4000, () => client.send(new ListRootsCommand({})).then(() => undefined, (e: unknown) => e));
        assert.strictEqual((error as Error | undefined)?.name, "AbortError");
        assert.match(describeAwsError(error, "Reading the organization"), /^Reading the organization failed: AbortError: .*\(the command ran past its deadline and was stopped/);
        assert.ok(proxy.calls.length >= 2, "retried until the deadline");
    });

    // An endpoint repeating the same NextToken made every listing loop for ever.
    it("stops a listing whose page token comes back, with a clear error", async function () {
        let first: unknown;
        proxy.rewriteAnswers("ListAccounts", (answer) => {
            first ??= answer.NextToken;
            return { ...answer, NextToken: first };
        });
        const client = createOrganizationsClient({ ...motoClientConfig(proxy.endpoint), maxAttempts: 1 });
        const error = await within(5000, () => collectPages(paginateListAccounts({ client, pageSize: 1 }, {}), (p) => p.Accounts).then(() => undefined, (e: unknown) => e));
        assert.ok(error instanceof RepeatedPageTokenError, String(error));
        assert.match(describeAwsError(error, "Reading the organization"), /answered the page token `.+` a second time, so the listing would never end.*\(the listing was stopped/);
        assert.strictEqual(proxy.calls.length, 2);
    });

    // moto 5.2.1 lacks `iam:ListOrganizationsFeatures` and answers an HTML error page with HTTP
    // 500, which the SDK's standard retries asked eight times, for two seconds, at every import.
    it("asks an emulator once for an API it lacks, with the other services' clients too", async function () {
        const error = await within(1000, () => iamClient(motoClientConfig(proxy.endpoint)).send(new ListOrganizationsFeaturesCommand({})).then(() => undefined, (e: unknown) => e));
        assert.ok(error instanceof UnsupportedByEndpointError, String(error));
        assert.match(describeAwsError(error, "Reading centralized root access"), /^Reading centralized root access failed: UnsupportedByEndpointError: http:\/\/127\.0\.0\.1:\d+ answered `ListOrganizationsFeatures` with HTTP 500 and a body that is no AWS answer: it does not implement this API \(an emulator may lack some AWS APIs\), so it was not asked again/);
        assert.strictEqual(proxy.calls.length, 1);
    });

    it("follows every page of an honest listing", async function () {
        const client = createOrganizationsClient({ ...motoClientConfig(proxy.endpoint), maxAttempts: 1 });
        const accounts = await collectPages(paginateListAccounts({ client, pageSize: 1 }, {}), (p) => p.Accounts);
        assert.strictEqual(accounts.length, 4, "the management account and three members");
    });
});
