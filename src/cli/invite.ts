import { DescribeOrganizationCommand } from "@aws-sdk/client-organizations";
import { COMMON_OPTIONS, loadForCommand } from "./common";
import { defineCommand } from "./defineCommand";
import { ArgumentError, CommandError, EXIT } from "./exitStatus";
import { printJson } from "./jsonOutput";
import { runAsProcess } from "./runAsProcess";
import { AWS_OPTIONS, AWS_OPTIONS_USAGE, awsClientOptions } from "./awsArguments";
import { describeAwsError } from "../aws/connection";
import { createOrganizationsClient } from "../aws/organizationsClient";
import { DAILY_INVITATION_LIMIT, InvitationHandshake, InvitationOutcome, InvitationReport, runInvitations } from "../aws/invitations";

const USAGE = `Usage: npm run invite -- [--stack NAME | --file PATH] [--dry-run] [--cancel-undeclared] [--daily-limit N] [--profile NAME] [--role-arn ARN] [--endpoint URL]
       [--request-timeout SECS] [--deadline SECS] [--json]

Invites the existing accounts declared with \`id\` and \`invite: true\` that are not members
yet, at most the number of invitations AWS still allows today; reports the state of every
invitation, and the open invitations to accounts the file does not declare. Once an
invitation is accepted, \`pulumi up\` adopts the account.

  --stack NAME          the stack's org file (default: dev)
  --file PATH           any org file
  --dry-run             show what would be sent or canceled, change nothing
  --cancel-undeclared   cancel the open invitations to accounts the file does not declare
                        (default: only list them)
  --daily-limit N       invitations AWS accepts per 24 hours (default: ${DAILY_INVITATION_LIMIT})
${AWS_OPTIONS_USAGE}
  --json                print one JSON document`;

export const run = defineCommand({
    name: "invite",
    usage: USAGE,
    exitStatus: "0 done (some may wait for tomorrow), 1 invalid org file or another organization, 4 an AWS call failed",
    options: { ...COMMON_OPTIONS, ...AWS_OPTIONS, "dry-run": { type: "boolean", default: false }, "cancel-undeclared": { type: "boolean", default: false }, "daily-limit": { type: "string" } },
    async main(args, io) {
        const dailyLimit = args["daily-limit"] === undefined ? DAILY_INVITATION_LIMIT : Number(args["daily-limit"]);
        if (!Number.isInteger(dailyLimit) || dailyLimit < 0) throw new ArgumentError(`--daily-limit must be a whole number, got \`${args["daily-limit"]}\`.`);
        const { model } = loadForCommand(args, { stderr: io.stderr, cwd: io.cwd, printWarnings: !args.json });
        const client = createOrganizationsClient(awsClientOptions(args));
        let report: InvitationReport;
        let organizationId: string | undefined;
        try {
            organizationId = (await client.send(new DescribeOrganizationCommand({}))).Organization?.Id;
        } catch (e) {
            throw new CommandError(EXIT.awsError, describeAwsError(e, "Inviting accounts"));
        }
        if (model.organization.id !== undefined && organizationId !== model.organization.id) {
            throw new CommandError(
                EXIT.invalidConfig,
                `The file adopts organization \`${model.organization.id}\`, but these credentials reach \`${organizationId}\`; use the management account of \`${model.organization.id}\` (--profile).`,
            );
        }
        try {
            report = await runInvitations(client, model, { dryRun: args["dry-run"], cancelUndeclared: args["cancel-undeclared"], dailyLimit });
        } catch (e) {
            throw new CommandError(EXIT.awsError, describeAwsError(e, "Inviting accounts"));
        }
        if (args.json) printJson(io.stdout, { organization: organizationId, ...toJson(report) });
        else io.stdout.write(`${render(organizationId ?? "", report)}\n`);
        const failed = report.outcomes.some((o) => o.kind === "failed") || report.cancelFailures.length > 0;
        return failed ? EXIT.awsError : EXIT.ok;
    },
});

function render(organizationId: string, r: InvitationReport): string {
    const lines = [`Invitations for organization ${organizationId}${r.dryRun ? " (dry run: nothing is sent or canceled)" : ""}: ${r.sentLast24h} sent in the last 24 hours, limit ${r.dailyLimit}.`];
    if (r.outcomes.length === 0) lines.push("No account in the file has `invite: true`.");
    for (const o of r.outcomes) lines.push(`  - ${o.account.name} (${o.account.id}): ${describe(o, r.dryRun, r.dailyLimit)}`);
    for (const h of r.undeclared) {
        lines.push(`  - invitation ${h.id} to ${h.accountId ?? h.email} is ${h.state}, but the file does not declare this account: left as it is; declare the account, or cancel the invitation with --cancel-undeclared.`);
    }
    for (const h of r.canceled) lines.push(`  - ${r.dryRun ? "would cancel" : "canceled"} invitation ${h.id} to ${h.accountId ?? h.email}: the file does not declare it${r.dryRun ? "" : ` (now ${h.state})`}.`);
    for (const f of r.cancelFailures) lines.push(`  - could not cancel invitation ${f.handshake.id} to ${f.handshake.accountId ?? f.handshake.email}: ${f.error}`);
    return lines.join("\n");
}

function describe(o: InvitationOutcome, dryRun: boolean, dailyLimit: number): string {
    switch (o.kind) {
        case "member":
            return "already a member: remove `invite: true` from the file, and `pulumi up` adopts it.";
        case "pending":
            return `invitation ${o.handshake.id} is ${o.handshake.state}${since(o.handshake)}; waiting for the account's owner to accept it.`;
        case "invited": {
            const previous = o.previous === undefined ? "" : ` (the previous invitation ${o.previous.id} is ${o.previous.state})`;
            return dryRun ? `would be invited${previous}.` : `invited: invitation ${o.handshake?.id ?? "?"} is ${o.handshake?.state ?? "REQUESTED"}${previous}.`;
        }
        case "waiting":
            return `waits for tomorrow: the ${dailyLimit} invitations AWS allows per 24 hours are used up${o.availableAt === undefined ? "" : `; run again after ${o.availableAt.toISOString()}`}.`;
        case "failed":
            return `failed: ${o.error}`;
    }
}

function since(h: InvitationHandshake): string {
    const parts = [h.requested === undefined ? "" : ` since ${h.requested.toISOString()}`, h.expires === undefined ? "" : `, expires ${h.expires.toISOString()}`];
    return parts.join("");
}

function toJson(r: InvitationReport) {
    const handshake = (h: InvitationHandshake | undefined) =>
        h === undefined ? undefined : { id: h.id, state: h.state, accountId: h.accountId, email: h.email, requested: h.requested?.toISOString(), expires: h.expires?.toISOString() };
    return {
        dryRun: r.dryRun,
        sentLast24h: r.sentLast24h,
        dailyLimit: r.dailyLimit,
        accounts: r.outcomes.map((o) => ({
            name: o.account.name,
            id: o.account.id,
            status: o.kind,
            handshake: "handshake" in o ? handshake(o.handshake) : undefined,
            previous: "previous" in o ? handshake(o.previous) : undefined,
            availableAt: o.kind === "waiting" ? o.availableAt?.toISOString() : undefined,
            error: o.kind === "failed" ? o.error : undefined,
        })),
        undeclared: r.undeclared.map(handshake),
        canceled: r.canceled.map(handshake),
        cancelFailures: r.cancelFailures.map((f) => ({ handshake: handshake(f.handshake), error: f.error })),
    };
}

if (require.main === module) runAsProcess(run);
