import * as assert from "assert";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import * as awsOrganizations from "@pulumi/aws/organizations";
import * as pulumi from "@pulumi/pulumi";
import { version as SDK_VERSION } from "@pulumi/pulumi/version";
import { captureProgram } from "../../src/plan/captureProgram";
import { MockIds } from "../../src/plan/mockIds";
import { CapturedResource } from "../../src/plan/types";

/**
 * What the offline plan relies on in the registration requests `@pulumi/pulumi` sends to the
 * engine (here, the mock monitor): a program with every option the plan reads, and every
 * field asserted. An SDK upgrade that changes a request fails here, saying what changed.
 */

const STACK = "pin";
const URN = `urn:pulumi:${STACK}::aws-org::`;
const ORG = `${URN}aws:organizations/organization:Organization::organization`;
const OUTER = `${URN}pin:index:Outer::outer`;
const INNER = `${URN}pin:index:Outer$pin:index:Inner::inner`;
const LIBRARY = `${URN}pin:index:Library::library`;
const POLICY = `${URN}pin:index:Library$aws:organizations/policy:Policy::deny`;
const PROVIDER = `${URN}pulumi:providers:aws::management`;
const OU = `${URN}pin:index:Outer$pin:index:Inner$aws:organizations/organizationalUnit:OrganizationalUnit::Workloads`;
const ACCOUNT = `${URN}pin:index:Outer$pin:index:Inner$aws:organizations/account:Account::acct`;
/** The ids the plan's mocks give, for inputs computed from other resources' outputs. */
const IDS = new MockIds(STACK);

class Group extends pulumi.ComponentResource {
    constructor(type: string, name: string, opts: pulumi.ComponentResourceOptions = {}) {
        super(type, name, {}, opts);
        this.registerOutputs({});
    }
}

/** A component whose outputs are known only a while after it is registered. */
class LateOutputs extends pulumi.ComponentResource {
    constructor(name: string, opts: pulumi.ComponentResourceOptions) {
        super("pin:index:Leaf", name, {}, opts);
        const later = new Promise<string>((resolve) => {
            setTimeout(() => {
                resolve("done");
            }, 100);
        });
        this.registerOutputs({ later });
    }
}

/** Resolves once an Output whose value is known (as under mocks) has it. */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

function program(): { ou: awsOrganizations.OrganizationalUnit; account: awsOrganizations.Account } {
    const organization = new awsOrganizations.Organization("organization", { featureSet: "ALL" }, { protect: true });
    const outer = new Group("pin:index:Outer", "outer", { aliases: [{ name: "old-outer" }] });
    const inner = new Group("pin:index:Inner", "inner", { parent: outer });
    const library = new Group("pin:index:Library", "library");
    new awsOrganizations.Policy("deny", { content: "{}", type: "SERVICE_CONTROL_POLICY" }, { parent: library, dependsOn: [organization] });
    const provider = new AwsProvider("management", { region: "us-east-1" });
    const ou = new awsOrganizations.OrganizationalUnit(
        "Workloads",
        { name: "Workloads", parentId: organization.roots.apply((roots) => roots.map((r) => r.id).join()) },
        { parent: inner, aliases: [{ name: "Apps" }, { parent: pulumi.rootStackResource }], deleteBeforeReplace: true, retainOnDelete: true },
    );
    const account = new awsOrganizations.Account(
        "acct",
        { name: "acct", email: "acct@example.com", parentId: ou.id },
        {
            parent: inner,
            protect: true,
            import: "123456789012",
            ignoreChanges: ["roleName"],
            customTimeouts: { create: "60m", delete: "2h" },
            dependsOn: [library],
            replaceOnChanges: ["email"],
            provider,
            aliases: [`${URN}aws:organizations/account:Account::legacy`],
        },
    );
    return { ou, account };
}

/** Compares one field, naming the SDK version, the resource, and what the plan expected. */
function expectField(resource: CapturedResource, field: string, actual: unknown, expected: unknown, why: string): void {
    assert.deepStrictEqual(
        actual,
        expected,
        `@pulumi/pulumi ${SDK_VERSION} changed what the engine receives: \`${field}\` of ${resource.name} [${resource.type}] is ${JSON.stringify(actual)}, ` +
            `the plan relies on ${JSON.stringify(expected)} (${why}).`,
    );
}

const NO_OPTIONS = { protect: false, dependsOn: [], retainOnDelete: false, ignoreChanges: [], aliases: [], replaceOnChanges: [] };
const NO_LINKS = { dependencies: [], propertyDependencies: {} };

