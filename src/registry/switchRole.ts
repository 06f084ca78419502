/**
 * Ways into a member account through the role AWS Organizations puts in it: the console's
 * Switch Role link, a `~/.aws/config` profile and an "AWS Extend Switch Roles" entry.
 * All of them need the account id, which only exists once the account has been created.
 */

/** Where the console's Switch Role page lives (commercial partition). */
const SWITCH_ROLE_PAGE = "https://signin.aws.amazon.com/switchrole";

/** The Switch Role page truncates longer display names. */
export const DISPLAY_NAME_MAX = 64;

export interface RoleTarget {
    readonly accountId: string;
    readonly roleName: string;
    readonly displayName: string;
    /** Six hex digits without `#`. */
    readonly color: string;
}

/** The console link that opens Switch Role with every field filled in. */
export function switchRoleUrl(t: RoleTarget): string {
    const query = new URLSearchParams({ account: t.accountId, roleName: t.roleName, displayName: t.displayName, color: t.color });
    return `${SWITCH_ROLE_PAGE}?${query.toString()}`;
}

/** `arn:aws:iam::ID:role/ROLE` */
export function roleArn(accountId: string, roleName: string): string {
    return `arn:aws:iam::${accountId}:role/${roleName}`;
}

/**
 * A profile name the AWS CLI reads back unchanged: account names may contain spaces and
 * punctuation, which `[profile …]` headers do not survive.
 */
export function profileName(accountName: string): string {
    return accountName.trim().replace(/[^A-Za-z0-9_.@+-]+/g, "-").replace(/^-+|-+$/g, "") || "account";
}

/** An account that gets a profile. */
export interface ProfileAccount {
    readonly name: string;
    readonly accountId: string;
}

/**
 * A profile name for each account, in the order given, all different. Distinct account names
 * can give the same profile name (`team a`, `team/a` and `team-a` all give `team-a`), and a
 * repeated `[profile …]` header makes the AWS CLI reject the whole config file. An account
 * whose name is a valid profile name as it stands keeps it; the others that collide get their
 * account id appended, so that no name depends on the order of the accounts.
 */
export function uniqueProfileNames(accounts: readonly ProfileAccount[]): string[] {
    const based = accounts.map((a) => ({ ...a, base: profileName(a.name) }));
    const uses = new Map<string, number>();
    for (const { base } of based) uses.set(base, (uses.get(base) ?? 0) + 1);
    const keepsName = (a: (typeof based)[number]) => uses.get(a.base) === 1 || a.name === a.base;
    const taken = new Set(based.filter(keepsName).map((a) => a.base));
    // Only when an account is named like another's name plus its id: then a counter too.
    return based.map((a) => {
        if (keepsName(a)) return a.base;
        const wanted = `${a.base}-${a.accountId}`;
        let name = wanted;
        for (let n = 2; taken.has(name); n++) name = `${wanted}-${n}`;
        taken.add(name);
        return name;
    });
}

export interface ProfileOptions {
    /** The profile holding the credentials that assume the role (`source_profile`). */
    readonly sourceProfile: string;
    readonly region?: string;
}

/** A ready `~/.aws/config` block named `profile` (see {@link uniqueProfileNames}) that assumes the account's role. */
export function awsConfigProfile(profile: string, t: RoleTarget, options: ProfileOptions): string {
    const lines = [`[profile ${profile}]`, `role_arn = ${roleArn(t.accountId, t.roleName)}`, `source_profile = ${options.sourceProfile}`];
    if (options.region !== undefined) lines.push(`region = ${options.region}`);
    return lines.join("\n");
}

/**
 * An entry for the "AWS Extend Switch Roles" browser extension, which lists any number of
 * roles instead of the console's last five. Its format is INI like `~/.aws/config`, with the
 * account and role as separate keys and the colour without `#`.
 */
export function extendSwitchRolesProfile(profile: string, t: RoleTarget, region?: string): string {
    const lines = [`[profile ${profile}]`, `aws_account_id = ${t.accountId}`, `role_name = ${t.roleName}`, `color = ${t.color}`];
    if (region !== undefined) lines.push(`region = ${region}`);
    return lines.join("\n");
}
