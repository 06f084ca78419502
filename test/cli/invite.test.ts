// moto does not emulate handshakes (invitations): the command talks to a loopback server that
// answers from recorded AWS responses (test/fixtures/brownfield/recordedResponses.ts), except
// in the last test, which checks what the command says when an emulator lacks them.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { accountsPage, handshake, ok, ORG_ID, RecordedTable, startReplayServer } from "../fixtures/brownfield/recordedResponses";
import { run as inviteCommand } from "../../src/cli/invite";
import { DescribeOrganizationCommand } from "@aws-sdk/client-organizations";
import { MotoServer, startMoto } from "../support/moto";
import { OrganizationFixture } from "../support/organizationFixture";
import { npmRun, runAwsInProcess } from "../support/runCommand";
import { stopStarted } from "../support/stopStarted";
import { present } from "../support/present";

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600 * 1000);

const ORG = `organization:
  id: ${ORG_ID}
  managementAccountId: "111111111111"
root: {}
accounts:
  - name: management
    email: management@example.com
    id: "111111111111"
  - name: pending
    email: pending@example.com
    id: "333333333333"
    invite: true
  - name: newcomer
    email: newcomer@example.com
    id: "444444444444"
    invite: true
`;

function orgFile(text = ORG): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-invite-cli-")), "prod.yaml");
    fs.writeFileSync(file, text);
    return file;
}

function table(): RecordedTable {
    return {
        DescribeOrganization: [ok({ Organization: { Id: ORG_ID, FeatureSet: "ALL", MasterAccountId: "111111111111" } })],
        ListAccounts: [accountsPage(["111111111111"])],
        ListHandshakesForOrganization: [
            ok({
                Handshakes: [
                    handshake("h-pending0001", "333333333333", "OPEN", hoursAgo(3)),
                    handshake("h-stale000001", "777777777777", "OPEN", hoursAgo(2)),
                ],
            }),
        ],
        InviteAccountToOrganization: [ok({ Handshake: handshake("h-new0000001", "444444444444", "REQUESTED", new Date()) })],
        CancelHandshake: [ok({ Handshake: handshake("h-stale000001", "777777777777", "CANCELED", hoursAgo(2)) })],
    };
}

