import * as awsAccount from "@pulumi/aws/account";
import * as pulumi from "@pulumi/pulumi";
import { Account } from "./account";
import { REGION_OPT_CONCURRENCY } from "../src/model/accountSettings";
import { Account as AccountModel } from "../src/model/types";

/**
 * The opt-in Regions of every account, as children of the account's component. AWS accepts a
 * limited number of Region opt requests in progress at once, and the provider waits for each
 * to finish: so one account's Regions run one after the other, and the accounts share
 * {@link REGION_OPT_CONCURRENCY.perOrganization} chains, each account starting where the
 * previous account of its chain ended.
 */
export function optInRegions(accounts: readonly { readonly account: AccountModel; readonly component: Account }[]): awsAccount.Region[] {
    const tails: (pulumi.Resource | undefined)[] = [];
    const created: awsAccount.Region[] = [];
    accounts
        .filter(({ account }) => account.optInRegions.length > 0)
        .forEach(({ account, component }, k) => {
            const chain = k % REGION_OPT_CONCURRENCY.perOrganization;
            let previous = tails[chain];
            for (const r of account.optInRegions) {
                const region: awsAccount.Region = new awsAccount.Region(
                    // Named after the account's key, like the account; the names it had before are aliases.
                    `${account.key}/region/${r.region}`,
                    // The management account changes its own Regions in its own context.
                    { accountId: account.isManagementAccount ? undefined : component.id, regionName: r.region, enabled: r.enabled },
                    { parent: component, dependsOn: previous === undefined ? undefined : [previous], aliases: account.previousNames.map((n) => ({ name: `${n}/region/${r.region}` })) },
                );
                created.push(region);
                previous = region;
            }
            tails[chain] = previous;
        });
    return created;
}
