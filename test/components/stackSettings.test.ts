import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { programLoadOptions } from "../../components/stackSettings";
import { loadOrgFile } from "../../src/config/loadOrgFile";
import { run as effective } from "../../src/cli/effective";
import { writeOrgFiles } from "../support/orgFiles";
import { PROJECT_DIR, runInProcess } from "../support/runCommand";

describe("where the program and the commands may read a stack's org file", function () {
    it("under a Pulumi engine, only inside the project: a stack config cannot point a preview at any file", function () {
        const outside = writeOrgFiles("organization: {}\nroot: {}\n");
        assert.deepStrictEqual(loadOrgFile(outside, programLoadOptions(true)).diagnostics.map((d) => d.code), ["file-outside-project"]);
        // Without an engine (the offline plan, tests), the command has read the file the user named already.
        assert.deepStrictEqual(loadOrgFile(outside, programLoadOptions(false)).diagnostics, []);
        assert.deepStrictEqual(loadOrgFile(path.join(PROJECT_DIR, "config", "dev.yaml"), programLoadOptions(true)).diagnostics, []);
    });

    it("with --stack, a command refuses an `aws-org:orgFile` outside the project, at that line of Pulumi.<stack>.yaml", async function () {
        const stack = `outside-${process.pid}`;
        const stackConfig = path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`);
        fs.writeFileSync(stackConfig, "config:\n  aws:region: us-east-1\n  aws-org:orgFile: /proc/self/environ\n");
        try {
            const result = await runInProcess(effective, ["--stack", stack, "--action", "s3:GetObject", "--json"]);
            assert.strictEqual(result.status, 1, result.stderr);
            const { errors } = JSON.parse(result.stdout) as { errors: { file: string; line: number; column: number; message: string }[] };
            assert.deepStrictEqual(errors.map((e) => [path.basename(e.file), e.line, e.column]), [[`Pulumi.${stack}.yaml`, 3, 20]]);
            assert.match(errors[0]?.message ?? "", /outside the project/);
            assert.ok(!result.stdout.includes("PATH=") && !result.stderr.includes("PATH="), "the environment is never quoted");
        } finally {
            fs.rmSync(stackConfig, { force: true });
        }
    });
});
