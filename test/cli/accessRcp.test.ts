import * as assert from "assert";
import { run as accessCommand } from "../../src/cli/access";
import { runInProcess } from "../support/runCommand";

describe("npm run access with RCPs", () => {
    it("denies a developer's TLS-less S3 read in a HIPAA account by the data-perimeter RCP, and allows it over TLS", async () => {
        const args = ["--stack", "prod", "--group", "developers", "--target", "patient-records-dev", "--action", "s3:GetObject", "--json"];
        const plain = await runInProcess(accessCommand, [...args, "--context", "aws:SecureTransport=false"]);
        assert.strictEqual(plain.status, 0, plain.stderr);
        const [denied] = (JSON.parse(plain.stdout) as { results: { decision: string; decidedBy?: unknown }[] }).results;
        assert.deepStrictEqual([denied?.decision, denied?.decidedBy], ["ExplicitlyDenied", { level: "HIPAA", policyType: "RCP", policy: "HipaaDataPerimeter", statement: "EnforceSecureTransport" }]);
        const tls = await runInProcess(accessCommand, [...args, "--context", "aws:SecureTransport=true"]);
        const [allowed] = (JSON.parse(tls.stdout) as { results: { decision: string }[] }).results;
        assert.strictEqual(allowed?.decision, "Allowed");
    });
});