/** Every field the plan reads, per resource (the provider's inputs: only those the program set). */
const EXPECTED: Readonly<Record<string, Omit<CapturedResource, "urn"> & { why: string }>> = {
    [ORG]: { type: "aws:organizations/organization:Organization", name: "organization", parentUrn: null, custom: true, inputs: { featureSet: "ALL" }, options: { ...NO_OPTIONS, protect: true }, ...NO_LINKS, why: "a stack child, protected" },
    [OUTER]: {
        type: "pin:index:Outer",
        name: "outer",
        parentUrn: null,
        custom: false,
        inputs: {},
        options: { ...NO_OPTIONS, aliases: [{ urn: `${URN}pin:index:Outer::old-outer`, parentUrn: null }] },
        ...NO_LINKS,
        why: "a component renamed, aliased by name",
    },
    [INNER]: { type: "pin:index:Inner", name: "inner", parentUrn: OUTER, custom: false, inputs: {}, options: NO_OPTIONS, ...NO_LINKS, why: "a component inside a component: the URN carries both types" },
    [LIBRARY]: { type: "pin:index:Library", name: "library", parentUrn: null, custom: false, inputs: {}, options: NO_OPTIONS, ...NO_LINKS, why: "a component another resource depends on" },
    [POLICY]: {
        type: "aws:organizations/policy:Policy",
        name: "deny",
        parentUrn: LIBRARY,
        custom: true,
        inputs: { content: "{}", type: "SERVICE_CONTROL_POLICY" },
        options: { ...NO_OPTIONS, dependsOn: [ORG] },
        dependencies: [ORG],
        propertyDependencies: {},
        why: "an explicit dependsOn on a custom resource",
    },
    [OU]: {
        type: "aws:organizations/organizationalUnit:OrganizationalUnit",
        name: "Workloads",
        parentUrn: INNER,
        custom: true,
        inputs: { name: "Workloads", parentId: IDS.rootId },
        options: {
            ...NO_OPTIONS,
            retainOnDelete: true,
            deleteBeforeReplace: true,
            aliases: [
                { urn: `${INNER.replace(/::inner$/, "")}$aws:organizations/organizationalUnit:OrganizationalUnit::Apps`, parentUrn: INNER },
                { urn: `${URN}aws:organizations/organizationalUnit:OrganizationalUnit::Workloads`, parentUrn: null },
            ],
        },
        dependencies: [ORG],
        propertyDependencies: { parentId: [ORG] },
        why: "an input computed from another resource's output; aliased by name and by a former place at the stack",
    },
    [ACCOUNT]: {
        type: "aws:organizations/account:Account",
        name: "acct",
        parentUrn: INNER,
        custom: true,
        inputs: { name: "acct", email: "acct@example.com", parentId: IDS.ou("Workloads") },
        options: {
            protect: true,
            import: "123456789012",
            dependsOn: [POLICY],
            retainOnDelete: false,
            ignoreChanges: ["roleName"],
            customTimeouts: { create: "60m", delete: "2h" },
            aliases: [{ urn: `${URN}aws:organizations/account:Account::legacy` }],
            replaceOnChanges: ["email"],
            provider: `${PROVIDER}::management-id`,
        },
        dependencies: [POLICY, OU],
        propertyDependencies: { parentId: [OU] },
        why: "protected, imported, an explicit provider; its dependsOn names a component, which stands for the resources inside it",
    },
};

