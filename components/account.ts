import * as awsOrganizations from "@pulumi/aws/organizations";
import * as pulumi from "@pulumi/pulumi";
import { accountContacts } from "./accountContacts";
import { PolicyLibrary } from "./policyLibrary";
import { attachTargetPolicies, AwsConnection } from "./targetPolicies";
import { Account as AccountModel, RETIRED_TAG } from "../src/model/types";
import { FACTS } from "../policypacks/aws-org-guardrails/core/names";

/**
 * `CreateAccount` is asynchronous and the provider polls until it finishes; accounts wait
 * for each other in creation chains, so each needs more than the provider's 10-minute default.
 */
export const ACCOUNT_CREATE_TIMEOUT = "60m";

/** What the account waits for: its predecessor in its creation chain, and, if it is created, the prerequisites. */
function dependencies(args: AccountArgs): pulumi.Resource[] | undefined {
    const all = [...(args.after ? [args.after] : []), ...(args.account.joined === "created" ? (args.prerequisites ?? []) : [])];
    return all.length > 0 ? all : undefined;
}

/**
 * Inputs AWS takes only in `CreateAccount` (and cannot read back): the provider marks them
 * replace-on-change, so a change would create a new account. The program ignores changes to them.
 */
export const CREATE_ONLY_ACCOUNT_INPUTS = ["roleName", "iamUserAccessToBilling"] as const;

export interface AccountArgs {
    readonly account: AccountModel;
    /** The root id, or the id of the account's OU. */
    readonly parentId: pulumi.Input<string>;
    readonly library: PolicyLibrary;
    readonly connection: AwsConnection;
    /** The account this one waits for in its creation chain. */
    readonly after?: pulumi.Resource;
    /** Settings a new account is created after (the organization's root access features). */
    readonly prerequisites?: readonly pulumi.Resource[];
}

/**
 * A member account and its exact SCP set. Accounts with an `id` already exist (created by
 * hand or joined by invitation) and are adopted with `import`, never created.
 */
export class Account extends pulumi.ComponentResource {
    public readonly id: pulumi.Output<string>;
    public readonly arn: pulumi.Output<string>;
    public readonly resource: awsOrganizations.Account;

    constructor(name: string, args: AccountArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("aws-org:account:Account", name, {}, opts);
        const a = args.account;
        const adopted = a.joined === "adopted";
        const tags: Record<string, string> = { ...a.tags, ...(a.retired ? { [RETIRED_TAG]: "true" } : {}) };
        // The key, not the display name, is the logical name: a rename is an in-place
        // PutAccountName, and the names it had before are aliases of its old URNs.
        const aliases = a.previousNames.map((n) => ({ name: n }));
        this.resource = new awsOrganizations.Account(
            a.key,
            {
                // Always explicit: an autonamed account would get a random suffix.
                name: a.name,
                email: a.email,
                parentId: args.parentId,
                // AWS cannot read back roleName or billing access of an existing account;
                // setting them on an adopted account would show a permanent replacement.
                roleName: adopted ? undefined : a.roleName,
                iamUserAccessToBilling: adopted ? undefined : a.iamUserAccessToBilling,
                closeOnDeletion: a.closeOnDeletion,
                tags: Object.keys(tags).length > 0 ? tags : undefined,
            },
            {
                parent: this,
                // Retired accounts are unprotected so that removing them from the file can
                // remove (or, with closeOnDeletion, close) them; every other account is protected.
                protect: !a.retired,
                import: a.id,
                aliases,
                // Both are create-only in AWS and replace-on-change in the provider: a new default
                // in the file applies to accounts created from now on, never replaces one.
                ignoreChanges: [...CREATE_ONLY_ACCOUNT_INPUTS],
                dependsOn: dependencies(args),
                customTimeouts: { create: ACCOUNT_CREATE_TIMEOUT },
            },
        );
        this.id = this.resource.id;
        this.arn = this.resource.arn;
        attachTargetPolicies("account", { targetName: a.name, key: a.key, aliases: a.previousNames.map((n) => ({ name: `account/${n}` })) }, a, this.resource.id, args.library, args.connection, { parent: this });
        accountContacts(a, this.resource.id, this);
        // Plain values for the guardrails, known during a preview (docs/guardrails.md): the role
        // the account is reached by (an adopted account's resource leaves `roleName` unset).
        this.registerOutputs({ id: this.id, arn: this.arn, [FACTS.roleName]: a.roleName, [FACTS.managementAccount]: a.isManagementAccount });
    }
}
