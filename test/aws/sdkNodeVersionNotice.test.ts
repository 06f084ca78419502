import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Runs `script` in a fresh Node.js process (the SDK prints its notice once per process) and
 * returns what it wrote on stderr. The script asks the SDK's own check to judge Node.js 20, so
 * the test means the same on every Node.js version.
 */
function stderrOf(script: string, env: NodeJS.ProcessEnv = {}): string {
    const run = spawnSync(process.execPath, ["-r", "@swc-node/register", "-e", script], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined, ...env },
    });
    assert.strictEqual(run.status, 0, run.stderr);
    return run.stderr;
}

const SCRIPT = `
    const { createOrganizationsClient } = require("./src/aws/organizationsClient");
    createOrganizationsClient();
    require("@aws-sdk/core/client").emitWarningIfUnsupportedVersion("v20.0.0");
    process.emitWarning("another warning");
`;

describe("the AWS SDK's Node.js version notice", function () {
    this.timeout(30_000);

    it("is not printed by a process that creates a client, while other warnings still are", () => {
        const stderr = stderrOf(SCRIPT);
        assert.doesNotMatch(stderr, /NodeVersionSupportWarning|will require node/);
        assert.match(stderr, /Warning: another warning/);
    });

    it("is printed when the user turns the SDK's switch off", () => {
        assert.match(stderrOf(SCRIPT, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "false" }), /NodeVersionSupportWarning: The AWS SDK for JavaScript \(v3\)/);
    });
});
