import * as assert from "assert";
import { computeChanges, deployedFromPlan, renameHints, ResourceChange, UNKNOWN_VALUE } from "../../src/plan/changes";
import { DeployedResource } from "../../src/plan/deployedResource";
import { REPLACE_RULES } from "../../src/plan/replaceRules";
import { CapturedResource } from "../../src/plan/types";
import { buildUnderMocks, TYPES } from "../support/capture";
import { loadModel, yaml } from "../support/orgFiles";
import { present } from "../support/present";

interface Variant {
    readonly defaults?: string;
    readonly description?: string;
    readonly apps?: string;
    readonly appsAccounts?: string;
    readonly appsChildren?: string;
    readonly sandbox?: string;
    readonly sandboxAccounts?: string;
    readonly rootAccounts?: string;
}

const SHOP = "{ name: shop, email: shop@example.com, policies: [FullAWSAccess, AllowS3] }";
const LAB = "{ name: lab, email: lab@example.com }";
const MANAGEMENT = '{ name: management, email: mgmt@example.com, id: "111111111111" }';

/** One version of a small organization; each test changes one part of it. */
function file(v: Variant = {}): string {
    return [
        "organization:",
        "  featureSet: ALL",
        '  managementAccountId: "111111111111"',
        ...(v.defaults === undefined ? [] : [`  defaults: ${v.defaults}`]),
        "policies:",
        `  AllowS3: { file: policies/allow-s3.json, description: ${v.description ?? "S3 only"} }`,
        "root: { policies: [FullAWSAccess] }",
        "organizationalUnits:",
        `  - ${v.apps ?? "name: Apps"}`,
        "    policies: [AllowS3]",
        `    accounts: [${v.appsAccounts ?? SHOP}]`,
        ...(v.appsChildren === undefined ? [] : [`    organizationalUnits: [${v.appsChildren}]`]),
        ...(v.sandbox === "" ? [] : [`  - ${v.sandbox ?? "name: Sandbox"}`, `    accounts: [${v.sandboxAccounts ?? LAB}]`]),
        `accounts: [${v.rootAccounts ?? MANAGEMENT}]`,
        "",
    ].join("\n");
}

/** The changes from the plan of one version of a file to the plan of another. */
async function changesBetween(before: string, after: string): Promise<ResourceChange[]> {
    const old = await buildUnderMocks(loadModel(before));
    const now = await buildUnderMocks(loadModel(after));
    return computeChanges(now.all, deployedFromPlan(old.all));
}

function changed(changes: readonly ResourceChange[]): string[] {
    return changes.filter((c) => c.op !== "same").map((c) => `${c.op} ${c.name} [${c.type}]${c.diffs.length > 0 ? ` ${c.diffs.map((d) => `${d.property}${d.replaces ? "!" : ""}`).join(",")}` : ""}`);
}

