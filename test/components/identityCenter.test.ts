import * as assert from "assert";
import { buildUnderMocks, Resources } from "../support/capture";
import { loadYaml, yaml } from "../support/orgFiles";
import { OrgModel } from "../../src/model/types";

const ASSIGNMENT = "aws:ssoadmin/accountAssignment:AccountAssignment";

/** An organization where `app` sits in `where`; Apps grants developers access, Sandbox does not. */
function model(where: "Apps" | "Sandbox" | "Other"): OrgModel {
    const r = loadYaml(yaml`
        organizationalUnits:
          - name: Apps
            accounts: ${where === "Apps" ? "[{ name: app, email: app@example.com }]" : "[]"}
          - name: Sandbox
            accounts: ${where === "Sandbox" ? "[{ name: app, email: app@example.com }]" : "[]"}
          - name: Other
            accounts: ${where === "Other" ? "[{ name: app, email: app@example.com }]" : "[]"}
        accounts:
          - { name: tools, email: tools@example.com }
        identityCenter:
          permissionSets:
            Dev: { managedPolicies: [PowerUserAccess], sessionDuration: PT8H, relayState: "https://console.aws.amazon.com/ec2/" }
          groups: [developers, { name: admins, create: true, description: Platform team }]
          assignments:
            - { group: developers, permissionSet: Dev, targets: [Apps, Other] }
            - { group: admins, permissionSet: AdminWithoutBilling, targets: [/] }
    `);
    assert.ok(r.model, JSON.stringify(r.diagnostics));
    return r.model;
}

const assignmentNames = (resources: Resources) => resources.ofType(ASSIGNMENT).map((r) => r.name).sort();

describe("IdentityCenter component (under mocks)", () => {
    it("builds each permission set with its exact policies, creates or looks up groups, and one assignment per account, permission set and group", async () => {
        const resources = await buildUnderMocks(model("Apps"));
        const ps = resources.get("aws:ssoadmin/permissionSet:PermissionSet", "permission-set/Dev");
        assert.deepStrictEqual(
            { name: ps.inputs.name, sessionDuration: ps.inputs.sessionDuration, relayState: ps.inputs.relayState },
            { name: "Dev", sessionDuration: "PT8H", relayState: "https://console.aws.amazon.com/ec2/" },
        );
        assert.match(String(ps.inputs.instanceArn), /^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/);
        const managed = resources.get("aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive", "permission-set/Dev/managed-policies");
        assert.deepStrictEqual(managed.inputs.managedPolicyArns, ["arn:aws:iam::aws:policy/PowerUserAccess"]);
        const customer = resources.get("aws:ssoadmin/customerManagedPolicyAttachmentsExclusive:CustomerManagedPolicyAttachmentsExclusive", "permission-set/Dev/customer-managed-policies");
        assert.deepStrictEqual(customer.inputs.customerManagedPolicyReferences, []);
        const inline = resources.get("aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy", "permission-set/AdminWithoutBilling/inline-policy");
        assert.match(String(inline.inputs.inlinePolicy), /"Effect":"Deny","Action":\["aws-marketplace:\*",.*"billing:\*",.*"ce:\*"/);
        assert.strictEqual(resources.find("aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy", "permission-set/Dev/inline-policy"), undefined);

        const group = resources.get("aws:identitystore/group:Group", "group/admins");
        assert.deepStrictEqual({ displayName: group.inputs.displayName, description: group.inputs.description }, { displayName: "admins", description: "Platform team" });
        assert.strictEqual(resources.find("aws:identitystore/group:Group", "group/developers"), undefined, "developers is looked up, not created");

        assert.deepStrictEqual(assignmentNames(resources), ["assignment/AdminWithoutBilling/admins/app", "assignment/AdminWithoutBilling/admins/tools", "assignment/Dev/developers/app"]);
        const a = resources.get(ASSIGNMENT, "assignment/Dev/developers/app");
        const account = resources.get("aws:organizations/account:Account", "app");
        assert.strictEqual(a.inputs.principalType, "GROUP");
        assert.strictEqual(a.inputs.targetType, "AWS_ACCOUNT");
        assert.match(String(a.inputs.targetId), /^\d{12}$/);
        assert.ok(a.propertyDependencies.targetId?.includes(account.urn), "the target is the account's id");
        assert.match(String(a.inputs.principalId), /^[0-9a-f]{8}-[0-9a-f]{4}-/);
        assert.ok(a.options.dependsOn.includes(managed.urn), "the assignment waits for the policies, so the role is provisioned with them");
    });

    it("moving an account between OUs that grant the same access changes no assignment; to one that grants less, only that one goes", async () => {
        const inApps = assignmentNames(await buildUnderMocks(model("Apps")));
        const inOther = await buildUnderMocks(model("Other"));
        assert.deepStrictEqual(assignmentNames(inOther), inApps);
        const before = (await buildUnderMocks(model("Apps"))).get(ASSIGNMENT, "assignment/Dev/developers/app").urn;
        assert.strictEqual(inOther.get(ASSIGNMENT, "assignment/Dev/developers/app").urn, before, "same URN: Pulumi sees no change");
        const inSandbox = assignmentNames(await buildUnderMocks(model("Sandbox")));
        assert.deepStrictEqual(inApps.filter((n) => !inSandbox.includes(n)), ["assignment/Dev/developers/app"]);
        assert.deepStrictEqual(inSandbox.filter((n) => !inApps.includes(n)), []);
    });

    it("puts every permission set in the one instance it read, and the groups in that instance's identity store", async () => {
        const resources = await buildUnderMocks(model("Apps"));
        const sets = resources.ofType("aws:ssoadmin/permissionSet:PermissionSet");
        assert.deepStrictEqual([...new Set(sets.map((s) => s.inputs.instanceArn))].length, 1);
        assert.match(String(resources.get("aws:identitystore/group:Group", "group/admins").inputs.identityStoreId), /^d-[0-9a-f]{10}$/);
    });
});
