import * as assert from "assert";
import { assertDiagnostics, loadModel, loadYaml, yaml } from "../support/orgFiles";
import { present } from "../support/present";

describe("Stable identity in the org file: key, previousNames, previousPaths", () => {
    it("keys default to the account's name and the OU's path", () => {
        const model = loadModel(yaml`
            organizationalUnits:
              - name: HIPAA
                organizationalUnits: [{ name: PCI, key: pci }]
                accounts: [{ name: a, email: a@example.com }, { key: b-key, name: b, email: b@example.com }]
        `);
        assert.deepStrictEqual(model.allAccounts.map((a) => a.key), ["a", "b-key"]);
        assert.deepStrictEqual(model.allOrganizationalUnits.map((o) => [o.path, o.key]), [["HIPAA", "HIPAA"], ["HIPAA/PCI", "pci"]]);
    });

    it("an OU keyed by its path inherits the old paths of the OUs above it", () => {
        const model = loadModel(yaml`
            organizationalUnits:
              - name: Health
                previousPaths: [HIPAA]
                organizationalUnits:
                  - name: PCI
                    organizationalUnits: [{ name: Cards }]
                  - { name: Keyed, key: keyed }
        `);
        const ou = (path: string) => present(model.allOrganizationalUnits.find((o) => o.path === path), path);
        assert.deepStrictEqual(ou("Health/PCI").previousPaths, ["HIPAA/PCI"]);
        assert.deepStrictEqual(ou("Health/PCI/Cards").previousPaths, ["HIPAA/PCI/Cards"]);
        assert.deepStrictEqual(ou("Health/Keyed").previousPaths, [], "a key does not change with the path");
    });

    it("refuses a key Pulumi cannot use, a key used twice, and previous names that are names now", () => {
        assertDiagnostics(
            loadYaml(yaml`
                accounts:
                  - { key: "a::b", name: a, email: a@example.com }
                  - { key: shared, name: b, email: b@example.com }
                  - { key: shared, name: c, email: c@example.com }
                  - { name: d, email: d@example.com, previousNames: [shared, d] }
                  - { name: e, email: e@example.com, previousNames: [old, old] }
            `),
            [
                { code: "invalid-key", line: 2, column: 12, message: /`key` of account `a` must not contain `::`/ },
                { code: "duplicate-key", line: 4, column: 12, message: /Account key `shared` is already the key at line 3/ },
                { code: "previous-identity-in-use", line: 5, column: 54, message: /names `shared`, which is the key of the account at line 3/ },
                { code: "previous-identity-is-current", line: 5, column: 62, message: /lists its own key `d`/ },
                { code: "duplicate-previous-identity", line: 6, column: 59, message: /Previous name `old`/ },
            ],
        );
    });

    it("refuses to move an OU to another parent unless the file accepts its replacement", () => {
        const moved = yaml`
            organizationalUnits:
              - name: HIPAA
              - name: PCI
                previousPaths: [HIPAA/PCI]
        `;
        assertDiagnostics(loadYaml(moved), [
            { code: "ou-parent-change", line: 4, column: 21, message: /was `HIPAA\/PCI`, under `HIPAA`: AWS cannot move an OU to another parent.*Set `allowReplacement: true`/ },
        ]);
        const accepted = loadModel(`${moved}    allowReplacement: true\n`);
        assert.deepStrictEqual(present(accepted.allOrganizationalUnits.find((o) => o.path === "PCI")).previousPaths, ["HIPAA/PCI"]);
    });

    it("a renamed parent is no move", () => {
        const model = loadModel(yaml`
            organizationalUnits:
              - name: Health
                previousPaths: [HIPAA]
                organizationalUnits:
                  - { name: Cards, previousPaths: [HIPAA/PCI] }
        `);
        assert.deepStrictEqual(present(model.allOrganizationalUnits.find((o) => o.path === "Health/Cards")).previousPaths, ["HIPAA/PCI", "HIPAA/Cards"]);
    });
});

describe("removed: objects the file deletes on purpose", () => {
    it("keeps the keys it lists, and refuses one still in the file", () => {
        const ok = loadModel("accounts: [{ name: a, email: a@example.com }]\nremoved:\n  accounts: [old]\n  organizationalUnits: [Lab]\n");
        assert.deepStrictEqual(ok.removed, { accounts: ["old"], organizationalUnits: ["Lab"] });
        assertDiagnostics(loadYaml("accounts: [{ name: a, email: a@example.com }]\nremoved:\n  accounts: [a]\n"), [
            { code: "removed-still-declared", line: 3, column: 14, message: /`removed.accounts` names `a`, but the account with that key is still in the file \(line 1\)/ },
        ]);
    });
});