describe("The change review: what `pulumi up` does between two versions of a file", function () {
    this.timeout(60_000);

    it("the same file changes nothing", async () => {
        const changes = await changesBetween(file(), file());
        assert.deepStrictEqual(changed(changes), []);
        assert.ok(changes.length > 10 && changes.every((c) => c.op === "same"));
    });

    it("without a before, every resource is created or adopted", async () => {
        const now = await buildUnderMocks(loadModel(file()));
        const changes = computeChanges(now.all, undefined);
        assert.deepStrictEqual([...new Set(changes.map((c) => c.op))].sort(), ["adopt", "create"]);
        assert.strictEqual(present(changes.find((c) => c.name === "management" && c.type === TYPES.account)).op, "adopt");
    });

    it("create: a new account, and its SCP set", async () => {
        const after = file({ sandboxAccounts: `${LAB}, { name: lab2, email: lab2@example.com, policies: [AllowS3] }` });
        assert.deepStrictEqual(changed(await changesBetween(file(), after)), [
            "create lab2 [aws-org:account:Account]",
            "create lab2 [aws:organizations/account:Account]",
            "create account/lab2 [pulumi-nodejs:dynamic/aws-org:ScpAttachments]",
        ]);
    });

    it("adopt: an account with an id that the state does not have yet", async () => {
        const after = file({ rootAccounts: `${MANAGEMENT}, { name: joined, email: joined@example.com, id: "222222222222" }` });
        assert.deepStrictEqual(changed(await changesBetween(file(), after)), [
            "create joined [aws-org:account:Account]",
            "adopt joined [aws:organizations/account:Account]",
            // An adopted account's SCPs are made exact, whatever was attached in AWS.
            "create account/joined [pulumi-nodejs:dynamic/aws-org:ScpAttachments]",
        ]);
    });

    it("update: a renamed account with its previous name is one in-place update of its name", async () => {
        const after = file({ appsAccounts: SHOP.replace("name: shop,", "name: web-shop, previousNames: [shop],") });
        const changes = await changesBetween(file(), after);
        assert.deepStrictEqual(changed(changes), ["update web-shop [aws:organizations/account:Account] name"]);
        const diff = present(changes.find((c) => c.op === "update")?.diffs[0]);
        assert.deepStrictEqual([diff.old, diff.new, diff.replaces], ["shop", "web-shop", false]);
        assert.strictEqual(present(changes.find((c) => c.name === "account/web-shop")).op, "same", "its SCP set: the provider compares ids, not the names shown in messages");
    });

    it("update: a renamed OU with its previous path renames it in place; its accounts stay", async () => {
        const after = file({ apps: "name: Applications\n    previousPaths: [Apps]" });
        assert.deepStrictEqual(changed(await changesBetween(file(), after)), ["update Applications [aws:organizations/organizationalUnit:OrganizationalUnit] name"]);
    });

    it("update: an account moved to another OU is an in-place MoveAccount", async () => {
        const after = file({ appsAccounts: "", sandboxAccounts: `${LAB}, ${SHOP}` });
        assert.deepStrictEqual(changed(await changesBetween(file(), after)), ["update shop [aws:organizations/account:Account] parentId"]);
    });

    it("update: a changed SCP description", async () => {
        assert.deepStrictEqual(changed(await changesBetween(file(), file({ description: "Only S3" }))), ["update AllowS3 [aws:organizations/policy:Policy] description"]);
    });

    it("replace: a new email creates a new account (the provider's ForceNew), and its SCP set follows it", async () => {
        const changes = await changesBetween(file(), file({ appsAccounts: SHOP.replace("shop@example.com", "web-shop@example.com") }));
        assert.deepStrictEqual(changed(changes), [
            "replace shop [aws:organizations/account:Account] email!",
            "replace account/shop [pulumi-nodejs:dynamic/aws-org:ScpAttachments] targetId!",
        ]);
        const set = present(changes.find((c) => c.name === "account/shop"));
        assert.strictEqual(set.diffs[0]?.new, UNKNOWN_VALUE, "the new account's id is known only once it exists");
    });

    it("replace: an OU moved under another parent, its move allowed, is a new OU; its accounts move into it", async () => {
        const after = file({ sandbox: "", appsChildren: `{ name: Sandbox, previousPaths: [Sandbox], allowReplacement: true, accounts: [${LAB}] }` });
        const ops = changed(await changesBetween(file(), after));
        assert.ok(ops.includes("replace Apps/Sandbox [aws:organizations/organizationalUnit:OrganizationalUnit] parentId!"), ops.join("\n"));
        assert.ok(ops.includes("update lab [aws:organizations/account:Account] parentId"), ops.join("\n"));
    });

    it("replace: an organization going back to consolidated billing", async () => {
        const simple = "organization: { featureSet: ALL }\nroot: {}\n";
        const ops = changed(await changesBetween(simple, simple.replace("featureSet: ALL", "featureSet: CONSOLIDATED_BILLING")));
        assert.ok(ops.includes("replace organization [aws:organizations/organization:Organization] enabledPolicyTypes,featureSet!"), ops.join("\n"));
    });

    it("nothing for a new default role name or billing access: both are create-only, their changes ignored", async () => {
        assert.deepStrictEqual(changed(await changesBetween(file(), file({ defaults: "{ roleName: PlatformAccess, iamUserAccessToBilling: DENY }" }))), []);
    });

    it("delete: an account removed from the file, flagged when it is protected", async () => {
        const changes = await changesBetween(file(), file({ sandboxAccounts: "" }));
        assert.deepStrictEqual(changed(changes), ["delete lab [aws-org:account:Account]", "delete lab [aws:organizations/account:Account]"]);
        assert.strictEqual(present(changes.find((c) => c.op === "delete" && c.type === TYPES.account)).before?.protect, true);
    });

    it("a rename without its previous name is a new account and a deleted one, and the review names the line that keeps it", async () => {
        const changes = await changesBetween(file(), file({ appsAccounts: SHOP.replace("name: shop,", "name: web-shop,") }));
        assert.ok(changed(changes).includes("delete shop [aws:organizations/account:Account]"));
        assert.deepStrictEqual(renameHints(changes).map((h) => [h.created.name, h.line]), [["web-shop", "previousNames: [shop]"]]);
    });
});

