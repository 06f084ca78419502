import {
    CancelHandshakeCommand,
    Handshake,
    InviteAccountToOrganizationCommand,
    OrganizationsClient,
    paginateListAccounts,
    paginateListHandshakesForOrganization,
} from "@aws-sdk/client-organizations";
import { awsErrorName, awsErrorText } from "./awsErrors";
import { collectPages } from "./organizationsClient";
import { Account, OrgModel } from "../model/types";

/** AWS accepts at most this many invitations from one organization per 24 hours. */
export const DAILY_INVITATION_LIMIT = 20;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Handshake states that still wait for the invited account. */
const OPEN_STATES = new Set(["REQUESTED", "OPEN"]);

/** An invitation as AWS lists it. */
export interface InvitationHandshake {
    readonly id: string;
    readonly state: string;
    /** The invited account's id (ACCOUNT party), if any. */
    readonly accountId?: string;
    /** The invited email (EMAIL party), if any. */
    readonly email?: string;
    readonly requested?: Date;
    readonly expires?: Date;
}

/** What happens to one account declared with `invite: true`. */
export type InvitationOutcome =
    | { readonly kind: "member"; readonly account: Account }
    | { readonly kind: "pending"; readonly account: Account; readonly handshake: InvitationHandshake }
    | { readonly kind: "invited"; readonly account: Account; readonly handshake?: InvitationHandshake; readonly previous?: InvitationHandshake }
    | { readonly kind: "waiting"; readonly account: Account; readonly availableAt?: Date }
    | { readonly kind: "failed"; readonly account: Account; readonly error: string };

export interface InvitationReport {
    readonly dryRun: boolean;
    /** Invitations AWS counts against today's limit, before this run. */
    readonly sentLast24h: number;
    readonly dailyLimit: number;
    readonly outcomes: readonly InvitationOutcome[];
    /** Open invitations to accounts the file does not declare, left as they are (no `cancelUndeclared`). */
    readonly undeclared: readonly InvitationHandshake[];
    /** Open invitations to accounts the file does not declare, canceled on request, with their state after canceling. */
    readonly canceled: readonly InvitationHandshake[];
    readonly cancelFailures: readonly { readonly handshake: InvitationHandshake; readonly error: string }[];
}

export interface InvitationPlan {
    readonly sentLast24h: number;
    readonly steps: readonly InvitationOutcome[];
    /** Open invitations to accounts the file does not declare at all. */
    readonly undeclared: readonly InvitationHandshake[];
}

/**
 * Decides, without calling AWS, what to do for each account declared with `id` and
 * `invite: true`: nothing when it is a member or has an open invitation, invite it while
 * today's quota lasts, otherwise wait. Open invitations to accounts the file does not declare
 * at all are listed apart. The quota counts every invitation requested in the last 24 hours.
 */
export function planInvitations(model: OrgModel, memberIds: ReadonlySet<string>, handshakes: readonly InvitationHandshake[], now: Date, dailyLimit: number): InvitationPlan {
    const recent = handshakes.filter((h) => h.requested !== undefined && now.getTime() - h.requested.getTime() < DAY_MS).map((h) => (h.requested as Date).getTime());
    let remaining = Math.max(0, dailyLimit - recent.length);
    // When each invitation of the window, oldest first, then those sent now, turns 24 hours old.
    const slots = [...recent].sort((a, b) => a - b);
    const steps: InvitationOutcome[] = [];
    let waiting = 0;
    for (const account of model.allAccounts.filter((a) => a.invite && a.id !== undefined)) {
        const mine = handshakes.filter((h) => h.accountId === account.id || h.email?.toLowerCase() === account.email.toLowerCase());
        const open = mine.find((h) => OPEN_STATES.has(h.state));
        if (memberIds.has(account.id as string)) steps.push({ kind: "member", account });
        else if (open !== undefined) steps.push({ kind: "pending", account, handshake: open });
        else if (remaining > 0) {
            remaining--;
            slots.push(now.getTime());
            steps.push({ kind: "invited", account, previous: latest(mine) });
        } else {
            // The window holds `dailyLimit` invitations or more (more when the limit is lower than
            // what was sent). Waiting account k (from 0) can go once all but `dailyLimit - 1 - k`
            // of them have aged out, which leaves room for it and the k waiting before it.
            const slot = slots[slots.length - dailyLimit + waiting++];
            steps.push({ kind: "waiting", account, availableAt: slot === undefined ? undefined : new Date(slot + DAY_MS) });
        }
    }
    const declaredIds = new Set(model.allAccounts.map((a) => a.id).filter((id) => id !== undefined));
    const declaredEmails = new Set(model.allAccounts.map((a) => a.email.toLowerCase()));
    const undeclared = handshakes.filter(
        (h) => OPEN_STATES.has(h.state) && !(h.accountId !== undefined && declaredIds.has(h.accountId)) && !(h.email !== undefined && declaredEmails.has(h.email.toLowerCase())),
    );
    return { sentLast24h: recent.length, steps, undeclared };
}