describe("plan machinery: the registration requests the plan relies on", () => {
    let resources: CapturedResource[];
    let seen: { ou: string; account: string };

    before(async () => {
        let built: ReturnType<typeof program> | undefined;
        resources = await captureProgram({
            run: () => {
                built = program();
            },
            config: { "aws:region": "us-east-1" },
            model: undefined,
            stack: STACK,
        });
        assert.ok(built);
        seen = { ou: await valueOf(built.ou.urn), account: await valueOf(built.account.urn) };
    });

    it("records each resource once, the stack itself left out, with the URN the engine computes", () => {
        assert.deepStrictEqual(
            resources.map((r) => r.urn).sort(),
            [...Object.keys(EXPECTED), PROVIDER].sort(),
            `@pulumi/pulumi ${SDK_VERSION}: the URNs registered differ from the engine's (every parent's type, \`$\`-joined, the stack's left out)`,
        );
    });

    it("computes each URN, and each alias's, as the SDK's own `createUrn` does", async () => {
        const pairs = resources.flatMap((r) => [
            { urn: r.urn, parent: r.parentUrn },
            ...r.options.aliases.flatMap((a) => (a.parentUrn === undefined ? [] : [{ urn: a.urn, parent: a.parentUrn }])),
        ]);
        for (const { urn, parent } of pairs) {
            const name = urn.slice(urn.lastIndexOf("::") + 2);
            const type = urn.split("::")[2]?.split("$").pop() ?? "";
            const sdk = await valueOf(pulumi.createUrn(name, type, parent ?? undefined, "aws-org", STACK));
            assert.strictEqual(urn, sdk, `@pulumi/pulumi ${SDK_VERSION}: createUrn now gives ${sdk} where the plan's monitor gives ${urn}`);
        }
    });

    it("gives the program the same URNs it records", () => {
        const message = `@pulumi/pulumi ${SDK_VERSION}: a resource's \`urn\` differs from the URN the plan recorded for it`;
        assert.strictEqual(seen.ou, OU, message);
        assert.strictEqual(seen.account, ACCOUNT, message);
    });

    for (const [urn, expected] of Object.entries(EXPECTED)) {
        it(`records ${expected.name} [${expected.type}]: ${expected.why}`, () => {
            const found = resources.find((r) => r.urn === urn);
            assert.ok(found, `@pulumi/pulumi ${SDK_VERSION}: nothing registered as ${urn}`);
            for (const field of ["type", "name", "parentUrn", "custom", "inputs", "dependencies", "propertyDependencies"] as const) {
                expectField(found, field, found[field], expected[field], expected.why);
            }
            const fields = new Set([...Object.keys(found.options), ...Object.keys(expected.options)]);
            for (const option of fields) {
                const key = option as keyof CapturedResource["options"];
                expectField(found, `options.${option}`, found.options[key], expected.options[key], expected.why);
            }
        });
    }

    it("records an explicit provider as a custom resource with the inputs it was given", () => {
        const provider = resources.find((r) => r.urn === PROVIDER);
        assert.ok(provider, `@pulumi/pulumi ${SDK_VERSION}: the explicit provider was not registered as ${PROVIDER}`);
        expectField(provider, "custom", provider.custom, true, "providers are custom resources");
        expectField(provider, "inputs.region", provider.inputs.region, "us-east-1", "the provider's own inputs");
    });

    it("waits for a registration that arrives after the stack's outputs are known", async () => {
        const late = await captureProgram({
            run: () => {
                const content = new Promise<string>((resolve) => {
                    setTimeout(() => {
                        resolve("{}");
                    }, 200);
                });
                new awsOrganizations.Policy("late", { content, type: "SERVICE_CONTROL_POLICY" });
                return {};
            },
            config: { "aws:region": "us-east-1" },
            stack: STACK,
        });
        assert.deepStrictEqual(
            late.map((r) => [r.name, r.inputs.content]),
            [["late", "{}"]],
        );
    });

    it("keeps apart two resources that the SDK's mock monitor would give the same URN", async () => {
        // By the nearest parent's type both leaves are `pin:index:Inner$pin:index:Leaf::leaf`; the
        // first registers its outputs after the second is registered.
        const leaves = await captureProgram({
            run: () => {
                new LateOutputs("leaf", { parent: new Group("pin:index:Inner", "shallow") });
                new Group("pin:index:Leaf", "leaf", { parent: new Group("pin:index:Inner", "deep", { parent: new Group("pin:index:Outer", "outer") }) });
            },
            config: { "aws:region": "us-east-1" },
            stack: STACK,
        });
        assert.deepStrictEqual(
            leaves.filter((r) => r.name === "leaf").map((r) => r.urn).sort(),
            [`${URN}pin:index:Inner$pin:index:Leaf::leaf`, `${URN}pin:index:Outer$pin:index:Inner$pin:index:Leaf::leaf`],
        );
    });

    it("records what a component registers as its outputs, which stack policies see, and nothing for custom resources", async () => {
        const recorded = await captureProgram({
            run: () => {
                const parent = new LateOutputs("facts", {});
                new awsOrganizations.Policy("inside", { content: "{}", type: "SERVICE_CONTROL_POLICY" }, { parent });
            },
            config: { "aws:region": "us-east-1" },
            stack: STACK,
        });
        const byName = new Map(recorded.map((r) => [r.name, r]));
        assert.deepStrictEqual(byName.get("facts")?.outputs, { later: "done" }, `@pulumi/pulumi ${SDK_VERSION}: a component's registered outputs did not reach the monitor`);
        assert.strictEqual(byName.get("inside")?.outputs, undefined);
    });

    it("fails, as the engine does, when two resources would have the same URN", async () => {
        await assert.rejects(
            captureProgram({
                run: () => {
                    new awsOrganizations.Policy("twice", { content: "{}", type: "SERVICE_CONTROL_POLICY" });
                    new awsOrganizations.Policy("twice", { content: "{}", type: "SERVICE_CONTROL_POLICY" });
                },
                config: { "aws:region": "us-east-1" },
                stack: STACK,
            }),
            /twice \[aws:organizations\/policy:Policy\]: Duplicate resource URN 'urn:pulumi:pin::aws-org::aws:organizations\/policy:Policy::twice'/,
        );
    });
});
