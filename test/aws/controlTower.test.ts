import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AttachPolicyCommand, CreatePolicyCommand, OrganizationsClient, UpdatePolicyCommand } from "@aws-sdk/client-organizations";
import { SCP_TYPE, ScpAttachmentEngine } from "../../src/aws/scpAttachmentEngine";
import { createOrganizationsClient } from "../../src/aws/organizationsClient";
import { loadOrgFile } from "../../src/config/loadOrgFile";
import { run as driftCommand } from "../../src/cli/drift";
import { run as importCommand } from "../../src/cli/import";
import { run as planCommand } from "../../src/cli/plan";
import { BuiltOrganization, buildMotoOrganization, OrgSpec, scp } from "../fixtures/brownfield/motoOrganization";
import { motoClientConfig, MotoServer, startMoto } from "../support/moto";
import { OrganizationFixture } from "../support/organizationFixture";
import { modelOf } from "../support/orgFiles";
import { present } from "../support/present";
import { runAwsInProcess, runInProcess } from "../support/runCommand";
import { stopStarted } from "../support/stopStarted";

// An organization run by AWS Control Tower, built in moto: Control Tower's guardrail SCPs
// (`aws-guardrails-…`, one naming an action of a service AWS has retired) on the OUs it
// governs, and a policy Landing Zone Accelerator tagged as its own. Imported, it must plan
// and apply without editing or detaching any of them, and drift must report their changes
// without proposing to undo them.

const GUARDRAIL = { Version: "2012-10-17", Statement: [{ Sid: "GRRESTRICTROOTUSER", Effect: "Deny", Action: "*", Resource: "*", Condition: { StringLike: { "aws:PrincipalArn": ["arn:aws:iam::*:root"] } } }] };
// Macie Classic, whose `macie:` actions AWS retired: the kind of finding an older control carries.
const OLD_GUARDRAIL = { Version: "2012-10-17", Statement: [{ Sid: "GRMACIE", Effect: "Deny", Action: ["macie:DisassociateMemberAccount", "cloudtrail:StopLogging"], Resource: "*" }] };

const SPEC: OrgSpec = {
    policies: [
        { name: "DenyLeaveOrganization", document: scp("Deny", "organizations:LeaveOrganization") },
        { name: "aws-guardrails-RootUser", description: "Control Tower guardrail", document: GUARDRAIL },
        { name: "aws-guardrails-Macie", description: "Control Tower guardrail", document: OLD_GUARDRAIL },
        { name: "AcceleratorDenyRegions", document: scp("Deny", "ec2:RunInstances"), tags: { AWSAcceleratorManaged: "true" } },
    ],
    rootPolicies: ["FullAWSAccess", "DenyLeaveOrganization"],
    organizationalUnits: [
        { name: "Security", policies: ["FullAWSAccess", "aws-guardrails-RootUser", "aws-guardrails-Macie"], accounts: [{ name: "audit" }] },
        { name: "Workloads", policies: ["FullAWSAccess", "aws-guardrails-RootUser", "AcceleratorDenyRegions"], accounts: [{ name: "app" }] },
    ],
};

interface PlannedResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    options: { import?: string };
}

