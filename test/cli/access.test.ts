import * as assert from "assert";
import { run as accessCommand } from "../../src/cli/access";
import { npmRun, runInProcess } from "../support/runCommand";
import { assertHasLines } from "../support/outputLines";
import { loadYaml, writeOrgFiles, yaml } from "../support/orgFiles";

const access = (...args: string[]) => runInProcess(accessCommand, args);

interface Result {
    target: string;
    group: string;
    permissionSet: string | null;
    action: string;
    decision: string;
    decidedBy?: Record<string, string>;
}

describe("npm run access", () => {
    it("in the prod example, developers in a HIPAA dev account under HIPAA/PCI: HealthLake (HIPAA-eligible, not on the PCI list) denied by the allow-list, s3:GetObject allowed (a real process)", async () => {
        const run = await npmRun("access", ["--stack", "prod", "--group", "developers", "--target", "patient-payments-dev", "--action", "healthlake:CreateFHIRDatastore", "--action", "s3:GetObject", "--json"]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual((JSON.parse(run.stdout) as { results: Result[] }).results, [
            { target: "patient-payments-dev", group: "developers", permissionSet: "Developer", action: "healthlake:CreateFHIRDatastore", decision: "ImplicitlyDenied", decidedBy: { level: "HIPAA/PCI", policyType: "SCP" } },
            { target: "patient-payments-dev", group: "developers", permissionSet: "Developer", action: "s3:GetObject", decision: "Allowed" },
        ]);
    });

    it("says why in words: the SCP level and its allow-list, the permission set's inline deny, and no assignment at all", async () => {
        const run = await access("--stack", "prod", "--group", "developers", "--group", "platform-admins", "--target", "patient-payments-dev", "--target", "patient-records-prod", "--action", "healthlake:CreateFHIRDatastore", "--action", "ce:GetCostAndUsage");
        assert.strictEqual(run.status, 0, run.stderr);
        assertHasLines(run.stdout, [
            "developers in patient-payments-dev (OU HIPAA/PCI) with Developer (assigned through the account)",
            "  ✗ healthlake:CreateFHIRDatastore — no Allow in the SCPs at OU HIPAA/PCI (AllowPciServices)",
            "  ✗ ce:GetCostAndUsage — no Allow in the SCPs at OU HIPAA (AllowHipaaServices)",
            "developers in patient-records-prod (OU HIPAA): no permission set assigned, so no access",
            "platform-admins in patient-records-prod (OU HIPAA) with AdminWithoutBilling (assigned through `/`)",
            "  ✓ healthlake:CreateFHIRDatastore",
            "  ✗ ce:GetCostAndUsage — denied by the permission set's inline policy (statement DenyBillingCostAndPayments)",
        ]);
    });

    it("prints the matrix of accounts × groups without --action, and {assignments} with --json", async () => {
        const text = await access("--stack", "prod", "--target", "HIPAA/PCI");
        assert.strictEqual(text.status, 0, text.stderr);
        assert.match(text.stdout, /^ACCOUNT +platform-admins +developers +auditors +finance\npatient-payments-dev +AdminWithoutBilling +Developer +ReadOnlyAccess +-\n/);
        assert.match(text.stdout, /\npatient-payments-prod +AdminWithoutBilling +- +ReadOnlyAccess +-\n/);
        const json = await access("--stack", "prod", "--group", "finance", "--json");
        assert.deepStrictEqual(JSON.parse(json.stdout), { assignments: [{ target: "management", group: "finance", permissionSet: "BillingOnly", via: "management" }] });
    });

    it("evaluates the permissions boundary and reports NotAssigned where a group holds nothing", async () => {
        const file = writeOrgFiles(yaml`
            accounts:
              - { name: app, email: app@example.com }
              - { name: other, email: other@example.com }
            identityCenter:
              permissionSets:
                Bounded: { managedPolicies: [AdministratorAccess], permissionsBoundary: { managedPolicy: AmazonS3ReadOnlyAccess } }
              groups: [devs]
              assignments:
                - { group: devs, permissionSet: Bounded, targets: [app] }
        `);
        const run = await access("--file", file, "--action", "s3:GetObject", "--action", "s3:PutObject", "--json");
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual((JSON.parse(run.stdout) as { results: Result[] }).results, [
            { target: "app", group: "devs", permissionSet: "Bounded", action: "s3:GetObject", decision: "Allowed" },
            { target: "app", group: "devs", permissionSet: "Bounded", action: "s3:PutObject", decision: "ImplicitlyDenied", decidedBy: { level: "permissions boundary", policyType: "PermissionsBoundary", policy: "AmazonS3ReadOnlyAccess" } },
            { target: "other", group: "devs", permissionSet: null, action: "s3:GetObject", decision: "NotAssigned" },
            { target: "other", group: "devs", permissionSet: null, action: "s3:PutObject", decision: "NotAssigned" },
        ]);
    });

    it("rejects an unknown group with a did-you-mean (exit 64), and a file without identityCenter (exit 1)", async () => {
        const run = await access("--stack", "prod", "--group", "developer", "--action", "s3:GetObject");
        assert.strictEqual(run.status, 64);
        assert.match(run.stderr, /^No group `developer` in config\/prod\.yaml\. Did you mean `developers`\?/);
        const none = loadYaml("accounts: []\n");
        const bare = await access("--file", none.file, "--action", "s3:GetObject");
        assert.strictEqual(bare.status, 1);
        assert.match(bare.stderr, /has no `identityCenter` section/);
    });
});
