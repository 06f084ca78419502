import * as assert from "assert";
import { detectDrift, DriftItem, DriftKind } from "../../src/aws/drift";
import { LiveAccount, LiveDelegatedAdministrator, LiveOrganization, LiveOrganizationalUnit, LivePolicy } from "../../src/aws/liveOrganization";
import { samePolicy } from "../../src/aws/policyEquivalence";
import { FULL_AWS_ACCESS, FULL_AWS_ACCESS_ID, OrgModel } from "../../src/model/types";
import { loadYaml, yaml } from "../support/orgFiles";

// Pure tests of the comparison, one per kind of difference: the live side is derived from the
// model (so it starts equal) and each test changes one thing. test/cli/drift.test.ts runs the
// whole command against moto.

const ORG = yaml`
    organization:
      id: o-abcdefghij
      rootId: r-ab12
      managementAccountId: "111111111111"
      serviceAccessPrincipals: [cloudtrail.amazonaws.com]
    policies:
      AllowS3: { file: policies/allow-s3.json }
      DenyLeave: { file: policies/deny-leave.json }
    root:
      policies: [FullAWSAccess, DenyLeave]
    organizationalUnits:
      - name: Apps
        policies: [AllowS3]
        accounts:
          - name: shop
            email: shop@example.com
            id: "222222222222"
        organizationalUnits:
          - name: Legacy
            accounts:
              - name: old-site
                email: old-site@example.com
                id: "333333333333"
    accounts:
      - name: management
        email: management@example.com
        id: "111111111111"
`;