/** How `runInvitations` runs. Every field is optional. */
export interface InvitationOptions {
    /** Report what would be sent or canceled, change nothing. Default: false. */
    readonly dryRun?: boolean;
    /** Cancel open invitations to accounts the file does not declare; default false: only report them. */
    readonly cancelUndeclared?: boolean;
    /** Default: the current time. */
    readonly now?: Date;
    /** Default: {@link DAILY_INVITATION_LIMIT}. */
    readonly dailyLimit?: number;
}

/**
 * Reads members and invitations from AWS, then carries out `planInvitations`: sends each
 * invitation (Target type ACCOUNT), unless `dryRun`. Open invitations to accounts the file
 * does not declare are only reported, unless `cancelUndeclared` asks to cancel them: the
 * file may simply not list an account someone else is inviting. A failed call is reported
 * for its account and does not stop the others.
 */
export async function runInvitations(client: OrganizationsClient, model: OrgModel, options: InvitationOptions = {}): Promise<InvitationReport> {
    const dryRun = options.dryRun ?? false;
    const cancelUndeclared = options.cancelUndeclared ?? false;
    const dailyLimit = options.dailyLimit ?? DAILY_INVITATION_LIMIT;
    const members = await collectPages(paginateListAccounts({ client }, {}), (p) => p.Accounts);
    const raw = await collectPages(paginateListHandshakesForOrganization({ client }, { Filter: { ActionType: "INVITE" } }), (p) => p.Handshakes);
    const plan = planInvitations(model, new Set(members.map((m) => String(m.Id))), raw.map(fromAws), options.now ?? new Date(), dailyLimit);

    const outcomes: InvitationOutcome[] = [];
    for (const step of plan.steps) {
        if (step.kind !== "invited" || dryRun) {
            outcomes.push(step);
            continue;
        }
        try {
            const answer = await client.send(new InviteAccountToOrganizationCommand({ Target: { Type: "ACCOUNT", Id: step.account.id } }));
            outcomes.push({ ...step, handshake: answer.Handshake === undefined ? undefined : fromAws(answer.Handshake) });
        } catch (e) {
            outcomes.push(await afterRefusal(client, step, e));
        }
    }
    const canceled: InvitationHandshake[] = [];
    const cancelFailures: { handshake: InvitationHandshake; error: string }[] = [];
    for (const handshake of cancelUndeclared ? plan.undeclared : []) {
        if (dryRun) {
            canceled.push(handshake);
            continue;
        }
        try {
            const answer = await client.send(new CancelHandshakeCommand({ HandshakeId: handshake.id }));
            canceled.push(answer.Handshake === undefined ? { ...handshake, state: "CANCELED" } : fromAws(answer.Handshake));
        } catch (e) {
            cancelFailures.push({ handshake, error: awsErrorText(e) });
        }
    }
    return { dryRun, sentLast24h: plan.sentLast24h, dailyLimit, outcomes, undeclared: cancelUndeclared ? [] : plan.undeclared, canceled, cancelFailures };
}

/**
 * What a refused invitation means. `DuplicateHandshakeException` says the invitation exists:
 * after a retry (the first request reached AWS, its answer was lost) it is the one just sent;
 * on the first attempt someone sent it meanwhile. Either way, the open invitation is looked up
 * and reported; anything else is a failure, in AWS's words.
 */
async function afterRefusal(client: OrganizationsClient, step: InvitationOutcome & { kind: "invited" }, e: unknown): Promise<InvitationOutcome> {
    const failed: InvitationOutcome = { kind: "failed", account: step.account, error: awsErrorText(e) };
    if (awsErrorName(e) !== "DuplicateHandshakeException") return failed;
    const handshakes = await collectPages(paginateListHandshakesForOrganization({ client }, { Filter: { ActionType: "INVITE" } }), (p) => p.Handshakes);
    const open = handshakes.map(fromAws).find((h) => h.accountId === step.account.id && OPEN_STATES.has(h.state));
    if (open === undefined) return failed;
    const attempts = (e as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
    return attempts > 1 ? { ...step, handshake: open } : { kind: "pending", account: step.account, handshake: open };
}

function fromAws(h: Handshake): InvitationHandshake {
    const party = (type: string) => h.Parties?.find((p) => p.Type === type)?.Id;
    return {
        id: String(h.Id),
        state: String(h.State),
        accountId: party("ACCOUNT"),
        email: party("EMAIL"),
        requested: h.RequestedTimestamp,
        expires: h.ExpirationTimestamp,
    };
}

function latest(handshakes: readonly InvitationHandshake[]): InvitationHandshake | undefined {
    return [...handshakes].sort((a, b) => (b.requested?.getTime() ?? 0) - (a.requested?.getTime() ?? 0))[0];
}
