import * as assert from "assert";
import { RETIRED_OU_NAME, RETIRED_SCP_NAME } from "../../src/config/retirement";
import { OrgModel } from "../../src/model/types";
import { assertDiagnostics, loadYaml, modelOf, yaml } from "../support/orgFiles";
import { present } from "../support/present";

const ORG = yaml`
    organization:
      managementAccountId: "111111111111"
    policies:
      AllowS3: { file: policies/allow-s3.json }
    organizationalUnits:
      - name: Workloads
        policies: [AllowS3]
        accounts:
          - name: shop-prod
            email: shop-prod@example.com
          - name: old-shop
            email: old-shop@example.com
            id: "222222222222"
            retired: true
        organizationalUnits:
          - name: Legacy
            accounts:
              - name: legacy-batch
                email: legacy-batch@example.com
                retired: true
    accounts:
      - name: management
        email: management@example.com
        id: "111111111111"
      - name: sandbox
        email: sandbox@example.com
        retired: true
`;

function load(text: string): OrgModel {
    const result = loadYaml(text);
    assert.ok(result.model, result.diagnostics.map((d) => d.message).join("\n"));
    return result.model;
}

describe("retirement: `retired: true` accounts move to a deny-all `Retired` OU", () => {
    it("moves every retired account into a top-level `Retired` OU that carries the deny-all SCP", () => {
        const model = load(ORG);
        const retired = model.organizationalUnits.find((ou) => ou.name === RETIRED_OU_NAME);
        assert.ok(retired, "a top-level Retired OU exists");
        assert.strictEqual(retired.path, "Retired");
        assert.strictEqual(retired.depth, 1);
        assert.strictEqual(retired.parentPath, null);
        assert.deepStrictEqual(retired.policies, ["FullAWSAccess", RETIRED_SCP_NAME]);
        assert.deepStrictEqual(retired.accounts.map((a) => a.name), ["old-shop", "legacy-batch", "sandbox"]);
        for (const a of retired.accounts) assert.strictEqual(a.ouPath, "Retired");

        const scp = model.policies.get(RETIRED_SCP_NAME);
        assert.ok(scp);
        assert.strictEqual(scp.strategy, "deny-list");
        assert.strictEqual(scp.file, undefined, "built in, no policy file");
        assert.deepStrictEqual(JSON.parse(scp.content), { Version: "2012-10-17", Statement: [{ Sid: "DenyAllRetired", Effect: "Deny", Action: "*", Resource: "*" }] });
    });

    it("keeps the model's invariants: OUs parents-first, accounts in file order, nothing left behind", () => {
        const model = load(ORG);
        assert.deepStrictEqual(model.allOrganizationalUnits.map((ou) => ou.path), ["Workloads", "Workloads/Legacy", "Retired"]);
        assert.deepStrictEqual(model.allAccounts.map((a) => `${a.name}@${a.ouPath}`), [
            "shop-prod@Workloads",
            "old-shop@Retired",
            "legacy-batch@Retired",
            "management@null",
            "sandbox@Retired",
        ]);
        const workloads = present(model.organizationalUnits[0]);
        assert.deepStrictEqual(workloads.accounts.map((a) => a.name), ["shop-prod"]);
        assert.deepStrictEqual(workloads.organizationalUnits[0]?.accounts, []);
        assert.deepStrictEqual(model.accounts.map((a) => a.name), ["management"]);
        // The account objects in the tree are the same as in allAccounts.
        const inTree = present(model.organizationalUnits.find((ou) => ou.name === "Retired")?.accounts[0]);
        assert.strictEqual(inTree, model.allAccounts.find((a) => a.name === "old-shop"));
        assert.ok(Object.isFrozen(inTree) && Object.isFrozen(model.allOrganizationalUnits[2]), "the synthesized parts are frozen too");
    });

    it("keeps a retired account's own settings (id, email, closeOnDeletion)", () => {
        const model = load(ORG.replace('id: "222222222222"\n', 'id: "222222222222"\n        closeOnDeletion: true\n'));
        const old = present(model.allAccounts.find((a) => a.name === "old-shop"));
        assert.strictEqual(old.id, "222222222222");
        assert.strictEqual(old.closeOnDeletion, true);
        assert.strictEqual(old.retired, true);
    });

    it("changes nothing when no account is retired", () => {
        const model = load(ORG.replace(/\n\s*retired: true/g, ""));
        assert.deepStrictEqual(model.allOrganizationalUnits.map((ou) => ou.path), ["Workloads", "Workloads/Legacy"]);
        assert.strictEqual(model.policies.has(RETIRED_SCP_NAME), false);
    });

    it("uses a top-level `Retired` OU declared in the file as it is", () => {
        const model = load(yaml`
            policies:
              AllowS3: { file: policies/allow-s3.json }
            organizationalUnits:
              - name: Retired
                policies: [AllowS3]
                accounts:
                  - name: parked
                    email: parked@example.com
              - name: Apps
                accounts:
                  - name: old-app
                    email: old-app@example.com
                    retired: true
        `);
        const retired = model.allOrganizationalUnits.filter((ou) => ou.name === "Retired");
        assert.strictEqual(retired.length, 1, "no second Retired OU");
        const [ou] = retired;
        assert.deepStrictEqual(ou?.policies, ["AllowS3"], "its SCPs are the file's");
        assert.deepStrictEqual(ou.accounts.map((a) => a.name), ["parked", "old-app"]);
        assert.strictEqual(model.policies.has(RETIRED_SCP_NAME), false);
        assert.strictEqual(model.organizationalUnits[0], ou, "the tree and the flat list hold the same OU");
    });

    it("warns when a declared `Retired` OU does not carry the deny-all SCP, which can be listed by name", () => {
        const declared = (policies: string) => yaml`
            organizationalUnits:
              - name: Retired
                policies: ${policies}
              - name: Apps
                accounts: [{ name: old-app, email: old-app@example.com, retired: true }]
        `;
        const open = loadYaml(declared("[FullAWSAccess]"));
        assertDiagnostics(open, [{ code: "retired-ou-not-locked", severity: "warning", line: 3, column: 15, message: /does not carry `DenyAllRetired`.*add `DenyAllRetired` to its `policies`/ }]);
        const locked = loadYaml(declared("[FullAWSAccess, DenyAllRetired]"));
        assertDiagnostics(locked, []);
        assert.strictEqual(modelOf(locked).policies.get(RETIRED_SCP_NAME)?.document.Statement[0]?.Effect, "Deny");
    });

    it("adopts a declared deny-all `DenyAllRetired` with its id (as an import writes it)", () => {
        const denyAll = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] });
        const result = loadYaml(
            yaml`
                policies:
                  DenyAllRetired: { file: policies/deny-all.json, id: p-retired01 }
                accounts:
                  - { name: old, email: old@example.com, retired: true }
            `,
            { "policies/deny-all.json": denyAll },
        );
        assertDiagnostics(result, []);
        const model = modelOf(result);
        assert.strictEqual(model.policies.get(RETIRED_SCP_NAME)?.id, "p-retired01");
        assert.deepStrictEqual(model.allOrganizationalUnits.find((o) => o.name === RETIRED_OU_NAME)?.policies, ["FullAWSAccess", RETIRED_SCP_NAME]);
    });

    it("rejects an SCP named `DenyAllRetired` that does not deny everything, at its key, with the other errors", () => {
        const result = loadYaml(yaml`
            policies:
              AllowS3: { file: policies/allow-s3.json }
              DenyAllRetired: { file: policies/deny-leave.json }
            accounts:
              - { name: a, email: bad }
        `);
        assertDiagnostics(result, [
            { code: "reserved-policy-name", line: 3, column: 3, message: /`DenyAllRetired` is the built-in SCP of the `Retired` OU and must deny everything/ },
            { code: "invalid-email", line: 5, column: 23 },
        ]);
    });

    it("rejects an SCP named `DenyAllRetired` in the library, at its key", () => {
        const result = loadYaml(yaml`
            policies:
              AllowS3: { file: policies/allow-s3.json }
              DenyAllRetired: { file: policies/deny-leave.json }
        `);
        assertDiagnostics(result, [{ code: "reserved-policy-name", line: 3, column: 3, message: /`DenyAllRetired` is the built-in SCP of the `Retired` OU/ }]);
    });

    it("rejects retiring the management account", () => {
        const result = loadYaml(ORG.replace('id: "111111111111"\n', 'id: "111111111111"\n    retired: true\n'));
        assertDiagnostics(result, [{ code: "retired-management-account", line: 22, column: 5, message: /`management` is the management account.*remove `retired: true`/ }]);
    });

    it("warns that retired accounts cannot be locked without SCPs (CONSOLIDATED_BILLING)", () => {
        const result = loadYaml(yaml`
            organization:
              featureSet: CONSOLIDATED_BILLING
            accounts:
              - name: old
                email: old@example.com
                retired: true
        `);
        assertDiagnostics(result, [{ code: "retired-without-scp", severity: "warning", line: 4, column: 5 }]);
        const ou = present(modelOf(result).organizationalUnits[0]);
        assert.deepStrictEqual([ou.name, ou.policies, ou.accounts.map((a) => a.name)], ["Retired", ["FullAWSAccess"], ["old"]]);
    });
});
