import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AccountClient, PutAlternateContactCommand } from "@aws-sdk/client-account";
import { DeregisterDelegatedAdministratorCommand, OrganizationsClient, RegisterDelegatedAdministratorCommand } from "@aws-sdk/client-organizations";
import { detectDrift } from "../../src/aws/drift";
import { readLiveOrganization } from "../../src/aws/readLiveOrganization";
import { loadOrgFile } from "../../src/config/loadOrgFile";
import { run as driftCommand } from "../../src/cli/drift";
import { run as importCommand } from "../../src/cli/import";
import { run as planCommand } from "../../src/cli/plan";
import { OrgModel } from "../../src/model/types";
import { BuiltOrganization, buildMotoOrganization, OrgSpec, scp } from "../fixtures/brownfield/motoOrganization";
import { motoClientConfig, MotoServer, startMoto } from "../support/moto";
import { modelOf } from "../support/orgFiles";
import { present } from "../support/present";
import { runAwsInProcess, runInProcess } from "../support/runCommand";
import { stopStarted } from "../support/stopStarted";

// Organization-wide settings through import, plan and drift, against moto: the settings an
// adopted organization already has must come back into the file, plan as adoptions, and be
// reported (not undone) when they change outside the program.

const SPEC: OrgSpec = {
    // As AWS requires for what the organization has: delegation, and member accounts' contacts (Account Management).
    serviceAccess: ["guardduty.amazonaws.com", "access-analyzer.amazonaws.com", "account.amazonaws.com"],
    policies: [{ name: "DenyLeaveOrganization", document: scp("Deny", "organizations:LeaveOrganization") }],
    rootPolicies: ["FullAWSAccess", "DenyLeaveOrganization"],
    organizationalUnits: [{ name: "Security", accounts: [{ name: "security" }, { name: "audit" }] }],
    accounts: [{ name: "tools" }],
    delegatedAdministrators: { "guardduty.amazonaws.com": "security", "access-analyzer.amazonaws.com": "audit" },
};

const SECURITY = { Name: "Sec Team", Title: "CISO", EmailAddress: "sec@example.com", PhoneNumber: "+1-555-0100" };
const BILLING = { Name: "Tools Billing", Title: "Finance", EmailAddress: "billing@example.com", PhoneNumber: "+1 555 0102" };

async function drift(moto: MotoServer, file: string): Promise<{ kind: string; message: string; fix: string; line?: number }[]> {
    const run = await runAwsInProcess(driftCommand, ["--file", file, "--endpoint", moto.endpoint, "--json"]);
    assert.ok(run.status === 0 || run.status === 3, `drift failed (${run.status}):\n${run.stderr}`);
    return (JSON.parse(run.stdout) as { drift: { kind: string; message: string; fix: string; line?: number }[] }).drift;
}

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
        const accounts = new AccountClient(motoClientConfig(moto.endpoint));
        // The same security contact everywhere (the management account's in its own context), a billing contact in one account.
        for (const id of [undefined, ...built.accountIds.values()]) await accounts.send(new PutAlternateContactCommand({ AccountId: id, AlternateContactType: "SECURITY", ...SECURITY }));
        await accounts.send(new PutAlternateContactCommand({ AccountId: present(built.accountIds.get("tools")), AlternateContactType: "BILLING", ...BILLING }));
        file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-settings-")), "org.yaml");
        const imported = await runAwsInProcess(importCommand, ["--out", file, "--endpoint", moto.endpoint]);
        assert.strictEqual(imported.status, 0, imported.stderr);
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

    it("imports alternate contacts: one shared by every account into the defaults, the others with their account", () => {
        const text = fs.readFileSync(file, "utf8");
        assert.match(text, /\n {2}defaults:\n {4}alternateContacts:\n {6}security: \{name: Sec Team, title: CISO, email: sec@example\.com, phone: \+1-555-0100\}\n/);
        for (const a of model.allAccounts) assert.strictEqual(a.alternateContacts.security?.email, "sec@example.com", a.name);
        const tools = present(model.allAccounts.find((a) => a.name === "tools"));
        assert.deepStrictEqual(tools.alternateContacts.billing && { ...tools.alternateContacts.billing, source: undefined }, { name: "Tools Billing", title: "Finance", email: "billing@example.com", phone: "+1 555 0102", source: undefined });
        assert.strictEqual(present(model.allAccounts.find((a) => a.name === "audit")).alternateContacts.billing, undefined);
    });

    it("finds no drift right after the import (npm run drift)", async () => {
        assert.deepStrictEqual(await drift(moto, file), []);
    });

    it("reports a contact changed in AWS at the line that sets it", async () => {
        const accounts = new AccountClient(motoClientConfig(moto.endpoint));
        await accounts.send(new PutAlternateContactCommand({ AccountId: present(built.accountIds.get("tools")), AlternateContactType: "BILLING", ...BILLING, EmailAddress: "someone-else@example.com" }));
        const found = await drift(moto, file);
        assert.deepStrictEqual(found.map((d) => d.kind), ["contact-changed"]);
        const [changed] = found;
        assert.match(present(changed).message, /^The billing contact of `tools` \(\d{12}\) is Tools Billing \(Finance\), someone-else@example\.com, \+1 555 0102 in AWS, not Tools Billing \(Finance\), billing@example\.com, \+1 555 0102\.$/);
        assert.strictEqual(present(changed).line, present(present(model.allAccounts.find((a) => a.name === "tools")).alternateContacts.billing).source.line);
        await accounts.send(new PutAlternateContactCommand({ AccountId: present(built.accountIds.get("tools")), AlternateContactType: "BILLING", ...BILLING }));
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
