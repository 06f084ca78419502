import * as assert from "assert";
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as crossGuardProxy from "@pulumi/policy/proxy";
import { assertViolations, change, check, cpuMillis, happyOrganization, StackBuilder, TYPES, UNKNOWN_STRING } from "./guardrailFixture";
import { guardrailPolicies } from "../../policypacks/aws-org-guardrails/policies";
import { isUnknownValueError, read, UNKNOWN, UNKNOWN_SENTINELS } from "../../policypacks/aws-org-guardrails/policies/known";
import { CapturedResource } from "../../src/plan/types";
import { present } from "../support/present";

/** A stack that breaks one mandatory and one advisory guardrail. */
function brokenStack(): CapturedResource[] {
    const stack = change(happyOrganization(), TYPES.organization, "organization", { options: { protect: false } });
    return change(stack, TYPES.account, "legacy-site", { inputs: { tags: undefined } });
}

/** A resource policy that records what it was given. */
function recorder(seen: ResourceValidationArgs[], extra: Partial<ResourceValidationPolicy> = {}): ResourceValidationPolicy {
    return { name: "recorder", description: "Checks nothing; records its arguments.", validateResource: (args) => void seen.push(args), ...extra };
}

describe("runPolicies", () => {
    describe("enforcement levels", () => {
        it("reports each policy at its own level by default", () => {
            assertViolations(check(brokenStack()), [
                { policy: "organization-protected", enforcementLevel: "mandatory" },
                { policy: "account-required-tags", enforcementLevel: "advisory" },
            ]);
        });

        it("lowers every policy with `all`, and a policy's own entry wins over `all`", () => {
            assertViolations(check(brokenStack(), { all: "advisory", "account-required-tags": "mandatory" }), [
                { policy: "organization-protected", enforcementLevel: "advisory" },
                { policy: "account-required-tags", enforcementLevel: "mandatory" },
            ]);
        });

        it("counts `remediate` as mandatory and does not run `disabled` policies", () => {
            assertViolations(check(brokenStack(), { "organization-protected": { enforcementLevel: "disabled" }, "account-required-tags": "remediate" }), [
                { policy: "account-required-tags", enforcementLevel: "mandatory" },
            ]);
        });
    });

    describe("validation arguments, as CrossGuard builds them", () => {
        it("gives a resource policy the inputs, options and settings with their defaults", () => {
            const seen: ResourceValidationArgs[] = [];
            const policy = recorder(seen, { configSchema: { properties: { limit: { type: "integer", default: 3 }, label: { type: "string" } } } });
            check(happyOrganization(), { recorder: { label: "x" } }, [policy]);
            const account = present(seen.find((a) => a.type === TYPES.account && a.name === "hipaa-prod"));
            assert.strictEqual(account.props.email, "aws+hipaa-prod@example.com");
            assert.strictEqual(account.opts.protect, true);
            assert.strictEqual(account.opts.customTimeouts.createSeconds, 3600);
            assert.match(account.opts.parent ?? "", /aws-org:account:Account::hipaa-prod$/);
            assert.match(account.urn, /^urn:pulumi:test::aws-org::.*aws:organizations\/account:Account::hipaa-prod$/);
            assert.deepStrictEqual(account.getConfig(), { limit: 3, label: "x" });
            assert.strictEqual(account.stackTags.size, 0);
        });

        it("recognizes a resource class by its Pulumi type token", () => {
            const seen: ResourceValidationArgs[] = [];
            check(happyOrganization(), undefined, [recorder(seen)]);
            // Stands in for a resource class, which CrossGuard recognizes by its static type token.
            // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- a class is what `isType` takes
            class Account {
                static readonly __pulumiType = TYPES.account;
            }
            const accounts = seen.filter((a) => a.isType(Account as never));
            assert.deepStrictEqual(accounts.map((a) => a.name), ["hipaa-prod", "pci-prod", "legacy-site"]);
            const first = present(accounts[0]);
            assert.strictEqual(first.asType(Account as never), first.props);
        });

        it("links a stack policy's resources to their parents and dependencies", () => {
            let resources: PolicyResource[] = [];
            const policy: StackValidationPolicy = { name: "links", description: "Checks nothing; records the stack.", validateStack: (args) => void (resources = args.resources) };
            check(happyOrganization(), undefined, [policy]);
            const pci = present(resources.find((r) => r.type === TYPES.account && r.name === "pci-prod"));
            assert.strictEqual(pci.parent?.type, "aws-org:account:Account");
            assert.strictEqual(pci.parent.parent?.name, "HIPAA/PCI");
            assert.deepStrictEqual(pci.propertyDependencies.parentId?.map((r) => r.name), ["HIPAA/PCI"]);
            const deny = present(resources.find((r) => r.name === "DenyLeaveOrganization"));
            assert.deepStrictEqual(deny.dependencies.map((r) => r.name), ["organization"]);
        });

        it("shows a stack policy each component's registered outputs, as the engine does, and a resource policy its inputs", () => {
            let resources: PolicyResource[] = [];
            const policy: StackValidationPolicy = { name: "outputs", description: "Checks nothing; records the stack.", validateStack: (args) => void (resources = args.resources) };
            const seen: ResourceValidationArgs[] = [];
            check(happyOrganization(), undefined, [policy, recorder(seen)]);
            assert.deepStrictEqual(read(resources.find((r) => r.type === TYPES.organizationComponent)?.props, "regions"), ["us-east-1"]);
            assert.deepStrictEqual(seen.find((a) => a.type === TYPES.organizationComponent)?.props, {});
        });
    });

    describe("failures", () => {
        it("reports a policy that reads an unknown value as unable to run, as a preview does", () => {
            const policy: ResourceValidationPolicy = {
                name: "reads-ids",
                description: "Checks parent ids naively.",
                enforcementLevel: "mandatory",
                validateResource: (args) => void String(args.props.parentId),
            };
            const stack = change(happyOrganization(), TYPES.account, "hipaa-prod", { inputs: { parentId: UNKNOWN_STRING } });
            assertViolations(check(stack, undefined, [policy]), [
                { policy: "reads-ids", enforcementLevel: "advisory", resource: "hipaa-prod", message: /could not run: string value at \.parentId can't be known during preview/ },
            ]);
        });

        it("names the policy and the resource when a policy throws", () => {
            const policy: ResourceValidationPolicy = {
                name: "broken",
                description: "Checks nothing; fails.",
                validateResource: (args) => {
                    if (args.name === "pci-prod") throw new Error("boom");
                },
            };
            assert.throws(() => check(happyOrganization(), undefined, [policy]), /Policy `broken` failed on `pci-prod`: boom/);
        });

        it("refuses an asynchronous policy, which it cannot wait for", () => {
            const policy: StackValidationPolicy = { name: "slow", description: "Checks nothing, later.", validateStack: () => Promise.resolve() };
            assert.throws(() => check(happyOrganization(), undefined, [policy]), /`slow` is asynchronous/);
        });
    });

    describe("unknown values", () => {
        it("are recognized by the policies as CrossGuard raises them", () => {
            const { unknownCheckingProxy } = crossGuardProxy as unknown as { unknownCheckingProxy: <T>(value: T) => T };
            const props = unknownCheckingProxy({ targetId: UNKNOWN_STRING, tags: { team: "web" } });
            assert.throws(() => props.targetId, (e: unknown) => isUnknownValueError(e));
            assert.strictEqual(read(props, "targetId"), UNKNOWN);
            assert.strictEqual(read(props, "tags", "team"), "web");
        });

        it("use CrossGuard's sentinels", () => {
            const sentinels = crossGuardProxy as unknown as Record<string, unknown>;
            const theirs = Object.keys(sentinels).filter((k) => /^unknown[A-Z]\w*Value$/.test(k)).map((k) => sentinels[k]);
            assert.deepStrictEqual(new Set(theirs), new Set(UNKNOWN_SENTINELS.keys()));
        });
    });

    it("runs every guardrail over 6,000 resources in well under a second", () => {
        const b = new StackBuilder();
        const top = b.add("aws-org:index:Organization", "aws-org");
        const org = b.add(TYPES.organization, "organization", { parent: top, inputs: { featureSet: "ALL", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"] }, options: { protect: true } });
        b.rootAccess(top, org);
    b.rootAccess(top, org);
        b.add(TYPES.scpAttachments, "root", { parent: top, inputs: { targetKind: "root", targetName: "root", policyNames: ["FullAWSAccess"] }, options: { protect: true } });
        const ous: [CapturedResource, CapturedResource][] = [];
        for (let i = 0; i < 300; i++) {
            const component = b.add(TYPES.organizationalUnitComponent, `unit-${i}`, { parent: top });
            const ou = b.add(TYPES.organizationalUnit, `unit-${i}`, { parent: component, inputs: { name: `unit-${i}`, parentId: "r-ab12" }, from: { parentId: [org] } });
            b.add(TYPES.scpAttachments, `ou/unit-${i}`, { parent: component, inputs: { targetKind: "ou", targetName: `unit-${i}`, policyNames: ["FullAWSAccess"] }, from: { targetId: [ou] } });
            ous.push([component, ou]);
        }
        const accounts: CapturedResource[] = [];
        for (let i = 0; i < 2500; i++) {
            const [component, ou] = present(ous[i % ous.length]);
            accounts.push(b.account(`account-${i}`, component, ou, { after: accounts[i - 5] }));
        }
        assert.ok(b.resources.length >= 5900, `${b.resources.length} resources`);
        const ms = cpuMillis(() => assertViolations(check(b.resources, undefined, guardrailPolicies), []));
        assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms of CPU`);
    });
});
