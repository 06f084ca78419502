import { colorForOu } from "./consolePalette";
import { awsConfigProfile, DISPLAY_NAME_MAX, ProfileOptions, RoleTarget, switchRoleUrl, uniqueProfileNames } from "./switchRole";
import { Account, JoinMethod, OrgModel } from "../model/types";
import { at } from "../../policypacks/aws-org-guardrails/core/at";

/** What a person needs to get into one account. JSON-serializable: the stack output `accounts`. */
export interface AccountOutput {
    /** `null` until `pulumi up` has created the account: ids are never invented. */
    readonly id: string | null;
    readonly email: string;
    /** `null` for an account directly under the root. */
    readonly ouPath: string | null;
    readonly joined: JoinMethod;
    readonly roleName: string;
    /** The console link that fills in Switch Role; `null` without an id or for the management account. */
    readonly switchRoleUrl: string | null;
    readonly displayName: string;
    /** Six hex digits without `#`, from the console's palette; the same for every account of an OU. */
    readonly color: string;
    /** A `~/.aws/config` block; `null` when `switchRoleUrl` is. */
    readonly awsConfigProfile: string | null;
    /** Why a link is missing or may not work yet; `null` when there is nothing to say. */
    readonly note: string | null;
}

/** One row of the registry: an account output and the account's name. */
export interface RegistryEntry extends AccountOutput {
    readonly name: string;
}

/** Shown wherever an account id does not exist yet: registry formats and diagrams. */
export const PENDING_ID = "(after pulumi up)";

/** The note of an account that `pulumi up` has not created yet. */
export const PENDING_NOTE = "no id until `pulumi up` creates the account";

/** The note of the management account, which nobody switches into. */
export function managementNote(roleName: string): string {
    return `the management account: sign in to it directly, as it has no \`${roleName}\` to switch to (and SCPs never restrict it)`;
}

export const DEFAULT_PROFILE_OPTIONS: ProfileOptions = Object.freeze({ sourceProfile: "default" });

/**
 * The registry rows of every account in file order. `ids` maps account names to ids known
 * from a deployment; an id written in the org file is used otherwise.
 */
export function registryEntries(model: OrgModel, ids: Readonly<Record<string, string>> = {}, options: ProfileOptions = DEFAULT_PROFILE_OPTIONS): RegistryEntry[] {
    return entriesFromFacts(model.allAccounts.map((a) => accountFacts(a, ids[a.name] ?? a.id ?? null)), options);
}

/**
 * The stack output `accounts`: for every account, by name, its id, where it sits, how it
 * joined and every way into it. Accounts not created yet have a `null` id and no links.
 */
export function accountOutputs(model: OrgModel, ids: Readonly<Record<string, string>>, options: ProfileOptions = DEFAULT_PROFILE_OPTIONS): Record<string, AccountOutput> {
    const result: Record<string, AccountOutput> = {};
    for (const { name, ...output } of registryEntries(model, ids, options)) result[name] = output;
    return result;
}

/** The facts a registry row is derived from; the rest (links, profile) follows from them. */
export interface AccountFacts {
    readonly name: string;
    readonly id: string | null;
    readonly email: string;
    readonly ouPath: string | null;
    readonly joined: JoinMethod;
    readonly roleName: string;
    readonly isManagementAccount: boolean;
    readonly notes: readonly string[];
}

/**
 * The registry rows of accounts from their facts, with the colour of each account's OU and
 * profile names unique among all of them.
 */
export function entriesFromFacts(facts: readonly AccountFacts[], options: ProfileOptions): RegistryEntry[] {
    const reachable = facts.filter(isReachable);
    const names = uniqueProfileNames(reachable.map((f) => ({ name: f.name, accountId: f.id })));
    const profiles = new Map<AccountFacts, string>(reachable.map((f, i) => [f, at(names, i)]));
    return facts.map((f) => entryFromFacts(f, profiles.get(f), options));
}

/** Whether there is a role to switch into: the account exists, and is not the management account. */
function isReachable(f: AccountFacts): f is AccountFacts & { readonly id: string } {
    return f.id !== null && !f.isManagementAccount;
}

/** A registry row; `profile` names its `~/.aws/config` profile when it has one. */
function entryFromFacts(f: AccountFacts, profile: string | undefined, options: ProfileOptions): RegistryEntry {
    const color = colorForOu(f.ouPath).hex;
    const displayName = f.name.slice(0, DISPLAY_NAME_MAX);
    const notes = [...f.notes];
    if (f.id === null) notes.unshift(PENDING_NOTE);
    if (f.isManagementAccount) notes.unshift(managementNote(f.roleName));
    const target: RoleTarget | undefined = isReachable(f) ? { accountId: f.id, roleName: f.roleName, displayName, color } : undefined;
    return {
        name: f.name,
        id: f.id,
        email: f.email,
        ouPath: f.ouPath,
        joined: f.joined,
        roleName: f.roleName,
        switchRoleUrl: target ? switchRoleUrl(target) : null,
        displayName,
        color,
        awsConfigProfile: target && profile !== undefined ? awsConfigProfile(profile, target, options) : null,
        note: notes.length > 0 ? notes.join("; ") : null,
    };
}

function accountFacts(a: Account, id: string | null): AccountFacts {
    const notes: string[] = [];
    if (a.invite) notes.push("to be invited with `npm run invite`");
    if (a.joined === "adopted" && !a.isManagementAccount) {
        // AWS creates the access role only in accounts it creates; an invited account lacks it.
        notes.push(`AWS creates \`${a.roleName}\` only in accounts created in the organization: make sure this one has it`);
    }
    if (a.retired) notes.push("retired: kept in a deny-all OU until it is removed from the org file");
    return { name: a.name, id, email: a.email, ouPath: a.ouPath, joined: a.joined, roleName: a.roleName, isManagementAccount: a.isManagementAccount, notes };
}
