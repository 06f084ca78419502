import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DeregisterDelegatedAdministratorCommand, OrganizationsClient, RegisterDelegatedAdministratorCommand } from "@aws-sdk/client-organizations";
import { detectDrift } from "../../src/aws/drift";
import { orgFileFromLive } from "../../src/aws/orgFileFromLive";
import { readLiveOrganization } from "../../src/aws/readLiveOrganization";
import { loadOrgFile } from "../../src/config/loadOrgFile";
import { writeOrgFile } from "../../src/config/writeOrgFile";
import { run as planCommand } from "../../src/cli/plan";
import { OrgModel } from "../../src/model/types";
import { BuiltOrganization, buildMotoOrganization, OrgSpec, scp } from "../fixtures/brownfield/motoOrganization";
import { motoClientConfig, MotoServer, startMoto } from "../support/moto";
import { modelOf } from "../support/orgFiles";
import { present } from "../support/present";
import { runInProcess } from "../support/runCommand";
import { stopStarted } from "../support/stopStarted";

// Organization-wide settings through import, plan and drift, against moto: the settings an
// adopted organization already has must come back into the file, plan as adoptions, and be
// reported (not undone) when they change outside the program.

const SPEC: OrgSpec = {
    serviceAccess: ["guardduty.amazonaws.com", "access-analyzer.amazonaws.com"],
    policies: [{ name: "DenyLeaveOrganization", document: scp("Deny", "organizations:LeaveOrganization") }],
    rootPolicies: ["FullAWSAccess", "DenyLeaveOrganization"],
    organizationalUnits: [{ name: "Security", accounts: [{ name: "security" }, { name: "audit" }] }],
    accounts: [{ name: "tools" }],
    delegatedAdministrators: { "guardduty.amazonaws.com": "security", "access-analyzer.amazonaws.com": "audit" },
};

describe("organization settings: import, plan and drift (moto)", function () {
    this.timeout(60_000);
    let moto: MotoServer;
    let client: OrganizationsClient;
    let built: BuiltOrganization;
    let file: string;
    let model: OrgModel;

    before(async () => {
        moto = await startMoto();
        client = new OrganizationsClient(motoClientConfig(moto.endpoint));
        built = await buildMotoOrganization(client, SPEC);
        file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-settings-")), "org.yaml");
        writeOrgFile(file, orgFileFromLive(await readLiveOrganization(client)));
        const loaded = loadOrgFile(file);
        assert.deepStrictEqual(loaded.diagnostics, [], "the written file loads without errors or warnings");
        model = modelOf(loaded);
    });

    after(async () => {
        await stopStarted(moto);
    });

    it("imports each delegated administrator by service principal and account name", () => {
        assert.match(fs.readFileSync(file, "utf8"), /delegatedAdministrators:\n {4}access-analyzer\.amazonaws\.com: audit\n {4}guardduty\.amazonaws\.com: security\n/);
        assert.deepStrictEqual(
            model.organization.delegatedAdministrators.map((d) => [d.servicePrincipal, d.accountName]),
            [["access-analyzer.amazonaws.com", "audit"], ["guardduty.amazonaws.com", "security"]],
        );
    });

    it("plans the delegations as adoptions of what AWS has, with the accounts' ids", async () => {
        const result = await runInProcess(planCommand, ["--file", file, "--json"]);
        assert.ok(result.status === 0 || result.status === 2, `plan failed (${result.status}):\n${result.stderr}`);
        const plan = JSON.parse(result.stdout) as { resources: { type: string; name: string; inputs: Record<string, unknown>; options: { import?: string } }[] };
        const delegations = plan.resources.filter((r) => r.type === "aws:organizations/delegatedAdministrator:DelegatedAdministrator");
        const security = present(built.accountIds.get("security"));
        const audit = present(built.accountIds.get("audit"));
        assert.deepStrictEqual(
            delegations.map((r) => [r.name, r.inputs.accountId, r.options.import]).sort(),
            [
                ["delegated-admin/access-analyzer.amazonaws.com", audit, `${audit}/access-analyzer.amazonaws.com`],
                ["delegated-admin/guardduty.amazonaws.com", security, `${security}/guardduty.amazonaws.com`],
            ],
        );
    });

    it("finds no drift right after the import", async () => {
        assert.deepStrictEqual(detectDrift(model, await readLiveOrganization(client)), []);
    });

    it("reports a delegation moved in AWS, naming both accounts, without undoing it", async () => {
        const tools = present(built.accountIds.get("tools"));
        await client.send(new DeregisterDelegatedAdministratorCommand({ AccountId: present(built.accountIds.get("security")), ServicePrincipal: "guardduty.amazonaws.com" }));
        await client.send(new RegisterDelegatedAdministratorCommand({ AccountId: tools, ServicePrincipal: "guardduty.amazonaws.com" }));
        const drift = detectDrift(model, await readLiveOrganization(client));
        assert.deepStrictEqual(drift.map((d) => d.kind), ["delegation-missing", "delegation-unmanaged"]);
        const [missing, unmanaged] = drift;
        assert.match(present(missing).message, /^`guardduty\.amazonaws\.com` is not delegated to `security` \(\d{12}\) in AWS\.$/);
        assert.strictEqual(present(missing).source?.line, present(model.organization.delegatedAdministrators.find((d) => d.servicePrincipal === "guardduty.amazonaws.com")).source.line);
        assert.match(present(unmanaged).message, new RegExp(`^\`guardduty\\.amazonaws\\.com\` is delegated to \`tools\` \\(${tools}\\) in AWS`));
        assert.match(present(unmanaged).fix, /The file delegates it to `security`.*deregister `tools` first/);
    });
});