const EVERY_TYPE = yaml`
    organization:
      featureSet: ALL
      rootAccess: { credentialsManagement: true }
      delegatedAdministrators: { guardduty.amazonaws.com: app }
      resourcePolicy: { file: policies/org-resource-policy.json }
    root: {}
    organizationalUnits:
      - name: Apps
        policies: [AllowS3]
        accounts:
          - name: app
            email: app@example.com
            alternateContacts: { security: { name: Sec Team, title: CISO, email: sec@example.com, phone: "+1-555-0100" } }
            primaryContact: { fullName: Jane Doe, addressLine1: 1 Main St, city: Springfield, stateOrRegion: IL, postalCode: "62701", countryCode: US, phone: "+1 555 0100" }
            optInRegions: [af-south-1]
    policies:
      AllowS3: { file: policies/allow-s3.json }
    identityCenter:
      permissionSets:
        Dev:
          managedPolicies: [PowerUserAccess]
          customerManagedPolicies: [{ name: team-extra, path: / }]
          inlinePolicy: policies/allow-s3.json
          permissionsBoundary: { managedPolicy: PowerUserAccess }
      groups: [{ name: developers, create: true }]
      assignments:
        - { group: developers, permissionSet: Dev, targets: [Apps] }
`;

const EVERY_TYPE_FILES = {
    "policies/org-resource-policy.json": JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "Read", Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: "organizations:Describe*", Resource: "*" }],
    }),
};

describe("The replace-on-change table: every row replaces the resource", function () {
    this.timeout(60_000);

    it("has a row for every resource type the program registers", async () => {
        const plan = await buildUnderMocks(loadModel(EVERY_TYPE, EVERY_TYPE_FILES));
        const types = [...new Set(plan.all.filter((r) => r.custom).map((r) => r.type))].sort();
        assert.deepStrictEqual(types.filter((t) => !(t in REPLACE_RULES)), []);
    });

    it("for each rule, a state with another value of the input gives a replace, with the rule's reason", async () => {
        const plan = await buildUnderMocks(loadModel(EVERY_TYPE, EVERY_TYPE_FILES));
        const deployed = deployedFromPlan(plan.all);
        for (const [type, rules] of Object.entries(REPLACE_RULES)) {
            const resource = plan.all.find((r) => r.type === type);
            assert.ok(resource, `the program registers no ${type} in this file`);
            for (const rule of rules) {
                const old = rule.property === "featureSet" ? "ALL" : `other-${JSON.stringify(resource.inputs[rule.property] ?? "value")}`;
                const after: CapturedResource[] = rule.property === "featureSet" ? plan.all.map((r) => (r === resource ? { ...r, inputs: { ...r.inputs, featureSet: "CONSOLIDATED_BILLING" } } : r)) : [...plan.all];
                const before: DeployedResource[] = deployed.map((d) => (d.urn === resource.urn ? { ...d, inputs: { ...d.inputs, [rule.property]: old } } : d));
                const change: ResourceChange = present(computeChanges(after, before).find((c) => c.urn === resource.urn), resource.urn);
                if (resource.options.ignoreChanges.includes(rule.property)) {
                    // The program keeps such an input as it was created: no change, so no replacement.
                    assert.strictEqual(change.op, "same", `${type} ${rule.property} is ignored`);
                    continue;
                }
                assert.strictEqual(change.op, "replace", `${type} ${rule.property}`);
                assert.deepStrictEqual(change.diffs.filter((d) => d.property === rule.property).map((d) => [d.replaces, d.because]), [[true, rule.because]], `${type} ${rule.property}`);
            }
        }
    });

    it("an organization turning all features on again is an update, not a replace", async () => {
        const plan = await buildUnderMocks(loadModel(EVERY_TYPE, EVERY_TYPE_FILES));
        const org = present(plan.all.find((r) => r.type === TYPES.organization));
        const before = deployedFromPlan(plan.all).map((d) => (d.urn === org.urn ? { ...d, inputs: { ...d.inputs, featureSet: "CONSOLIDATED_BILLING" } } : d));
        assert.strictEqual(present(computeChanges(plan.all, before).find((c) => c.urn === org.urn)).op, "update");
    });
});
