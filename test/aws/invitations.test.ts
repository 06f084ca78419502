// moto does not emulate handshakes (invitations), so these tests answer the SDK from recorded
// responses inside its own middleware stack (test/fixtures/brownfield/recordedResponses.ts):
// the real serializers build each request and the real deserializers parse each answer.
import * as assert from "assert";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { InvitationHandshake, planInvitations, runInvitations } from "../../src/aws/invitations";
import { OrgModel } from "../../src/model/types";
import { createOrganizationsClient } from "../../src/aws/organizationsClient";
import { accountsPage, awsError, handshake, lost, ok, RecordedTable, replayThroughMiddleware, SentRequest, startReplayServer } from "../fixtures/brownfield/recordedResponses";
import { motoClientConfig } from "../support/moto";
import { loadYaml, yaml } from "../support/orgFiles";
import { present } from "../support/present";

const NOW = new Date("2026-03-10T12:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600 * 1000);

const ORG = yaml`
    organization:
      id: o-exampleorgid
      managementAccountId: "111111111111"
    accounts:
      - name: management
        email: management@example.com
        id: "111111111111"
      - name: joined
        email: joined@example.com
        id: "222222222222"
        invite: true
      - name: pending
        email: pending@example.com
        id: "333333333333"
        invite: true
      - name: newcomer
        email: newcomer@example.com
        id: "444444444444"
        invite: true
      - name: declined-once
        email: declined-once@example.com
        id: "555555555555"
        invite: true
      - name: created-here
        email: created-here@example.com
`;

function load(): OrgModel {
    const result = loadYaml(ORG);
    assert.ok(result.model, result.diagnostics.map((d) => d.message).join("\n"));
    return result.model;
}

/** A client answered from `table`; the endpoint is never contacted. */
function recordedClient(table: RecordedTable): { client: OrganizationsClient; sent: SentRequest[] } {
    const client = new OrganizationsClient({ ...motoClientConfig("http://127.0.0.1:9"), maxAttempts: 1 });
    return { client, sent: replayThroughMiddleware(client, table) };
}

function standardTable(): RecordedTable {
    return {
        ListAccounts: [accountsPage(["111111111111", "222222222222"])],
        ListHandshakesForOrganization: [
            ok({ Handshakes: [handshake("h-pending0001", "333333333333", "OPEN", hoursAgo(30))], NextToken: "page-2" }),
            ok({
                Handshakes: [
                    handshake("h-declined001", "555555555555", "DECLINED", hoursAgo(72)),
                    handshake("h-stale000001", "777777777777", "OPEN", hoursAgo(2)),
                    handshake("h-joined00001", "222222222222", "ACCEPTED", hoursAgo(20)),
                ],
            }),
        ],
        InviteAccountToOrganization: [ok({ Handshake: handshake("h-new0000001", "444444444444", "REQUESTED", NOW) }), ok({ Handshake: handshake("h-new0000002", "555555555555", "OPEN", NOW) })],
        CancelHandshake: [ok({ Handshake: handshake("h-stale000001", "777777777777", "CANCELED", hoursAgo(2)) })],
    };
}

describe("invitations: existing accounts declared with `invite: true`", () => {
    it("invites accounts that are neither members nor invited, with Target type ACCOUNT, following every page", async () => {
        const { client, sent } = recordedClient(standardTable());
        const report = await runInvitations(client, load(), { now: NOW });
        assert.deepStrictEqual(
            sent.filter((s) => s.operation === "InviteAccountToOrganization").map((s) => s.body),
            [{ Target: { Type: "ACCOUNT", Id: "444444444444" } }, { Target: { Type: "ACCOUNT", Id: "555555555555" } }],
        );
        assert.deepStrictEqual(sent.filter((s) => s.operation === "ListHandshakesForOrganization").map((s) => s.body), [
            { Filter: { ActionType: "INVITE" } },
            { Filter: { ActionType: "INVITE" }, NextToken: "page-2" },
        ]);
        const summary = report.outcomes.map((o) => [o.account.name, o.kind, "handshake" in o ? `${o.handshake?.id}:${o.handshake?.state}` : ""]);
        assert.deepStrictEqual(summary, [
            ["joined", "member", ""],
            ["pending", "pending", "h-pending0001:OPEN"],
            ["newcomer", "invited", "h-new0000001:REQUESTED"],
            ["declined-once", "invited", "h-new0000002:OPEN"],
        ]);
        const declined = present(report.outcomes[3]);
        assert.ok(declined.kind === "invited" && declined.previous?.state === "DECLINED", "the previous, declined invitation is reported");
        assert.strictEqual(report.sentLast24h, 2, "invitations requested in the last 24 hours, whatever their state; not the one of 30 hours ago");
    });

    it("only reports open invitations to accounts the file does not declare, by default", async () => {
        const { client, sent } = recordedClient(standardTable());
        const report = await runInvitations(client, load(), { now: NOW });
        assert.deepStrictEqual(sent.filter((s) => s.operation === "CancelHandshake"), []);
        assert.deepStrictEqual(report.undeclared.map((h) => [h.id, h.accountId, h.state]), [["h-stale000001", "777777777777", "OPEN"]]);
        assert.deepStrictEqual(report.canceled, []);
    });

    it("with `cancelUndeclared`, cancels them and reports their new state", async () => {
        const { client, sent } = recordedClient(standardTable());
        const report = await runInvitations(client, load(), { now: NOW, cancelUndeclared: true });
        assert.deepStrictEqual(sent.filter((s) => s.operation === "CancelHandshake").map((s) => s.body), [{ HandshakeId: "h-stale000001" }]);
        assert.deepStrictEqual(report.canceled.map((h) => [h.id, h.accountId, h.state]), [["h-stale000001", "777777777777", "CANCELED"]]);
        assert.deepStrictEqual(report.undeclared, []);
    });

    it("is idempotent: a second run finds the open invitations and sends nothing", async () => {
        const table = standardTable();
        table.ListHandshakesForOrganization = [
            ok({
                Handshakes: [
                    handshake("h-pending0001", "333333333333", "OPEN", hoursAgo(30)),
                    handshake("h-new0000001", "444444444444", "REQUESTED", hoursAgo(1)),
                    handshake("h-new0000002", "555555555555", "OPEN", hoursAgo(1)),
                    handshake("h-stale000001", "777777777777", "CANCELED", hoursAgo(2)),
                ],
            }),
        ];
        const { client, sent } = recordedClient(table);
        const report = await runInvitations(client, load(), { now: NOW });
        assert.deepStrictEqual(sent.map((s) => s.operation), ["ListAccounts", "ListHandshakesForOrganization"]);
        assert.deepStrictEqual(report.outcomes.map((o) => o.kind), ["member", "pending", "pending", "pending"]);
        assert.deepStrictEqual(report.canceled, []);
    });

    it("with --dry-run, reads but neither invites nor cancels", async () => {
        const { client, sent } = recordedClient(standardTable());
        const report = await runInvitations(client, load(), { now: NOW, dryRun: true, cancelUndeclared: true });
        assert.deepStrictEqual(sent.map((s) => s.operation), ["ListAccounts", "ListHandshakesForOrganization", "ListHandshakesForOrganization"]);
        assert.deepStrictEqual(report.outcomes.map((o) => o.kind), ["member", "pending", "invited", "invited"]);
        assert.deepStrictEqual(report.canceled.map((h) => [h.id, h.state]), [["h-stale000001", "OPEN"]]);
    });

    it("sends at most what remains of the 20 per day and says when the rest can go", async () => {
        const table = standardTable();
        const recent = Array.from({ length: 19 }, (_, i) => handshake(`h-recent${String(i).padStart(5, "0")}`, `9000000000${String(i).padStart(2, "0")}`, "ACCEPTED", hoursAgo(23 - i)));
        table.ListAccounts = [accountsPage(["111111111111", "222222222222", ...recent.map((_, i) => `9000000000${String(i).padStart(2, "0")}`)])];
        table.ListHandshakesForOrganization = [ok({ Handshakes: [handshake("h-old00000001", "888888888888", "EXPIRED", hoursAgo(25)), ...recent] })];
        const { client, sent } = recordedClient(table);
        const report = await runInvitations(client, load(), { now: NOW });
        assert.strictEqual(report.sentLast24h, 19, "an invitation of 25 hours ago no longer counts");
        assert.strictEqual(sent.filter((s) => s.operation === "InviteAccountToOrganization").length, 1);
        assert.deepStrictEqual(
            report.outcomes.map((o) => [o.account.name, o.kind, o.kind === "waiting" ? o.availableAt?.toISOString() : ""]),
            [
                ["joined", "member", ""],
                ["pending", "invited", ""],
                // When the oldest, then the second oldest invitation of the window is 24 hours old.
                ["newcomer", "waiting", "2026-03-10T13:00:00.000Z"],
                ["declined-once", "waiting", "2026-03-10T14:00:00.000Z"],
            ],
        );
    });

    it("reports an invitation AWS refuses, with its reason, and goes on with the others", async () => {
        const table = standardTable();
        table.InviteAccountToOrganization = [
            awsError("HandshakeConstraintViolationException", "The account is already a member of an organization.", { Reason: "ALREADY_IN_AN_ORGANIZATION" }),
            ok({ Handshake: handshake("h-new0000002", "555555555555", "OPEN", NOW) }),
        ];
        const { client } = recordedClient(table);
        const report = await runInvitations(client, load(), { now: NOW });
        const failed = report.outcomes.find((o) => o.account.name === "newcomer");
        assert.ok(failed?.kind === "failed");
        assert.match(failed.error, /^HandshakeConstraintViolationException \(ALREADY_IN_AN_ORGANIZATION\): The account is already a member/);
        assert.strictEqual(report.outcomes.find((o) => o.account.name === "declined-once")?.kind, "invited");
    });
});

describe("invitations: an answer lost on the way", () => {
    const duplicate = () => awsError("DuplicateHandshakeException", "A handshake with the same action and target already exists.");
    const afterwards = () => ok({ Handshakes: [handshake("h-new0000001", "444444444444", "OPEN", NOW), handshake("h-declined001", "555555555555", "DECLINED", hoursAgo(72))] });

    /** Runs the invitations against the table served over HTTP, through the real client with a short request timeout. */
    async function overHttp(table: RecordedTable) {
        const server = await startReplayServer(table);
        try {
            const client = createOrganizationsClient({ ...motoClientConfig(server.endpoint), requestTimeoutMs: 300, retryBaseDelayMs: 10 });
            return { report: await runInvitations(client, load(), { now: NOW }), sent: server.sent };
        } finally {
            await server.close();
        }
    }

    // The SDK retried an invitation whose first answer never came; AWS had sent it and refused the retry as a duplicate.
    it("takes `DuplicateHandshakeException` after a retry as the invitation it is, and reports the open handshake", async () => {
        const table = standardTable();
        table.InviteAccountToOrganization = [lost(), duplicate(), ok({ Handshake: handshake("h-new0000002", "555555555555", "OPEN", NOW) })];
        table.ListHandshakesForOrganization?.push(afterwards());
        const { report, sent } = await overHttp(table);
        assert.deepStrictEqual(
            sent.filter((s) => s.operation !== "ListAccounts").map((s) => [s.operation, s.body.Target ?? s.body.NextToken ?? ""]),
            [
                ["ListHandshakesForOrganization", ""],
                ["ListHandshakesForOrganization", "page-2"],
                ["InviteAccountToOrganization", { Type: "ACCOUNT", Id: "444444444444" }],
                ["InviteAccountToOrganization", { Type: "ACCOUNT", Id: "444444444444" }],
                ["ListHandshakesForOrganization", ""],
                ["InviteAccountToOrganization", { Type: "ACCOUNT", Id: "555555555555" }],
            ],
        );
        const newcomer = report.outcomes.find((o) => o.account.name === "newcomer");
        assert.ok(newcomer?.kind === "invited", JSON.stringify(newcomer));
        assert.deepStrictEqual([newcomer.handshake?.id, newcomer.handshake?.state], ["h-new0000001", "OPEN"]);
    });

    it("on a first attempt, reports the invitation someone else sent meanwhile as pending", async () => {
        const table = standardTable();
        table.InviteAccountToOrganization = [duplicate(), ok({ Handshake: handshake("h-new0000002", "555555555555", "OPEN", NOW) })];
        table.ListHandshakesForOrganization?.push(afterwards());
        const { report } = await overHttp(table);
        assert.deepStrictEqual(report.outcomes.map((o) => [o.account.name, o.kind]), [["joined", "member"], ["pending", "pending"], ["newcomer", "pending"], ["declined-once", "invited"]]);
    });

    it("reports a duplicate it cannot find among the open invitations as a failure", async () => {
        const table = standardTable();
        table.InviteAccountToOrganization = [duplicate(), ok({ Handshake: handshake("h-new0000002", "555555555555", "OPEN", NOW) })];
        table.ListHandshakesForOrganization?.push(ok({ Handshakes: [] }));
        const { report } = await overHttp(table);
        const newcomer = report.outcomes.find((o) => o.account.name === "newcomer");
        assert.ok(newcomer?.kind === "failed");
        assert.match(newcomer.error, /^DuplicateHandshakeException: A handshake with the same action and target already exists\./);
    });
});

describe("planInvitations: the daily quota", () => {
    const model = load();
    const h = (id: string, accountId: string, state: string, requested: Date): InvitationHandshake => ({ id, accountId, state, requested });

    it("gives each waiting account the time its slot frees, oldest first", () => {
        const recent = [h("h-a", "900000000001", "ACCEPTED", hoursAgo(5)), h("h-b", "900000000002", "CANCELED", hoursAgo(10))];
        const plan = planInvitations(model, new Set(["222222222222"]), recent, NOW, 2);
        assert.deepStrictEqual(
            plan.steps.map((s) => [s.account.name, s.kind, s.kind === "waiting" ? s.availableAt?.toISOString() : ""]),
            [
                ["joined", "member", ""],
                ["pending", "waiting", "2026-03-11T02:00:00.000Z"],
                ["newcomer", "waiting", "2026-03-11T07:00:00.000Z"],
                ["declined-once", "waiting", undefined],
            ],
        );
    });

    it("when more were sent than the limit, waits for the invitations over the limit to turn 24 hours old first", () => {
        // A lower --daily-limit than what was sent: 3 in the window, limit 2. The first slot frees
        // when 2 invitations have aged out (the second oldest), not when the oldest has.
        const recent = [h("h-a", "900000000001", "ACCEPTED", hoursAgo(5)), h("h-b", "900000000002", "CANCELED", hoursAgo(10)), h("h-c", "900000000003", "ACCEPTED", hoursAgo(20))];
        const plan = planInvitations(model, new Set(["222222222222"]), recent, NOW, 2);
        assert.deepStrictEqual(
            plan.steps.map((s) => [s.account.name, s.kind, s.kind === "waiting" ? s.availableAt?.toISOString() : ""]),
            [
                ["joined", "member", ""],
                ["pending", "waiting", "2026-03-11T02:00:00.000Z"],
                ["newcomer", "waiting", "2026-03-11T07:00:00.000Z"],
                ["declined-once", "waiting", undefined],
            ],
        );
    });

    it("never counts an invitation to an account the file declares as undeclared, even without `invite: true`", () => {
        const plan = planInvitations(model, new Set(), [h("h-c", "111111111111", "OPEN", hoursAgo(1)), { id: "h-d", state: "OPEN", email: "Created-Here@example.com" }], NOW, 20);
        assert.deepStrictEqual(plan.undeclared, []);
    });
});
