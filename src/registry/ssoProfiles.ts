import { RegistryEntry } from "./accountRegistry";
import { profileName } from "./switchRole";
import { OrgModel } from "../model/types";

/**
 * `~/.aws/config` for IAM Identity Center, as the AWS CLI v2 documents it ("Configure the AWS
 * CLI with IAM Identity Center", token provider form): one `[sso-session NAME]` with the access
 * portal's URL and Region, and one profile per account and permission set, naming the session,
 * the account id and the permission set (`sso_role_name`). `aws sso login --sso-session NAME`
 * signs in once for all of them.
 */

/** One group holding one permission set in one account. */
export interface SsoAssignment {
    readonly account: string;
    readonly permissionSet: string;
    readonly group: string;
}

/** What the SSO profiles are made from. */
export interface SsoAccess {
    /** The AWS access portal; null when not known yet (before `pulumi up`, without `identityCenter.startUrl`). */
    readonly startUrl: string | null;
    /** The Identity Center home Region (`sso_region`). */
    readonly region: string;
    readonly assignments: readonly SsoAssignment[];
}

export interface SsoProfileOptions {
    /** The `[sso-session …]` name. */
    readonly sessionName: string;
    /** Only the permission sets these groups hold; empty: every group. */
    readonly groups: readonly string[];
    /** `region` of each profile (the Region commands run in); none when undefined. */
    readonly region?: string;
}

/** The Region `pulumi up` deploys to unless the file says otherwise (both stacks set `aws:region: us-east-1`). */
export const DEFAULT_SSO_REGION = "us-east-1";

/** The SSO access of an org file: its assignments, and the portal URL if the file gives it. */
export function ssoAccessFromModel(model: OrgModel): SsoAccess | undefined {
    const ic = model.identityCenter;
    if (ic === undefined) return undefined;
    return {
        startUrl: ic.startUrl ?? null,
        region: ic.region ?? DEFAULT_SSO_REGION,
        assignments: ic.assignments.map((a) => ({ account: a.account, permissionSet: a.permissionSet, group: a.group })),
    };
}

/**
 * The `sso-session` block and one profile per (account, permission set) that the groups hold,
 * accounts in registry order; accounts without an id yet are listed in a comment. Profile
 * names are `<account>-<permission set>`, made safe for the config file's headers.
 */
export function formatSsoConfig(entries: readonly RegistryEntry[], access: SsoAccess & { readonly startUrl: string }, options: SsoProfileOptions): string {
    const parts = [
        `# Profiles for ~/.aws/config through IAM Identity Center (npm run accounts). Sign in once with: aws sso login --sso-session ${options.sessionName}`,
        [`[sso-session ${options.sessionName}]`, `sso_start_url = ${access.startUrl}`, `sso_region = ${access.region}`, "sso_registration_scopes = sso:account:access"].join("\n"),
    ];
    const held = access.assignments.filter((a) => options.groups.length === 0 || options.groups.includes(a.group));
    const pending: string[] = [];
    const taken = new Set<string>();
    for (const e of entries) {
        const sets = [...new Set(held.filter((a) => a.account === e.name).map((a) => a.permissionSet))];
        if (sets.length === 0) continue;
        if (e.id === null) {
            pending.push(e.name);
            continue;
        }
        for (const ps of sets) {
            let name = profileName(`${e.name}-${ps}`);
            // Two accounts whose names differ only in characters a header cannot hold.
            if (taken.has(name)) name = `${name}-${e.id}`;
            taken.add(name);
            const lines = [`[profile ${name}]`, `sso_session = ${options.sessionName}`, `sso_account_id = ${e.id}`, `sso_role_name = ${ps}`];
            if (options.region !== undefined) lines.push(`region = ${options.region}`);
            parts.push(lines.join("\n"));
        }
    }
    if (held.length === 0) parts.push(`# ${options.groups.length === 0 ? "No group holds" : `None of the groups ${options.groups.join(", ")} holds`} a permission set in any account.`);
    if (pending.length > 0) parts.push(`# Not created yet, no profile until \`pulumi up\`: ${pending.join(", ")}`);
    return `${parts.join("\n\n")}\n`;
}
