import * as assert from "assert";
import { assertViolations, check, cpuMillis, happyOrganization, StackBuilder, TYPES } from "./guardrailFixture";
import { CapturedResource } from "../../src/plan/types";
import { present } from "../support/present";

/**
 * An organization with `count` new accounts under the root, split round-robin into
 * `chains` creation chains (each account waits for the one `chains` places before it).
 */
function accountsInChains(count: number, chains: number, options: { dependOnComponent?: boolean; adopted?: number } = {}): CapturedResource[] {
    const b = new StackBuilder();
    const top = b.add("aws-org:index:Organization", "aws-org");
    const org = b.add(TYPES.organization, "organization", { parent: top, inputs: { featureSet: "ALL", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"] }, options: { protect: true } });
    b.rootAccess(top, org);
    b.add(TYPES.scpAttachments, "root", { parent: top, inputs: { targetKind: "root", targetName: "root", policyNames: ["FullAWSAccess"] }, options: { protect: true } });
    const accounts: CapturedResource[] = [];
    for (let i = 0; i < count; i++) {
        const previous = i >= chains ? accounts[i - chains] : undefined;
        const after = previous && options.dependOnComponent ? b.resources.filter((r) => r.urn === previous.parentUrn)[0] : previous;
        accounts.push(b.account(`account-${i}`, top, org, { after }));
    }
    for (let i = 0; i < (options.adopted ?? 0); i++) b.account(`adopted-${i}`, top, org, { adopted: true });
    return b.resources;
}

describe("guardrails: account-creation-concurrency", () => {
    it("accepts as many independent creations as the limit", () => {
        assertViolations(check(accountsInChains(5, 5)), []);
    });

    it("advises when more accounts than the limit would be created at once, naming them", () => {
        assertViolations(check(accountsInChains(6, 6)), [
            {
                policy: "account-creation-concurrency",
                enforcementLevel: "advisory",
                resource: null,
                message: /^6 account creations can run at once, over the limit of 5 \(config `maxConcurrent`\): `account-0`, .* and `account-5`, none of which waits for another\./,
            },
        ]);
    });

    it("counts chains, not accounts", () => {
        assertViolations(check(accountsInChains(23, 5)), []);
        assertViolations(check(accountsInChains(23, 6)), [{ policy: "account-creation-concurrency", message: /^6 account creations/ }]);
    });

    it("does not count adopted accounts, which are imported, not created", () => {
        assertViolations(check(accountsInChains(5, 5, { adopted: 3 })), []);
    });

    it("follows a dependency on an account's component to the account inside it", () => {
        assertViolations(check(accountsInChains(10, 5, { dependOnComponent: true })), []);
    });

    it("judges an account that waits for two others, too", () => {
        const stack = accountsInChains(6, 6);
        const account = (name: string) => present(stack.find((r) => r.type === TYPES.account && r.name === name), `account ${name}`);
        const last = account("account-5");
        const changed = stack.map((r) => (r === last ? { ...r, options: { ...r.options, dependsOn: [account("account-3").urn, account("account-4").urn] } } : r));
        assertViolations(check(changed), []);
        assertViolations(check(changed, { "account-creation-concurrency": { maxConcurrent: 4 } }), [
            { policy: "account-creation-concurrency", message: /^5 account creations .*`account-0`, `account-1`, `account-2`, `account-3` and `account-4`/ },
        ]);
    });

    it("applies the configured limit", () => {
        assertViolations(check(happyOrganization(), { "account-creation-concurrency": { maxConcurrent: 1 } }), [
            { policy: "account-creation-concurrency", message: /^2 account creations .*`hipaa-prod` and `pci-prod`/ },
        ]);
    });

    it("judges 5,000 chained accounts in well under a second", () => {
        const stack = accountsInChains(5000, 5);
        const ms = cpuMillis(() => assertViolations(check(stack), []));
        assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms of CPU`);
    });
});
