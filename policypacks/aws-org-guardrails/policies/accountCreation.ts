import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { largestAntichain } from "./antichain";
import { read, UNKNOWN } from "./known";
import { configSchemaOf, settingsOf } from "./settings";
import { listNames, ofType } from "./shared";
import { at } from "../core/at";
import { TYPES } from "../core/names";
import { AWS_LIMITS } from "../core/awsLimits";

const accountCreationConcurrencySettings = z.object({
    maxConcurrent: z.int().min(1).max(AWS_LIMITS.concurrentAccountCreations).default(AWS_LIMITS.concurrentAccountCreations).describe("`CreateAccount` requests AWS accepts in progress at once; AWS does not raise it."),
});

/** How many accounts the message names, so that it stays one readable line. */
const NAMED_IN_MESSAGE = 8;

/**
 * An account is created when the program sets `roleName`: adopted (imported) accounts leave
 * it unset, and CrossGuard does not show the `import` option to policies.
 */
function isCreated(r: PolicyResource): boolean {
    const roleName = read(r.props, "roleName");
    return r.type === TYPES.account && (roleName === UNKNOWN || typeof roleName === "string");
}

/**
 * For each resource, the created accounts it waits for first: directly, through resources
 * that are not created accounts, or through a component it depends on (which stands for all
 * of its children).
 */
function createdAccountsBefore(resources: readonly PolicyResource[], created: ReadonlySet<PolicyResource>): (r: PolicyResource) => PolicyResource[] {
    const children = new Map<PolicyResource, PolicyResource[]>();
    for (const r of resources) {
        if (r.parent === undefined) continue;
        const siblings = children.get(r.parent);
        if (siblings === undefined) children.set(r.parent, [r]);
        else siblings.push(r);
    }
    const reached = new Map<PolicyResource, ReadonlySet<PolicyResource>>();
    // What waiting for `r` itself implies.
    const through = (r: PolicyResource): ReadonlySet<PolicyResource> => {
        if (created.has(r)) return new Set([r]);
        const known = reached.get(r);
        if (known !== undefined) return known;
        reached.set(r, new Set());
        const result = new Set<PolicyResource>();
        for (const d of [...r.dependencies, ...(children.get(r) ?? [])]) for (const a of through(d)) result.add(a);
        reached.set(r, result);
        return result;
    };
    return (account) => {
        const result = new Set<PolicyResource>();
        for (const d of account.dependencies) for (const a of through(d)) if (a !== account) result.add(a);
        return [...result];
    };
}

/**
 * AWS runs a limited number of `CreateAccount` requests at once; more fail with
 * `TooManyRequestsException`. Pulumi starts every resource whose dependencies are done, so
 * the most accounts created at once is the largest set of created accounts none of which
 * waits for another.
 */
export const accountCreationConcurrency: StackValidationPolicy = {
    name: "account-creation-concurrency",
    description: "Checks that no more accounts can be created at once than AWS accepts, judging by the dependencies between accounts.",
    enforcementLevel: "advisory",
    configSchema: configSchemaOf(accountCreationConcurrencySettings),
    validateStack: (args, reportViolation) => {
        const { maxConcurrent } = settingsOf(args, accountCreationConcurrencySettings);
        const accounts = ofType(args.resources, TYPES.account).filter(isCreated);
        if (accounts.length <= maxConcurrent) return;
        const index = new Map(accounts.map((a, i) => [a, i]));
        const before = createdAccountsBefore(args.resources, new Set(accounts));
        const antichain = largestAntichain(accounts.map((a) => before(a).map((b) => index.get(b) as number)));
        if (antichain === undefined) return args.notApplicable("The accounts depend on each other in a cycle, which Pulumi rejects itself.");
        if (antichain.length <= maxConcurrent) return;
        const names = antichain.slice(0, NAMED_IN_MESSAGE).map((i) => at(accounts, i).name);
        reportViolation(
            `${antichain.length} account creations can run at once, over the limit of ${maxConcurrent} (config \`maxConcurrent\`): ` +
            `${listNames(names, antichain.length - names.length)}, none of which waits for another. ` +
            "Chain new accounts with `dependsOn` into at most that many chains (the org file's `organization.limits.concurrentAccountCreations`).",
        );
    },
};