describe("npm run invite (recorded AWS responses)", function () {
    this.timeout(60_000);

    it("invites, reports each invitation's state, and lists an open invitation to an undeclared account without canceling it (a real process)", async () => {
        const server = await startReplayServer(table());
        try {
            const result = await npmRun("invite", ["--file", orgFile(), "--endpoint", server.endpoint], { aws: true });
            assert.strictEqual(result.status, 0, result.stderr);
            const lines = result.stdout.trimEnd().split("\n");
            assert.strictEqual(lines[0], `Invitations for organization ${ORG_ID}: 2 sent in the last 24 hours, limit 20.`);
            assert.match(present(lines[1]), /^ {2}- pending \(333333333333\): invitation h-pending0001 is OPEN since \S+Z, expires \S+Z; waiting for the account's owner to accept it\.$/);
            assert.strictEqual(lines[2], "  - newcomer (444444444444): invited: invitation h-new0000001 is REQUESTED.");
            assert.strictEqual(
                lines[3],
                "  - invitation h-stale000001 to 777777777777 is OPEN, but the file does not declare this account: left as it is; declare the account, or cancel the invitation with --cancel-undeclared.",
            );
            assert.deepStrictEqual(server.sent.find((s) => s.operation === "InviteAccountToOrganization")?.body, { Target: { Type: "ACCOUNT", Id: "444444444444" } });
            assert.ok(!server.sent.some((s) => s.operation === "CancelHandshake"), "nothing is canceled without --cancel-undeclared");
        } finally {
            await server.close();
        }
    });

    it("with --cancel-undeclared, cancels the open invitations to accounts the file does not declare", async () => {
        const server = await startReplayServer(table());
        try {
            const result = await runAwsInProcess(inviteCommand, ["--file", orgFile(), "--endpoint", server.endpoint, "--cancel-undeclared"]);
            assert.strictEqual(result.status, 0, result.stderr);
            assert.strictEqual(result.stdout.trimEnd().split("\n")[3], "  - canceled invitation h-stale000001 to 777777777777: the file does not declare it (now CANCELED).");
            assert.deepStrictEqual(server.sent.filter((s) => s.operation === "CancelHandshake").map((s) => s.body), [{ HandshakeId: "h-stale000001" }]);
        } finally {
            await server.close();
        }
    });

    it("with --dry-run --json, prints one JSON document and sends nothing", async () => {
        const server = await startReplayServer(table());
        try {
            const result = await runAwsInProcess(inviteCommand, ["--file", orgFile(), "--endpoint", server.endpoint, "--dry-run", "--json"]);
            assert.strictEqual(result.status, 0, result.stderr);
            const report = JSON.parse(result.stdout) as {
                dryRun: boolean;
                accounts: { name: string; status: string }[];
                undeclared: { id: string; state: string }[];
                canceled: { id: string; state: string }[];
            };
            assert.strictEqual(report.dryRun, true);
            assert.deepStrictEqual(report.accounts.map((a) => [a.name, a.status]), [["pending", "pending"], ["newcomer", "invited"]]);
            assert.deepStrictEqual(report.undeclared.map((h) => [h.id, h.state]), [["h-stale000001", "OPEN"]]);
            assert.deepStrictEqual(report.canceled, []);
            assert.deepStrictEqual(server.sent.map((s) => s.operation), ["DescribeOrganization", "ListAccounts", "ListHandshakesForOrganization"]);
        } finally {
            await server.close();
        }
    });

    it("refuses credentials of another organization than the file adopts", async () => {
        const recorded = table();
        recorded.DescribeOrganization = [ok({ Organization: { Id: "o-otherorg000", FeatureSet: "ALL", MasterAccountId: "999999999999" } })];
        const server = await startReplayServer(recorded);
        try {
            const result = await runAwsInProcess(inviteCommand, ["--file", orgFile(), "--endpoint", server.endpoint]);
            assert.strictEqual(result.status, 1);
            assert.match(result.stderr, /The file adopts organization `o-exampleorgid`, but these credentials reach `o-otherorg000`/);
            assert.deepStrictEqual(server.sent.map((s) => s.operation), ["DescribeOrganization"]);
        } finally {
            await server.close();
        }
    });

    it("rejects a --daily-limit that is not a whole number", async () => {
        const result = await runAwsInProcess(inviteCommand, ["--file", orgFile(), "--daily-limit", "many"]);
        assert.strictEqual(result.status, 64);
        assert.match(result.stderr, /^--daily-limit must be a whole number, got `many`\./);
    });
});

// Against moto itself: it emulates no handshakes, which is the case under test.
describe("npm run invite against an emulator without handshakes (moto)", function () {
    let moto: MotoServer | undefined;
    before(async () => {
        moto = await startMoto();
    });
    after(() => stopStarted(moto));

    it("fails at once with exit 4, naming the call the endpoint lacks, instead of retrying for 40 s into a parser's error", async () => {
        const server = present(moto);
        const fixture = new OrganizationFixture(server.endpoint);
        await fixture.createOrganization();
        const organization = present((await fixture.client.send(new DescribeOrganizationCommand({}))).Organization);
        const file = orgFile(`organization:\n  id: ${String(organization.Id)}\n  managementAccountId: "${String(organization.MasterAccountId)}"\nroot: { policies: [FullAWSAccess] }\naccounts:\n  - { name: newcomer, email: newcomer@example.com, id: "444444444444", invite: true }\n`);
        const started = Date.now();
        const result = await runAwsInProcess(inviteCommand, ["--file", file, "--endpoint", server.endpoint]);
        assert.ok(Date.now() - started < 10_000, `took ${String(Date.now() - started)} ms`);
        assert.strictEqual(result.status, 4);
        assert.match(result.stderr, /^Inviting accounts failed: UnsupportedByEndpointError: http:\/\/127\.0\.0\.1:\d+ answered `ListHandshakesForOrganization` with HTTP 500 and a body that is no AWS answer: it does not implement this API \(an emulator may lack some AWS APIs\), so it was not asked again \(run the command against AWS, or against an emulator that implements the call\)\n$/m);
        assert.doesNotMatch(result.stderr, /Deserialization error|SyntaxError/);
    });
});
