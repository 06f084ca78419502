import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { registryFromOutputs } from "../../src/registry/stackOutputs";
import { present } from "../support/present";

const FIXTURE = path.resolve(__dirname, "..", "fixtures", "registry", "dev-stack-outputs.json");
const options = { sourceProfile: "default" };

describe("registry from stack outputs", () => {
    it("reads the `accounts` output of a deployed stack, ids included", () => {
        const { entries, diagnostics } = registryFromOutputs(FIXTURE, fs.readFileSync(FIXTURE, "utf8"), options);
        assert.deepStrictEqual(diagnostics, []);
        assert.deepStrictEqual(entries.map((e) => [e.name, e.id]), [
            ["sandbox-hipaa-dev", "210987654321"],
            ["sandbox-hipaa-pci-dev", "321098765432"],
            ["sandbox-pci-dev", "432109876543"],
            ["sandbox-general-dev", null],
        ]);
    });

    it("rebuilds the profiles with the source profile asked for", () => {
        const { entries } = registryFromOutputs(FIXTURE, fs.readFileSync(FIXTURE, "utf8"), { sourceProfile: "mgmt", region: "us-west-2" });
        assert.strictEqual(entries[0]?.awsConfigProfile, "[profile sandbox-hipaa-dev]\nrole_arn = arn:aws:iam::210987654321:role/OrganizationAccountAccessRole\nsource_profile = mgmt\nregion = us-west-2");
    });

    it("keeps notes once when read back", () => {
        const text = JSON.stringify({ accounts: { mgmt: { id: "111111111111", email: "m@example.com", ouPath: null, joined: "adopted", roleName: "R", switchRoleUrl: null, note: "x; the management account: sign in to it directly, as it has no `R` to switch to (and SCPs never restrict it)" } } });
        const mgmt = present(registryFromOutputs("o.json", text, options).entries[0]);
        assert.strictEqual(mgmt.note, "the management account: sign in to it directly, as it has no `R` to switch to (and SCPs never restrict it); x");
        assert.strictEqual(mgmt.switchRoleUrl, null);
    });

    it("points at the position of invalid JSON", () => {
        const { diagnostics } = registryFromOutputs("out.json", '{\n  "accounts": {\n    "a": ,\n', options);
        assert.strictEqual(diagnostics.length, 1);
        const d = present(diagnostics[0]);
        assert.deepStrictEqual({ code: d.code, line: d.line, column: d.column }, { code: "outputs-not-json", line: 3, column: 10 });
        assert.match(d.message, /pulumi stack output --json/);
    });

    it("says what to do when the outputs have no `accounts`", () => {
        const { diagnostics } = registryFromOutputs("out.json", '{ "organizationId": "o-abc" }', options);
        const d = present(diagnostics[0]);
        assert.strictEqual(d.code, "outputs-no-accounts");
        assert.match(d.message, /`accounts` output/);
    });

    it("says once, not per account, when the outputs predate the account registry", () => {
        const text = JSON.stringify({ accounts: { a: { id: "111111111111", arn: "arn:x", email: "a@example.com", ouPath: null }, b: { id: "222222222222", arn: "arn:y", email: "b@example.com", ouPath: "X" } } });
        const { entries, diagnostics } = registryFromOutputs("o.json", text, options);
        assert.deepStrictEqual(entries, []);
        assert.deepStrictEqual(diagnostics.map((d) => d.code), ["outputs-without-registry"]);
        assert.match(present(diagnostics[0]).message, /^2 accounts \(`a`, `b`\) have no `joined` or `roleName`.*Run `pulumi up` to refresh them/);
    });

    it("names the account, the key and the position of every bad field", () => {
        const text = ['{ "accounts": {', '  "web": { "id": "12345", "email": "w@example.com", "ouPath": null,', '           "joined": "invited", "roleName": "R", "switchRoleUrl": null } } }'].join("\n");
        const { entries, diagnostics } = registryFromOutputs("out.json", text, options);
        assert.deepStrictEqual(entries, []);
        assert.deepStrictEqual(
            diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`),
            [
                "2:18 Account `web`: `id` must be a 12-digit account id or null, got `\"12345\"`.",
                "3:22 Account `web`: `joined` must be `created` or `adopted`, got `\"invited\"`.",
            ],
        );
    });
});
