import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CreateAccountCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { loadOrgFile } from "../../src/config/loadOrgFile";
import { BuiltOrganization, buildMotoOrganization, SMALL_ORGANIZATION } from "../fixtures/brownfield/motoOrganization";
import { run as importCommand } from "../../src/cli/import";
import { npmRun, runAwsInProcess } from "../support/runCommand";
import { motoClientConfig, MotoServer, startMoto } from "../support/moto";
import { modelOf } from "../support/orgFiles";
import { stopStarted } from "../support/stopStarted";

function outFile(): string {
    return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-import-cli-")), "config", "prod.yaml");
}

describe("npm run import (against moto)", function () {
    this.timeout(60_000);
    let moto: MotoServer;
    let client: OrganizationsClient;
    let built: BuiltOrganization;

    before(async () => {
        moto = await startMoto();
        client = new OrganizationsClient(motoClientConfig(moto.endpoint));
        built = await buildMotoOrganization(client, SMALL_ORGANIZATION);
    });

    after(async () => {
        await stopStarted(moto);
    });

    it("writes an org file and its policy files that load without errors (a real process)", async () => {
        const out = outFile();
        const result = await npmRun("import", ["--out", out, "--endpoint", moto.endpoint], { aws: true });
        assert.strictEqual(result.status, 0, result.stderr);
        assert.match(result.stdout, new RegExp(`Wrote .*prod.yaml from organization ${built.id}: 1 OUs, 4 accounts, 2 SCPs\\.`));
        assert.match(result.stdout, /Wrote .*policies\/allow-s3.json\nWrote .*policies\/deny-leave-organization.json/);
        const loaded = loadOrgFile(out);
        assert.deepStrictEqual(loaded.diagnostics, []);
        assert.deepStrictEqual(modelOf(loaded).allAccounts.map((a) => [a.name, a.id]).sort(), [
            ["lake", built.accountIds.get("lake")],
            ["master", built.managementAccountId],
            ["tools", built.accountIds.get("tools")],
            ["warehouse", built.accountIds.get("warehouse")],
        ]);
    });

    it("refuses to overwrite an existing file without --force, and overwrites it with --force", async () => {
        const out = outFile();
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, "# mine\n");
        const refused = await runAwsInProcess(importCommand, ["--out", out, "--endpoint", moto.endpoint]);
        assert.strictEqual(refused.status, 64);
        assert.match(refused.stderr, /`.*prod.yaml` exists already; pass --force to overwrite it/);
        assert.strictEqual(fs.readFileSync(out, "utf8"), "# mine\n");

        const forced = await runAwsInProcess(importCommand, ["--out", out, "--endpoint", moto.endpoint, "--force", "--json"]);
        assert.strictEqual(forced.status, 0, forced.stderr);
        const summary = JSON.parse(forced.stdout) as Record<string, unknown>;
        assert.deepStrictEqual(
            [summary.file, summary.organization, summary.organizationalUnits, summary.accounts, summary.policies, summary.errors],
            [out, { id: built.id, rootId: built.rootId, managementAccountId: built.managementAccountId }, 1, 4, 2, []],
        );
        assert.match(fs.readFileSync(out, "utf8"), /^# Imported from a live AWS organization/);
    });

    it("with --force, refuses (writing nothing) to change a policy file that another org file beside it uses, naming where; an unchanged one is fine", async () => {
        const out = outFile();
        const dir = path.dirname(out);
        const first = await runAwsInProcess(importCommand, ["--out", out, "--endpoint", moto.endpoint]);
        assert.strictEqual(first.status, 0, first.stderr);
        // The dev stack's file shares the imported deny-leave SCP file, as config/dev.yaml and config/prod.yaml do.
        const dev = path.join(dir, "dev.yaml");
        fs.writeFileSync(dev, "organization: {}\npolicies:\n  DenyLeave:\n    file: policies/deny-leave-organization.json\nroot: { policies: [FullAWSAccess, DenyLeave] }\n");
        const again = await runAwsInProcess(importCommand, ["--out", out, "--endpoint", moto.endpoint, "--force"]);
        assert.strictEqual(again.status, 0, "the same content changes nothing for dev.yaml");

        const shared = path.join(dir, "policies", "deny-leave-organization.json");
        const devVersion = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*","Sid":"DevOnly"}]}\n';
        fs.writeFileSync(shared, devVersion);
        const before = fs.readFileSync(out, "utf8");
        const refused = await runAwsInProcess(importCommand, ["--out", out, "--endpoint", moto.endpoint, "--force"]);
        assert.strictEqual(refused.status, 64);
        assert.match(refused.stderr, /^Nothing was written: --force would change SCP files that another org file uses too, and so that stack's SCPs:\n {2}.*policies\/deny-leave-organization\.json is the SCP `DenyLeave` of .*dev\.yaml:4:11\nImport into another folder \(`--out imported\/prod\.yaml`\) and compare, or give the other file its own copies first\./);
        assert.strictEqual(fs.readFileSync(shared, "utf8"), devVersion);
        assert.strictEqual(fs.readFileSync(out, "utf8"), before);
    });

    it("requires --out", async () => {
        const result = await runAwsInProcess(importCommand, ["--endpoint", moto.endpoint]);
        assert.strictEqual(result.status, 64);
        assert.match(result.stderr, /^--out is required\.\n\nUsage: npm run import/);
    });

    it("still writes the file when the live organization breaks a rule, and lists the problems", async () => {
        // AWS allows two accounts with the same name; the org file addresses accounts by name.
        await client.send(new CreateAccountCommand({ AccountName: "lake", Email: "lake-2@example.com" }));
        const out = outFile();
        const result = await runAwsInProcess(importCommand, ["--out", out, "--endpoint", moto.endpoint]);
        assert.strictEqual(result.status, 1);
        assert.ok(fs.existsSync(out));
        assert.match(result.stderr, /The file is written, but the live organization breaks rules that the loader enforces; fix these before `pulumi up`:/);
        assert.match(result.stderr, /prod.yaml:\d+:\d+: Account name `lake` is already used at line \d+, column \d+; each needs its own. \[error\/duplicate-account-name\]/);
    });

    it("writes nothing and exits 73 when the files cannot be written", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-import-cli-"));
        // A folder cannot be made inside a regular file, whoever runs the test.
        fs.writeFileSync(path.join(dir, "config"), "a file, not a folder\n");
        const out = path.join(dir, "config", "prod.yaml");
        const result = await runAwsInProcess(importCommand, ["--out", out, "--endpoint", moto.endpoint]);
        assert.strictEqual(result.status, 73, result.stderr);
        assert.match(result.stderr, /Nothing was written: /);
        assert.deepStrictEqual(fs.readdirSync(dir), ["config"]);
        assert.strictEqual(fs.readFileSync(path.join(dir, "config"), "utf8"), "a file, not a folder\n");
    });

    it("says which AWS call failed and what to do (exit 4)", async () => {
        await moto.reset();
        const result = await runAwsInProcess(importCommand, ["--out", outFile(), "--endpoint", moto.endpoint]);
        assert.strictEqual(result.status, 4);
        assert.match(result.stderr, /Reading the organization failed: AWSOrganizationsNotInUseException: .*\(these credentials belong to an account outside any organization; use the management account's credentials\)/);
        assert.strictEqual(result.stdout, "");

        const json = await runAwsInProcess(importCommand, ["--out", outFile(), "--endpoint", moto.endpoint, "--json"]);
        assert.strictEqual(json.status, 4);
        const { errors } = JSON.parse(json.stdout) as { errors: { message: string }[] };
        assert.deepStrictEqual(errors.map((e) => e.message.split(":")[0]), ["Reading the organization failed"]);
    });
});
