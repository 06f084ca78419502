import * as assert from "assert";
import { run as planCommand } from "../../src/cli/plan";
import { runInProcess } from "../support/runCommand";
import { assertHasLines } from "../support/outputLines";
import { writeOrgFiles, yaml } from "../support/orgFiles";

describe("npm run plan with identityCenter", () => {
    it("stops at a bad managed policy name with its position and registers nothing (exit 1)", async () => {
        const file = writeOrgFiles(yaml`
            organization: {}
            root: {}
            accounts:
              - { name: app, email: app@example.com }
            identityCenter:
              permissionSets:
                Dev: { managedPolicies: [PowerUserAcess] }
              groups: [devs]
              assignments:
                - { group: devs, permissionSet: Dev, targets: [app] }
        `);
        const run = await runInProcess(planCommand, ["--file", file, "--json"]);
        assert.strictEqual(run.status, 1, run.stderr);
        const doc = JSON.parse(run.stdout) as { errors: { line: number; column: number; message: string }[]; resources?: unknown };
        assert.strictEqual(doc.resources, undefined);
        assert.deepStrictEqual(doc.errors.map((e) => [e.line, e.column]), [[7, 30]]);
        assert.match(doc.errors[0]?.message ?? "", /Did you mean `PowerUserAccess`\?$/);
    });

    it("prints the permission sets, groups and who gets what where", async () => {
        const run = await runInProcess(planCommand, ["--stack", "prod"]);
        assert.strictEqual(run.status, 0, run.stderr);
        assertHasLines(run.stdout, [
            "Identity Center (the stack's Region; the instance is read, never created): 4 permission sets, 4 groups, 87 account assignments",
            "  permission set AdminWithoutBilling  create  AdministratorAccess + inline policy; sessions PT1H  (ready: AdminWithoutBilling)",
            "  group developers  create",
            "  platform-admins → AdminWithoutBilling in 35 accounts (/)",
            "  finance → BillingOnly in 1 account (management)",
        ]);
    });
});