describe("an organization under Control Tower (moto)", function () {
    this.timeout(60_000);
    let moto: MotoServer;
    let client: OrganizationsClient;
    let built: BuiltOrganization;
    let file: string;
    let plan: PlannedResource[];
    let importNotes: string;

    before(async () => {
        moto = await startMoto();
        client = new OrganizationsClient(motoClientConfig(moto.endpoint));
        built = await buildMotoOrganization(client, SPEC);
        file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-ct-")), "org.yaml");
        const imported = await runAwsInProcess(importCommand, ["--out", file, "--endpoint", moto.endpoint]);
        assert.strictEqual(imported.status, 0, imported.stderr);
        importNotes = imported.stderr;
        const planned = await runInProcess(planCommand, ["--file", file, "--json"]);
        assert.ok(planned.status === 0 || planned.status === 2, `plan failed (${planned.status}):\n${planned.stderr}`);
        plan = (JSON.parse(planned.stdout) as { resources: PlannedResource[] }).resources;
    });

    after(async () => {
        await stopStarted(moto);
    });

    const id = (name: string) => present(built.policyIds.get(name), name);

    it("imports Control Tower's and LZA's policies as external, with their ids and documents, and says so", () => {
        const model = modelOf(loadOrgFile(file));
        for (const name of ["aws-guardrails-RootUser", "aws-guardrails-Macie", "AcceleratorDenyRegions"]) {
            const p = present(model.policies.get(name), name);
            assert.deepStrictEqual([p.external, p.id], [true, id(name)], name);
            assert.ok(p.file !== undefined, `${name} keeps a copy of its document for the analyses`);
        }
        assert.strictEqual(present(model.policies.get("DenyLeaveOrganization")).external, false);
        assert.match(importNotes, /2 SCPs are managed by Control Tower: written `external: true`/);
        assert.match(importNotes, /1 SCP is managed by Landing Zone Accelerator/);
    });

    it("reports the retired action in Control Tower's policy as a warning, not an error", () => {
        const loaded = loadOrgFile(file);
        const findings = loaded.diagnostics.filter((d) => d.message.includes("aws-guardrails-Macie"));
        assert.ok(findings.length > 0, "the lint reports the retired service");
        assert.ok(findings.every((d) => d.severity === "warning" && /external: report it to whoever manages it/.test(d.message)), findings.map((d) => d.message).join("\n"));
        assert.ok(loaded.model !== undefined);
    });

    it("plans no policy resource for them: nothing would edit or delete them", () => {
        const policies = plan.filter((r) => r.type === "aws:organizations/policy:Policy").map((r) => r.name);
        assert.deepStrictEqual(policies, ["DenyLeaveOrganization"]);
    });

    it("plans each OU's SCP set with the guardrails in it, never to be detached", () => {
        for (const [ou, guardrails] of [["Security", ["aws-guardrails-RootUser", "aws-guardrails-Macie"]], ["Workloads", ["aws-guardrails-RootUser", "AcceleratorDenyRegions"]]] as const) {
            const set = present(plan.find((r) => r.name === `ou/${ou}`), `the SCP set of ${ou}`);
            const ids = set.inputs.policyIds as string[];
            for (const g of guardrails) assert.ok(ids.includes(id(g)), `${ou} keeps ${g}`);
            assert.deepStrictEqual(set.inputs.externalPolicyIds, [id("AcceleratorDenyRegions"), id("aws-guardrails-Macie"), id("aws-guardrails-RootUser")].sort());
        }
    });

    it("applying the planned sets detaches none of them, not even a guardrail Control Tower attached since", async () => {
        const aws = new OrganizationFixture(moto.endpoint);
        const later = present((await client.send(new CreatePolicyCommand({ Name: "aws-guardrails-Later", Description: "", Type: "SERVICE_CONTROL_POLICY", Content: JSON.stringify(GUARDRAIL) }))).Policy?.PolicySummary?.Id);
        const workloads = present(built.ouIds.get("Workloads"));
        await client.send(new AttachPolicyCommand({ PolicyId: later, TargetId: workloads }));
        const before = await aws.attached(workloads);
        const engine = new ScpAttachmentEngine(createOrganizationsClient(motoClientConfig(moto.endpoint)));
        for (const set of plan.filter((r) => r.type === "pulumi-nodejs:dynamic/aws-org:ScpAttachments")) {
            await engine.apply(String(set.inputs.targetId), set.inputs.policyIds as string[], (set.inputs.policyType as string | undefined) ?? SCP_TYPE, (set.inputs.externalPolicyIds as string[] | undefined) ?? []);
        }
        assert.deepStrictEqual(await aws.attached(workloads), before);
        assert.ok(before.includes(later) && before.includes(id("aws-guardrails-RootUser")));
        assert.deepStrictEqual(await aws.attached(present(built.ouIds.get("Security"))), [id("aws-guardrails-Macie"), id("aws-guardrails-RootUser"), "p-FullAWSAccess"].sort());
    });

    it("reports a guardrail edited by Control Tower without proposing to undo it", async () => {
        await client.send(new UpdatePolicyCommand({ PolicyId: id("aws-guardrails-RootUser"), Content: JSON.stringify({ ...GUARDRAIL, Statement: [{ ...present(GUARDRAIL.Statement[0]), Action: "iam:*" }] }) }));
        const run = await runAwsInProcess(driftCommand, ["--file", file, "--endpoint", moto.endpoint, "--json"]);
        assert.strictEqual(run.status, 3, run.stderr);
        const drift = (JSON.parse(run.stdout) as { drift: { kind: string; message: string; fix: string }[] }).drift;
        const changed = drift.filter((d) => d.kind === "scp-changed");
        assert.deepStrictEqual(changed.map((d) => d.message), [`External SCP \`aws-guardrails-RootUser\` (${id("aws-guardrails-RootUser")}) has different content in AWS than its copy in \`${path.join(path.dirname(file), "policies", "aws-guardrails-root-user.json")}\`.`]);
        assert.match(present(changed[0]).fix, /`pulumi up` leaves it as its owner made it/);
        const later = drift.filter((d) => d.message.includes("aws-guardrails-Later"));
        assert.ok(later.length > 0, "the guardrail attached since is reported");
        for (const d of later) assert.doesNotMatch(d.fix, /`pulumi up` detaches it/, d.fix);
        assert.ok(later.some((d) => d.kind === "attachment-added" && /leaves it attached/.test(d.fix)), "its attachment is kept");
    });
});
