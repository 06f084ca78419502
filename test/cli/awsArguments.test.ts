import * as assert from "assert";
import { awsClientOptions } from "../../src/cli/awsArguments";
import { ArgumentError } from "../../src/cli/exitStatus";
import { run as drift } from "../../src/cli/drift";
import { run as importCommand } from "../../src/cli/import";
import { run as invite } from "../../src/cli/invite";
import { FaultProxy, startFaultProxy } from "../support/faultProxy";
import { MotoServer, startMoto } from "../support/moto";
import { runAwsInProcess } from "../support/runCommand";
import { stopStarted } from "../support/stopStarted";

describe("AWS options of import, drift and invite", function () {
    this.timeout(60_000);

    describe("reading the values", function () {
        it("turns seconds into milliseconds and gives every client a deadline", function () {
            const options = awsClientOptions({ "request-timeout": "2.5", deadline: "90", endpoint: "http://127.0.0.1:5000", profile: "mgmt" });
            assert.strictEqual(options.requestTimeoutMs, 2500);
            assert.strictEqual(options.endpoint, "http://127.0.0.1:5000");
            assert.strictEqual(options.profile, "mgmt");
            assert.ok(options.deadline instanceof AbortSignal && !options.deadline.aborted);
            assert.strictEqual(awsClientOptions({}).requestTimeoutMs, 30_000);
        });

        for (const [flag, value, message] of [
            ["request-timeout", "soon", /`--request-timeout soon` is not a number of seconds; give a positive number, like `--request-timeout 30`/],
            ["request-timeout", "0", /`--request-timeout 0` is not a number of seconds/],
            ["deadline", "-5", /`--deadline -5` is not a number of seconds; give a positive number, like `--deadline 1800`/],
            ["deadline", "", /`--deadline ` is not a number of seconds/],
            ["endpoint", "notaurl", /`--endpoint notaurl` is not an http\(s\) URL; write it like `https:\/\/organizations.us-east-1.amazonaws.com` or `http:\/\/127.0.0.1:5000`/],
            ["endpoint", "ftp://example.com", /`--endpoint ftp:\/\/example.com` is not an http\(s\) URL/],
        ] as const) {
            it(`refuses --${flag} ${JSON.stringify(value)} as a usage error`, function () {
                assert.throws(() => awsClientOptions({ [flag]: value }), (e: unknown) => e instanceof ArgumentError && message.test(e.message));
            });
        }

        it("is a usage error of every AWS command (exit 64, before AWS is called)", async function () {
            for (const [command, args] of [
                [drift, ["--stack", "dev"]],
                [invite, ["--stack", "dev"]],
                [importCommand, ["--out", "never-written.yaml"]],
            ] as const) {
                const result = await runAwsInProcess(command, [...args, "--endpoint", "notaurl"]);
                assert.strictEqual(result.status, 64, result.stderr);
                assert.match(result.stderr, /`--endpoint notaurl` is not an http\(s\) URL/);
            }
        });
    });

    describe("against an endpoint that never answers (moto behind a proxy that holds every call)", function () {
        let moto: MotoServer;
        let proxy: FaultProxy;

        before(async () => {
            moto = await startMoto();
            proxy = await startFaultProxy(moto.endpoint);
        });

        after(async () => {
            await stopStarted(proxy, moto);
        });

        it("stops at --deadline with exit 4 and says so, instead of waiting for ever", async function () {
            proxy.holdNext("DescribeOrganization");
            const started = Date.now();
            const result = await runAwsInProcess(drift, ["--stack", "dev", "--endpoint", proxy.endpoint, "--deadline", "1.5", "--json"]);
            const elapsed = Date.now() - started;
            assert.strictEqual(result.status, 4, result.stderr);
            assert.ok(elapsed < 15_000, `took ${elapsed} ms`);
            const { errors } = JSON.parse(result.stdout) as { errors: { message: string }[] };
            assert.match(errors[0]?.message ?? "", /Reading the organization failed: .*the command ran past its deadline and was stopped; run it again, or give it more time/);
        });
    });
});
