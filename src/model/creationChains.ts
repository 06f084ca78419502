import { Account, OrgModel } from "./types";

/**
 * AWS runs at most `limits.concurrentAccountCreations` `CreateAccount` requests at once;
 * more fail with `TooManyRequestsException`. Pulumi would start every new account at once,
 * so new accounts are split into that many chains, each account waiting for the one before
 * it: N new accounts take ⌈N / limit⌉ rounds.
 *
 * Chains are assigned round-robin over the accounts sorted by name, so the result does not
 * depend on the order of the YAML file. Adopted accounts are never created and take no part.
 *
 * @returns for each account to create, in creation order, the account it waits for (if any).
 */
export function creationChains(model: OrgModel): { account: Account; after?: Account }[] {
    const limit = model.organization.limits.concurrentAccountCreations;
    const created = model.allAccounts.filter((a) => a.joined === "created").sort((a, b) => compare(a.name, b.name));
    return created.map((account, i) => ({ account, after: i >= limit ? created[i - limit] : undefined }));
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