function load(text = ORG): OrgModel {
    const result = loadYaml(text);
    assert.ok(result.model, result.diagnostics.map((d) => d.message).join("\n"));
    return result.model;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
type Live = Omit<Mutable<LiveOrganization>, "policies" | "organizationalUnits" | "accounts" | "delegatedAdministrators"> & {
    delegatedAdministrators: Mutable<LiveDelegatedAdministrator>[];
    policies: Mutable<LivePolicy>[];
    organizationalUnits: Mutable<LiveOrganizationalUnit>[];
    accounts: Mutable<LiveAccount>[];
};

/** The live organization exactly as the model describes it. */
function liveFrom(model: OrgModel): Live {
    const policyId = (name: string) => (name === FULL_AWS_ACCESS ? FULL_AWS_ACCESS_ID : `p-${name.toLowerCase()}`);
    const ouId = new Map(model.allOrganizationalUnits.map((ou, i) => [ou.path, `ou-ab12-0000000${i}`]));
    const parentId = (p: string | null) => (p === null ? "r-ab12" : (ouId.get(p) as string));
    const accountIds = new Map(model.allAccounts.map((a, i) => [a.name, a.id ?? `90000000000${i}`]));
    return {
        id: "o-abcdefghij",
        featureSet: "ALL",
        managementAccountId: "111111111111",
        rootId: "r-ab12",
        enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"],
        serviceAccessPrincipals: [...model.organization.serviceAccessPrincipals],
        rootPolicyIds: model.root.policies.map(policyId),
        policies: [...model.policies.values()].map((p) => ({ id: policyId(p.name), name: p.name, description: "", content: p.content, awsManaged: p.awsManaged })),
        organizationalUnits: model.allOrganizationalUnits.map((ou) => ({
            id: ouId.get(ou.path) as string,
            name: ou.name,
            path: ou.path,
            parentId: parentId(ou.parentPath),
            parentPath: ou.parentPath,
            policyIds: ou.policies.map(policyId),
        })),
        delegatedAdministrators: model.organization.delegatedAdministrators.map((d) => ({ servicePrincipal: d.servicePrincipal, accountId: accountIds.get(d.accountName) as string })),
        accounts: model.allAccounts.map((a) => ({
            id: accountIds.get(a.name) as string,
            name: a.name,
            email: a.email,
            state: "ACTIVE",
            parentId: parentId(a.ouPath),
            ouPath: a.ouPath,
            policyIds: a.policies.map(policyId),
        })),
    };
}

function account(live: Live, name: string): Mutable<LiveAccount> {
    return live.accounts.find((a) => a.name === name) as Mutable<LiveAccount>;
}

/** Asserts exactly these kinds were found (every item printed on failure) and returns the items. */
/** The drift found, asserting its kinds in order: one item for each kind given. */
function expectDrift<const K extends readonly DriftKind[]>(model: OrgModel, live: Live, kinds: K): { [I in keyof K]: DriftItem } {
    const items = detectDrift(model, live);
    const shown = items.map((d) => `${d.kind}: ${d.message} | ${d.fix}`).join("\n");
    assert.deepStrictEqual(items.map((d) => d.kind), kinds, shown);
    // Just asserted: as many items as kinds.
    return items as { [I in keyof K]: DriftItem };
}

describe("detectDrift: the org file against a live organization", () => {
    it("finds nothing when AWS matches the file", () => {
        const model = load();
        expectDrift(model, liveFrom(model), []);
    });

    it("organization: other credentials' organization stops the comparison", () => {
        const model = load();
        const live = liveFrom(model);
        live.id = "o-zzzzzzzzzz";
        live.accounts = [];
        const [item] = expectDrift(model, live, ["organization"]);
        assert.match(item.message, /adopts organization `o-abcdefghij`, but these credentials reach `o-zzzzzzzzzz`/);
        assert.strictEqual(item.source?.line, 2);
    });

    it("organization: a different root, management account, or SCPs not enabled", () => {
        const model = load();
        const live = liveFrom(model);
        live.rootId = "r-zz99";
        live.managementAccountId = "999999999999";
        live.enabledPolicyTypes = [];
        const items = expectDrift(model, live, ["organization", "organization", "organization"]);
        assert.match(items[0].fix, /`organization.rootId: r-zz99`/);
        assert.match(items[1].fix, /`organization.managementAccountId: "999999999999"`/);
        assert.match(items[2].message, /SCPs are not enabled/);
    });

    it("service-access: a service trusted by hand, and one the file trusts that AWS does not", () => {
        const model = load();
        const live = liveFrom(model);
        live.serviceAccessPrincipals = ["config.amazonaws.com"];
        const items = expectDrift(model, live, ["service-access", "service-access"]);
        assert.match(items[0].message, /`config.amazonaws.com` has trusted access in AWS/);
        assert.match(items[0].fix, /`pulumi up` disables its access; to keep it, add/);
        assert.match(items[1].message, /`cloudtrail.amazonaws.com` is in `serviceAccessPrincipals` but has no trusted access/);
    });

    it("ou-missing: an OU of the file that AWS does not have", () => {
        const model = load();
        const live = liveFrom(model);
        live.organizationalUnits = live.organizationalUnits.filter((u) => u.path !== "Apps/Legacy");
        account(live, "old-site").ouPath = "Apps";
        const items = expectDrift(model, live, ["ou-missing", "account-moved"]);
        assert.match(items[0].message, /OU `Apps\/Legacy` is not in AWS/);
        assert.match(items[0].fix, /`pulumi up` creates it/);
    });

    it("ou-unmanaged: an OU created by hand", () => {
        const model = load();
        const live = liveFrom(model);
        live.organizationalUnits.push({ id: "ou-ab12-99999999", name: "Sandbox", path: "Sandbox", parentId: "r-ab12", parentPath: null, policyIds: [FULL_AWS_ACCESS_ID] });
        const [item] = expectDrift(model, live, ["ou-unmanaged"]);
        assert.match(item.message, /OU `Sandbox` \(ou-ab12-99999999\) exists in AWS but not in the file/);
    });

    it("account-missing: to be created, to be invited, not a member, or closed", () => {
        const model = load(ORG.replace("accounts:\n  - name: management", "accounts:\n  - name: new-team\n    email: new-team@example.com\n  - name: partner\n    email: partner@example.com\n    id: \"444444444444\"\n    invite: true\n  - name: management"));
        const live = liveFrom(model);
        live.accounts = live.accounts.filter((a) => a.name !== "new-team" && a.name !== "partner" && a.name !== "shop");
        account(live, "old-site").state = "SUSPENDED";
        const items = expectDrift(model, live, ["account-missing", "account-missing", "account-missing", "account-missing"]);
        const text = items.map((d) => `${d.message} ${d.fix}`).join("\n");
        assert.match(text, /`shop` \(222222222222\) is not a member of this organization\. Invite it/);
        assert.match(text, /`old-site` \(333333333333\) is closed in AWS \(SUSPENDED\)\. Remove it from the file/);
        assert.match(text, /`new-team` does not exist yet\. `pulumi up` creates it/);
        assert.match(text, /`partner` \(444444444444\) has not joined the organization yet\. Run `npm run invite`/);
    });

    it("account-unmanaged: an account in the organization that the file does not declare (closed ones are ignored)", () => {
        const model = load();
        const live = liveFrom(model);
        live.accounts.push({ id: "555555555555", name: "stray", email: "stray@example.com", state: "ACTIVE", parentId: "r-ab12", ouPath: null, policyIds: [FULL_AWS_ACCESS_ID] });
        live.accounts.push({ id: "666666666666", name: "gone", email: "gone@example.com", state: "SUSPENDED", parentId: "r-ab12", ouPath: null, policyIds: [] });
        const [item] = expectDrift(model, live, ["account-unmanaged"]);
        assert.match(item.message, /`stray` \(555555555555, stray@example.com\)/);
        assert.match(item.fix, /`id: "555555555555"`/);
    });

    it("account-not-adopted: the file has no id, but an account with that email exists (matched without case)", () => {
        const model = load(ORG.replace('        id: "222222222222"\n', ""));
        const live = liveFrom(model);
        account(live, "shop").id = "222222222222";
        account(live, "shop").email = "Shop@Example.com";
        const [item] = expectDrift(model, live, ["account-not-adopted"]);
        assert.match(item.fix, /Add `id: "222222222222"`/);
    });

    it("account-renamed: name drift, matched by id", () => {
        const model = load();
        const live = liveFrom(model);
        account(live, "shop").name = "shop-production";
        const [item] = expectDrift(model, live, ["account-renamed"]);
        assert.match(item.message, /Account `shop` \(222222222222\) is named `shop-production` in AWS/);
        assert.match(item.fix, /Set `name: shop-production`.*replaces the account/);
        assert.deepStrictEqual([item.source?.line, item.source?.column], [15, 9]);
    });

    it("account-renamed: name drift, matched by email when the file has no id", () => {
        const model = load(ORG.replace('        id: "222222222222"\n', ""));
        const live = liveFrom(model);
        account(live, "shop").name = "Shop";
        expectDrift(model, live, ["account-not-adopted", "account-renamed"]);
    });

    it("account-email: the email changed outside the program", () => {
        const model = load();
        const live = liveFrom(model);
        account(live, "shop").email = "shop-team@example.com";
        const [item] = expectDrift(model, live, ["account-email"]);
        assert.match(item.fix, /Set `email: shop-team@example.com`/);
    });

    it("account-moved: an account in another OU than declared", () => {
        const model = load();
        const live = liveFrom(model);
        const shop = account(live, "shop");
        shop.ouPath = null;
        shop.parentId = "r-ab12";
        const [item] = expectDrift(model, live, ["account-moved"]);
        assert.match(item.message, /`shop` is under the root in AWS, not under `Apps`/);
        assert.match(item.fix, /`pulumi up` moves it to `Apps`/);
    });

    it("scp-missing and scp-unmanaged: SCPs on one side only", () => {
        const model = load();
        const live = liveFrom(model);
        live.policies = live.policies.filter((p) => p.name !== "DenyLeave");
        live.rootPolicyIds = [FULL_AWS_ACCESS_ID];
        live.policies.push({ id: "p-handmade", name: "HandMade", description: "", content: "{}", awsManaged: false });
        const items = expectDrift(model, live, ["scp-missing", "scp-unmanaged", "attachment-removed"]);
        assert.match(items[0].message, /SCP `DenyLeave` is not in AWS/);
        assert.match(items[1].message, /SCP `HandMade` \(p-handmade\) exists in AWS but not in the file/);
    });

    it("scp-changed: the document was edited outside the program", () => {
        const model = load();
        const live = liveFrom(model);
        const deny = live.policies.find((p) => p.name === "DenyLeave") as Mutable<LivePolicy>;
        deny.content = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "organizations:*", Resource: "*" }] });
        const [item] = expectDrift(model, live, ["scp-changed"]);
        assert.match(item.message, /SCP `DenyLeave` \(p-denyleave\) has different content in AWS than its policy file/);
        const file = model.policies.get("DenyLeave")?.file;
        assert.ok(file !== undefined && file.endsWith("policies/deny-leave.json"));
        assert.strictEqual(
            item.fix,
            `\`pulumi up\` puts the file's version back; to keep the AWS version, copy the document AWS has into \`${file}\` (\`aws organizations describe-policy --policy-id p-denyleave --query Policy.Content --output text\` prints it), or edit the SCP in AWS back to the file's version.`,
        );
        assert.doesNotMatch(item.fix, /npm run import/, "import writes a whole new org file, not one policy");
    });

    it("scp-changed: not reported for whitespace, key order, list order or a string instead of a one-element list", () => {
        const model = load();
        const live = liveFrom(model);
        const deny = live.policies.find((p) => p.name === "DenyLeave") as Mutable<LivePolicy>;
        deny.content = `{ "Statement": [ { "Resource": ["*"], "Action": ["organizations:LeaveOrganization"], "Effect": "Deny" } ],\n "Version": "2012-10-17" }`;
        expectDrift(model, live, []);
        assert.strictEqual(samePolicy('{"Statement":{"Action":["b","a"]}}', '{"Statement":[{"Action":["a","b"]}]}'), true);
        assert.strictEqual(samePolicy('{"Statement":[{"Action":"a"}]}', '{"Statement":[{"Action":"b"}]}'), false);
    });

    it("attachment-added: an SCP attached by hand", () => {
        const model = load();
        const live = liveFrom(model);
        account(live, "shop").policyIds.push("p-denyleave");
        const [item] = expectDrift(model, live, ["attachment-added"]);
        assert.match(item.message, /SCP `DenyLeave` is attached to account `shop` in AWS but not listed/);
        assert.match(item.fix, /`pulumi up` detaches it; to keep it, add `DenyLeave` to the `policies` of account `shop`/);
    });

    it("attachment-added and attachment-removed on an OU whose SCP set the program manages: `pulumi up` puts it back", () => {
        const model = load();
        const live = liveFrom(model);
        const apps = live.organizationalUnits.find((u) => u.path === "Apps") as Mutable<LiveOrganizationalUnit>;
        apps.policyIds = [FULL_AWS_ACCESS_ID];
        const items = expectDrift(model, live, ["attachment-added", "attachment-removed"]);
        assert.strictEqual(items[0].fix, "`pulumi up` detaches it; to keep it, add `FullAWSAccess` to the `policies` of OU `Apps`.");
        assert.strictEqual(items[1].fix, "`pulumi up` attaches it again; to accept the change, remove `AllowS3` from the `policies` of OU `Apps`.");
    });

    it("attachment-added and attachment-removed on an OU that keeps the AWS default: `pulumi up` leaves it alone, so the fix is by hand or in the file", () => {
        const model = load();
        const live = liveFrom(model);
        const legacy = live.organizationalUnits.find((u) => u.path === "Apps/Legacy") as Mutable<LiveOrganizationalUnit>;
        legacy.policyIds = ["p-allows3"];
        const items = expectDrift(model, live, ["attachment-added", "attachment-removed"]);
        const unmanaged = "`pulumi up` does not manage the SCPs of OU `Apps/Legacy`, as the file leaves it the AWS default (`FullAWSAccess` alone)";
        assert.strictEqual(items[0].fix, `${unmanaged}: detach \`AllowS3\` by hand, or, to keep it, add it to the \`policies\` of OU \`Apps/Legacy\` (\`policies: [AllowS3]\`, as attached now).`);
        assert.match(items[1].message, /SCP `FullAWSAccess` is listed for OU `Apps\/Legacy` but not attached in AWS/);
        assert.strictEqual(items[1].fix, `${unmanaged}: attach \`FullAWSAccess\` again by hand, or, to accept the change, give OU \`Apps/Legacy\` \`policies: [AllowS3]\`.`);
        assert.strictEqual(items[1].source?.line, 19, "the OU itself, as its `policies` are omitted");
    });

    it("shows a freshly retired account as still to be moved into the `Retired` OU and locked", () => {
        const before = liveFrom(load());
        const model = load(ORG.replace('id: "222222222222"\n', 'id: "222222222222"\n        retired: true\n'));
        const items = expectDrift(model, before, ["ou-missing", "account-moved", "scp-missing"]);
        assert.match(items.map((d) => d.message).join("\n"), /OU `Retired` is not in AWS[^]*`shop` is under `Apps` in AWS, not under `Retired`[^]*SCP `DenyAllRetired` is not in AWS/);
    });

    it("lists differences grouped by kind, in a fixed order", () => {
        const model = load();
        const live = liveFrom(model);
        account(live, "shop").policyIds.push("p-denyleave");
        account(live, "old-site").name = "old-website";
        live.organizationalUnits.push({ id: "ou-ab12-99999999", name: "Sandbox", path: "Sandbox", parentId: "r-ab12", parentPath: null, policyIds: [] });
        expectDrift(model, live, ["ou-unmanaged", "account-renamed", "attachment-added"]);
    });
});
