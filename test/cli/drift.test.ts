import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    AttachPolicyCommand,
    CreateAccountCommand,
    CreateOrganizationalUnitCommand,
    CreatePolicyCommand,
    DetachPolicyCommand,
    EnableAWSServiceAccessCommand,
    MoveAccountCommand,
    OrganizationsClient,
    UpdatePolicyCommand,
} from "@aws-sdk/client-organizations";
import { orgFileFromLive } from "../../src/aws/orgFileFromLive";
import { readLiveOrganization } from "../../src/aws/readLiveOrganization";
import { writeOrgFile } from "../../src/config/writeOrgFile";
import { FULL_AWS_ACCESS_ID } from "../../src/model/types";
import { BuiltOrganization, buildMotoOrganization, scp, SMALL_ORGANIZATION } from "../fixtures/brownfield/motoOrganization";
import { run as driftCommand } from "../../src/cli/drift";
import { npmRun, runAwsInProcess } from "../support/runCommand";
import { motoClientConfig, MotoServer, startMoto } from "../support/moto";
import { stopStarted } from "../support/stopStarted";
import { present } from "../support/present";

interface DriftJson {
    file: string;
    organization: string;
    drift: { kind: string; message: string; fix: string; file?: string; line?: number }[];
}

// The tests run in order: the first sees the organization as imported, the second changes it
// outside the program (and renames an account in the file) and expects every change reported.
describe("npm run drift (against moto)", function () {
    this.timeout(60_000);
    let moto: MotoServer;
    let client: OrganizationsClient;
    let built: BuiltOrganization;
    let file: string;

    before(async () => {
        moto = await startMoto();
        client = new OrganizationsClient(motoClientConfig(moto.endpoint));
        built = await buildMotoOrganization(client, SMALL_ORGANIZATION);
        file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-drift-cli-")), "prod.yaml");
        writeOrgFile(file, orgFileFromLive(await readLiveOrganization(client)));
    });

    after(async () => {
        await stopStarted(moto);
    });

    it("exits 0 and says so when the organization matches the file, without the AWS SDK's Node.js notice (a real process)", async () => {
        const result = await npmRun("drift", ["--file", file, "--endpoint", moto.endpoint], { aws: true });
        assert.strictEqual(result.status, 0, result.stderr);
        assert.match(result.stdout, new RegExp(`^No drift: .*prod.yaml matches organization ${built.id}\\.\\n$`));
        assert.doesNotMatch(result.stderr, /NodeVersionSupportWarning|will require node/);
    });

    it("exits 3 and lists every change made outside the program, grouped by kind with its fix", async () => {
        const data = present(built.ouIds.get("Data"));
        await client.send(new AttachPolicyCommand({ PolicyId: FULL_AWS_ACCESS_ID, TargetId: data }));
        await client.send(new DetachPolicyCommand({ PolicyId: present(built.policyIds.get("AllowS3")), TargetId: data }));
        await client.send(new UpdatePolicyCommand({ PolicyId: present(built.policyIds.get("DenyLeaveOrganization")), Content: JSON.stringify(scp("Deny", "organizations:*")) }));
        await client.send(new MoveAccountCommand({ AccountId: present(built.accountIds.get("warehouse")), SourceParentId: data, DestinationParentId: built.rootId }));
        await client.send(new CreateOrganizationalUnitCommand({ ParentId: built.rootId, Name: "Sandbox" }));
        await client.send(new CreateAccountCommand({ AccountName: "stray", Email: "stray@example.com" }));
        await client.send(new CreatePolicyCommand({ Name: "HandMade", Description: "", Type: "SERVICE_CONTROL_POLICY", Content: JSON.stringify(scp("Deny", "iam:*")) }));
        await client.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "config.amazonaws.com" }));
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("- name: tools\n", "- name: tools-renamed\n"));

        const json = await runAwsInProcess(driftCommand, ["--file", file, "--endpoint", moto.endpoint, "--json"]);
        assert.strictEqual(json.status, 3, json.stderr);
        const report = JSON.parse(json.stdout) as DriftJson;
        assert.strictEqual(report.organization, built.id);
        const shown = report.drift.map((d) => `${d.kind}: ${d.message}`).join("\n");
        assert.deepStrictEqual(
            report.drift.map((d) => d.kind),
            ["service-access", "ou-unmanaged", "account-unmanaged", "account-renamed", "account-moved", "scp-unmanaged", "scp-changed", "attachment-added", "attachment-removed"],
            shown,
        );
        const renamed = present(report.drift.find((d) => d.kind === "account-renamed"));
        assert.match(renamed.message, /Account `tools-renamed` \(\d{12}\) is named `tools` in AWS\./);
        assert.strictEqual(renamed.file, file);
        assert.strictEqual(typeof renamed.line, "number");

        const text = await runAwsInProcess(driftCommand, ["--file", file, "--endpoint", moto.endpoint]);
        assert.strictEqual(text.status, 3);
        assert.match(text.stdout, new RegExp(`^Drift between .*prod.yaml and organization ${built.id}: 9 differences\\.\\n`));
        assert.match(
            text.stdout,
            /\nAccounts in another OU than declared \(1\)\n {2}- Account `warehouse` is under the root in AWS, not under `Data`\.\n {4}fix: `pulumi up` moves it to `Data`; to keep it where it is, move it in the file\.\n {4}at .*prod\.yaml:\d+:\d+\n/,
        );
        assert.match(text.stdout, /\nSCPs detached outside the program \(1\)\n {2}- SCP `AllowS3` is listed for OU `Data` but not attached in AWS\./);
    });
});
