import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { orgFileFromLive } from "../../src/aws/orgFileFromLive";
import { readLiveOrganization } from "../../src/aws/readLiveOrganization";
import { loadOrgFile } from "../../src/config/loadOrgFile";
import { writeOrgFile } from "../../src/config/writeOrgFile";
import { OrgModel } from "../../src/model/types";
import { BuiltOrganization, buildMotoOrganization, OrgSpec, scp } from "../fixtures/brownfield/motoOrganization";
import { run as planCommand } from "../../src/cli/plan";
import { runInProcess } from "../support/runCommand";
import { motoClientConfig, MotoServer, startMoto } from "../support/moto";
import { stopStarted } from "../support/stopStarted";
import { present } from "../support/present";
import { modelOf } from "../support/orgFiles";

// Import round trip against moto: an organization built by hand (3 OU levels, 30 accounts,
// 5 SCPs, FullAWSAccess detached where allow-lists apply) is read, written as an org file,
// loaded back, and planned: everything must come back exactly, and `pulumi up` must adopt
// the organization and every account instead of creating them.

const dev = Array.from({ length: 21 }, (_, i) => ({ name: `dev-${String(i).padStart(2, "0")}`, tags: i % 5 === 0 ? { team: `t${i}` } : undefined }));

const SPEC: OrgSpec = {
    serviceAccess: ["cloudtrail.amazonaws.com"],
    policies: [
        { name: "DenyLeaveOrganization", description: "Members cannot leave", document: scp("Deny", "organizations:LeaveOrganization"), tags: { owner: "security" } },
        { name: "DenyRegions", document: scp("Deny", ["ec2:RunInstances", "rds:CreateDBInstance"]) },
        { name: "AllowCore", description: "Core services only", document: scp("Allow", ["s3:*", "ec2:*", "dynamodb:*", "logs:*"]) },
        { name: "AllowPayments", document: scp("Allow", ["s3:*", "dynamodb:*"]) },
        { name: "DenyRootUser", document: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*", Condition: { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } } }] } },
    ],
    rootPolicies: ["FullAWSAccess", "DenyLeaveOrganization"],
    organizationalUnits: [
        {
            name: "Workloads",
            policies: ["FullAWSAccess", "DenyRegions"],
            tags: { tier: "workloads" },
            organizationalUnits: [
                {
                    name: "Prod",
                    policies: ["AllowCore"],
                    accounts: [{ name: "shop-prod" }, { name: "api-prod", policies: ["FullAWSAccess", "DenyRootUser"] }, { name: "web-prod", tags: { cost: "42" } }],
                    organizationalUnits: [{ name: "Payments", policies: ["AllowPayments"], accounts: [{ name: "pay-prod" }, { name: "pay-batch" }] }],
                },
                { name: "Dev", accounts: dev },
            ],
        },
        { name: "Security", policies: ["FullAWSAccess", "DenyRootUser"], accounts: [{ name: "audit" }, { name: "log-archive" }] },
        { name: "Sandbox", tags: { cost: "low" }, accounts: [{ name: "Sandbox Account #1", email: "Sandbox.1@Example.com" }] },
    ],
    accounts: [{ name: "shared-services" }],
};

describe("import: a live organization round trip (moto)", function () {
    this.timeout(120_000);
    let moto: MotoServer;
    let built: BuiltOrganization;
    let file: string;
    let model: OrgModel;

    before(async () => {
        moto = await startMoto();
        const client = new OrganizationsClient(motoClientConfig(moto.endpoint));
        built = await buildMotoOrganization(client, SPEC);
        const progress: string[] = [];
        const live = await readLiveOrganization(client, { progress: (m) => progress.push(m), progressEvery: 10 });
        assert.deepStrictEqual(progress.slice(0, 3), ["Read 29 accounts in 6 OUs so far...", "Read 31 accounts in 6 OUs so far...", "Read tags of 10 of 42 accounts, OUs and policies..."]);
        file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-roundtrip-")), "prod.yaml");
        writeOrgFile(file, orgFileFromLive(live));
        const loaded = loadOrgFile(file);
        assert.deepStrictEqual(loaded.diagnostics, [], "the written file loads without errors or warnings");
        model = modelOf(loaded);
    });

    after(async () => {
        await stopStarted(moto);
    });

    it("adopts the organization, its root and management account by id", () => {
        assert.deepStrictEqual(
            [model.organization.id, model.organization.rootId, model.organization.managementAccountId, model.organization.featureSet, model.organization.serviceAccessPrincipals],
            [built.id, built.rootId, built.managementAccountId, "ALL", ["cloudtrail.amazonaws.com"]],
        );
    });

    it("has every OU at its path, 3 levels deep, with its exact SCPs and tags", () => {
        assert.deepStrictEqual(model.allOrganizationalUnits.map((ou) => [ou.path, ou.policies]), [
            ["Sandbox", ["FullAWSAccess"]],
            ["Security", ["FullAWSAccess", "DenyRootUser"]],
            ["Workloads", ["FullAWSAccess", "DenyRegions"]],
            ["Workloads/Dev", ["FullAWSAccess"]],
            ["Workloads/Prod", ["AllowCore"]],
            ["Workloads/Prod/Payments", ["AllowPayments"]],
        ]);
        assert.strictEqual(present(model.allOrganizationalUnits.find((ou) => ou.path === "Workloads/Prod/Payments")).depth, 3);
        assert.deepStrictEqual(present(model.allOrganizationalUnits.find((ou) => ou.path === "Workloads")).tags, { tier: "workloads" });
        assert.deepStrictEqual(model.root.policies, ["FullAWSAccess", "DenyLeaveOrganization"]);
    });

    it("has all 30 accounts and the management account with their ids, exact names, emails and places", () => {
        assert.strictEqual(model.allAccounts.length, 31);
        for (const [name, id] of built.accountIds) {
            const a = model.allAccounts.find((x) => x.id === id);
            assert.ok(a, `account ${name} (${id}) is in the file`);
            assert.strictEqual(a.name, name);
            assert.strictEqual(a.joined, "adopted");
        }
        const sandbox = present(model.allAccounts.find((a) => a.name === "Sandbox Account #1"));
        assert.deepStrictEqual([sandbox.email, sandbox.ouPath], ["Sandbox.1@Example.com", "Sandbox"]);
        assert.strictEqual(model.allAccounts.filter((a) => a.ouPath === "Workloads/Dev").length, 21, "all pages of a parent with more than 20 accounts");
        assert.strictEqual(present(model.allAccounts.find((a) => a.name === "pay-batch")).ouPath, "Workloads/Prod/Payments");
        assert.strictEqual(present(model.allAccounts.find((a) => a.name === "shared-services")).ouPath, null);
        assert.deepStrictEqual(present(model.allAccounts.find((a) => a.name === "web-prod")).tags, { cost: "42" });
        const management = present(model.allAccounts.find((a) => a.id === built.managementAccountId));
        assert.strictEqual(management.isManagementAccount, true);
    });

    it("has the SCP library with the same documents and the attachments as they are", () => {
        assert.deepStrictEqual([...model.policies.keys()].sort(), ["AllowCore", "AllowPayments", "DenyLeaveOrganization", "DenyRegions", "DenyRootUser", "FullAWSAccess"]);
        for (const p of SPEC.policies) assert.deepStrictEqual(JSON.parse(present(model.policies.get(p.name)).content), p.document, p.name);
        assert.strictEqual(present(model.policies.get("AllowCore")).description, "Core services only");
        assert.deepStrictEqual(present(model.policies.get("DenyLeaveOrganization")).tags, { owner: "security" });
        assert.deepStrictEqual(present(model.allAccounts.find((a) => a.name === "api-prod")).policies, ["FullAWSAccess", "DenyRootUser"]);
        assert.ok(fs.existsSync(path.join(path.dirname(file), "policies", "deny-root-user.json")));
    });

    it("plans adoption, not creation: the organization, every OU, SCP and account carry `import` (npm run plan --json)", async () => {
        const result = await runInProcess(planCommand, ["--file", file, "--json"]);
        assert.ok(result.status === 0 || result.status === 2, `plan failed (${result.status}):\n${result.stderr}`);
        const plan = JSON.parse(result.stdout) as { resources: { type: string; name: string; inputs: Record<string, unknown>; options: { import?: string } }[] };
        const org = plan.resources.filter((r) => r.type === "aws:organizations/organization:Organization");
        assert.deepStrictEqual(org.map((r) => r.options.import), [built.id]);
        const accounts = plan.resources.filter((r) => r.type === "aws:organizations/account:Account");
        assert.strictEqual(accounts.length, 31);
        for (const r of accounts) {
            const a = present(model.allAccounts.find((x) => x.name === r.name));
            assert.strictEqual(r.options.import, a.id, `account ${r.name} is adopted, not created`);
            // The replace-on-change inputs equal what AWS has, so nothing is replaced.
            assert.deepStrictEqual([r.inputs.name, r.inputs.email], [a.name, a.email]);
        }
        const ous = plan.resources.filter((r) => r.type === "aws:organizations/organizationalUnit:OrganizationalUnit");
        assert.strictEqual(ous.length, model.allOrganizationalUnits.length);
        for (const r of ous) assert.strictEqual(r.options.import, present(model.allOrganizationalUnits.find((o) => o.path === r.name)).id, `OU ${r.name} is adopted`);
        const scps = plan.resources.filter((r) => r.type === "aws:organizations/policy:Policy");
        assert.strictEqual(scps.length, SPEC.policies.length);
        for (const r of scps) assert.strictEqual(r.options.import, present(model.policies.get(r.name)).id, `SCP ${r.name} is adopted`);
        const created = plan.resources.filter((r) => r.type.startsWith("aws:") && r.options.import === undefined);
        assert.deepStrictEqual(created.map((r) => r.name), [], "nothing AWS already has is created again");
    });
});
