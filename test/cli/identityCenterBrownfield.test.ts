import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { IdentitystoreClient } from "@aws-sdk/client-identitystore";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { CreateAccountAssignmentCommand, DetachManagedPolicyFromPermissionSetCommand, SSOAdminClient } from "@aws-sdk/client-sso-admin";
import { BuiltOrganization, buildMotoOrganization, SMALL_ORGANIZATION } from "../fixtures/brownfield/motoOrganization";
import { BuiltIdentityCenter, buildMotoIdentityCenter } from "../fixtures/identity/motoIdentityCenter";
import { run as driftCommand } from "../../src/cli/drift";
import { run as importCommand } from "../../src/cli/import";
import { run as planCommand } from "../../src/cli/plan";
import { loadOrgFile } from "../../src/config/loadOrgFile";
import { runAwsInProcess, runInProcess } from "../support/runCommand";
import { motoClientConfig, MotoServer, startMoto } from "../support/moto";
import { stopStarted } from "../support/stopStarted";
import { packConfigAllowing } from "../support/orgFiles";

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const DENY_BILLING = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: ["aws-portal:*", "ce:*"], Resource: "*" }] };

// moto implements sso-admin and identitystore but not permissions boundaries (the reader says
// so in a notice) nor the provisioning status calls the Pulumi provider waits on, so the
// program itself is checked offline (`npm run plan`) on the file that import wrote.
describe("Identity Center brownfield: import, plan, drift (against moto)", function () {
    this.timeout(120_000);
    let moto: MotoServer;
    let org: BuiltOrganization;
    let ic: BuiltIdentityCenter;
    let sso: SSOAdminClient;
    let file: string;

    before(async () => {
        moto = await startMoto();
        const config = motoClientConfig(moto.endpoint);
        org = await buildMotoOrganization(new OrganizationsClient(config), SMALL_ORGANIZATION);
        sso = new SSOAdminClient(config);
        const id = (name: string) => org.accountIds.get(name) ?? "";
        ic = await buildMotoIdentityCenter(sso, new IdentitystoreClient(config), {
            permissionSets: [
                { name: "AdminNoBilling", sessionDuration: "PT4H", managedPolicies: [ADMIN], inlinePolicy: DENY_BILLING },
                { name: "Auditor", managedPolicies: [READ_ONLY], customerManaged: ["AuditExtras"] },
            ],
            groups: ["platform", "audit", "unused"],
            assignments: [
                ["platform", "AdminNoBilling", id("lake")],
                ["platform", "AdminNoBilling", id("warehouse")],
                ["platform", "AdminNoBilling", id("tools")],
                ["platform", "AdminNoBilling", org.managementAccountId],
                ["audit", "Auditor", id("lake")],
                ["audit", "Auditor", id("warehouse")],
            ],
        });
        file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-ic-")), "org.yaml");
    });

    after(async () => {
        await stopStarted(moto);
    });

    it("import writes the permission sets with their ARNs and policies, the groups that hold access, and each group's access as OUs and accounts", async () => {
        const run = await runAwsInProcess(importCommand, ["--out", file, "--endpoint", moto.endpoint]);
        // moto makes permission set ARNs as `…:sso:::instance/ssoins-…/ps-…`; AWS's (and the
        // API model's) are `…:sso:::permissionSet/ssoins-…/ps-…`, which the loader requires.
        assert.strictEqual(run.status, 1, run.stderr);
        assert.match(run.stderr, /`arn` of permission set `AdminNoBilling` must look like `arn:aws:sso:::permissionSet\//);
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replaceAll(":sso:::instance/", ":sso:::permissionSet/"));
        assert.match(run.stdout, /Wrote .*policies\/permission-sets\/admin-no-billing\.json/);
        assert.match(run.stderr, /permissions boundaries of the permission sets could not be read/);
        assert.match(run.stderr, /1 group of the identity store holds no access/);
        const loaded = loadOrgFile(file);
        assert.deepStrictEqual(loaded.diagnostics.filter((d) => d.severity === "error"), []);
        const model = loaded.model?.identityCenter;
        assert.ok(model);
        const admin = model.permissionSets.get("AdminNoBilling");
        assert.ok(admin);
        assert.strictEqual(admin.arn, ic.permissionSetArns.get("AdminNoBilling")?.replace(":instance/", ":permissionSet/"));
        assert.deepStrictEqual(admin.managedPolicies.map((p) => p.arn), [ADMIN]);
        assert.strictEqual(admin.sessionDuration, "PT4H");
        assert.deepStrictEqual(admin.inlinePolicy?.document, DENY_BILLING);
        assert.deepStrictEqual(model.permissionSets.get("Auditor")?.customerManagedPolicies, [{ name: "AuditExtras", path: "/" }]);
        assert.deepStrictEqual([...model.groups.values()].map((g) => [g.name, g.create]), [["audit", false], ["platform", false]]);
        assert.deepStrictEqual(model.rules.map((r) => [r.group, r.permissionSet, r.targets]), [
            ["audit", "Auditor", ["Data"]],
            ["platform", "AdminNoBilling", ["/"]],
        ]);
    });

    it("the imported file plans with exit 0: permission sets adopted by ARN, one assignment per group, permission set and account", async () => {
        // moto gives the management account `master@example.com`.
        const run = await runInProcess(planCommand, ["--file", file, "--policy-config", packConfigAllowing("example.com"), "--json"]);
        assert.strictEqual(run.status, 0, run.stdout);
        const { resources } = JSON.parse(run.stdout) as { resources: { type: string; name: string; options: { import?: string } }[] };
        const sets = resources.filter((r) => r.type === "aws:ssoadmin/permissionSet:PermissionSet");
        const arn = (name: string) => (ic.permissionSetArns.get(name) ?? "").replace(":instance/", ":permissionSet/");
        assert.deepStrictEqual(sets.map((r) => [r.name, r.options.import]), [
            ["permission-set/AdminNoBilling", `${arn("AdminNoBilling")},${ic.instanceArn}`],
            ["permission-set/Auditor", `${arn("Auditor")},${ic.instanceArn}`],
        ]);
        const assignments = resources.filter((r) => r.type === "aws:ssoadmin/accountAssignment:AccountAssignment").map((r) => r.name).sort();
        assert.strictEqual(assignments.length, 6);
        assert.ok(assignments.includes("assignment/Auditor/audit/lake"), assignments.join("\n"));
    });

    it("drift finds nothing right after the import, then every change made by hand", async () => {
        const clean = await runAwsInProcess(driftCommand, ["--file", file, "--endpoint", moto.endpoint, "--json"]);
        assert.strictEqual(clean.status, 0, clean.stdout);

        const key = { InstanceArn: ic.instanceArn, PermissionSetArn: ic.permissionSetArns.get("Auditor") };
        await sso.send(new DetachManagedPolicyFromPermissionSetCommand({ ...key, ManagedPolicyArn: READ_ONLY }));
        await sso.send(new CreateAccountAssignmentCommand({ ...key, PrincipalType: "GROUP", PrincipalId: ic.groupIds.get("audit"), TargetType: "AWS_ACCOUNT", TargetId: org.accountIds.get("tools") }));
        const drift = await runAwsInProcess(driftCommand, ["--file", file, "--endpoint", moto.endpoint, "--json"]);
        assert.strictEqual(drift.status, 3, drift.stderr);
        const items = (JSON.parse(drift.stdout) as { drift: { kind: string; message: string }[] }).drift.map((d) => `${d.kind}: ${d.message}`);
        assert.deepStrictEqual(items, [
            `permission-set-changed: Permission set \`Auditor\`: managed policy \`${READ_ONLY}\` is in the file, not attached in AWS.`,
            `assignment-unmanaged: Group \`audit\` has \`Auditor\` in account \`tools\` (${org.accountIds.get("tools") ?? ""}), which the file does not grant.`,
        ]);
    });
});
