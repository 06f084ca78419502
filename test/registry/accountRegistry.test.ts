import * as assert from "assert";
import * as path from "path";
import { loadOrgModel } from "../../src/config/loadOrgFile";
import { AccountOutput, accountOutputs } from "../../src/registry/accountRegistry";
import { CONSOLE_PALETTE, colorForOu } from "../../src/registry/consolePalette";
import { present } from "../support/present";

const ROOT = path.resolve(__dirname, "..", "..");
const prod = loadOrgModel(path.join(ROOT, "config", "prod.yaml"));
const edge = loadOrgModel(path.join(ROOT, "test", "fixtures", "registry", "edge-org.yaml"));

/** The registry row of account `name`, asserting there is one. */
function rowOf(outputs: Readonly<Record<string, AccountOutput>>, name: string): AccountOutput {
    return present(outputs[name], `the registry row of ${name}`);
}

describe("account registry", () => {
    it("gives an existing account a console link that fills in Switch Role", () => {
        const legacy = rowOf(accountOutputs(prod, {}), "legacy-site");
        const url = new URL(legacy.switchRoleUrl ?? "");
        assert.strictEqual(`${url.origin}${url.pathname}`, "https://signin.aws.amazon.com/switchrole");
        assert.deepStrictEqual(Object.fromEntries(url.searchParams), {
            account: "222222222222",
            roleName: "OrganizationAccountAccessRole",
            displayName: "legacy-site",
            color: legacy.color,
        });
    });

    it("gives a ready ~/.aws/config profile, with the source profile and region asked for", () => {
        const outputs = accountOutputs(prod, { "security-audit": "444455556666" }, { sourceProfile: "management", region: "eu-west-1" });
        assert.strictEqual(
            rowOf(outputs, "security-audit").awsConfigProfile,
            "[profile security-audit]\nrole_arn = arn:aws:iam::444455556666:role/OrganizationAccountAccessRole\nsource_profile = management\nregion = eu-west-1",
        );
        assert.match(rowOf(accountOutputs(prod, { "security-audit": "444455556666" }), "security-audit").awsConfigProfile ?? "", /source_profile = default$/);
    });

    it("invents no id for an account not created yet, and says when it will have one", () => {
        const pending = rowOf(accountOutputs(prod, {}), "patient-records-dev");
        assert.deepStrictEqual(
            { id: pending.id, url: pending.switchRoleUrl, profile: pending.awsConfigProfile },
            { id: null, url: null, profile: null },
        );
        assert.match(pending.note ?? "", /`pulumi up`/);
        const created = rowOf(accountOutputs(prod, { "patient-records-dev": "123456789012" }), "patient-records-dev");
        assert.strictEqual(created.id, "123456789012");
        assert.strictEqual(created.note, null);
        assert.match(created.switchRoleUrl ?? "", /account=123456789012/);
    });

    it("gives every account of an OU the same console colour, and the OUs more than one", () => {
        const outputs = accountOutputs(prod, {});
        for (const ou of prod.allOrganizationalUnits) {
            const colors = new Set(ou.accounts.map((a) => rowOf(outputs, a.name).color));
            assert.deepStrictEqual([...colors], [colorForOu(ou.path).hex], ou.path);
        }
        const used = new Set(prod.allAccounts.map((a) => rowOf(outputs, a.name).color));
        assert.ok(used.size > 1);
        for (const color of used) assert.ok(CONSOLE_PALETTE.some((c) => c.hex === color), `${color} is not a colour the console accepts`);
    });

    it("keeps colours stable: the colours `npm run accounts -- --stack prod` shows", () => {
        assert.deepStrictEqual(colorForOu("HIPAA/PCI"), { name: "green", hex: "b7ca9d" });
        assert.deepStrictEqual(colorForOu("HIPAA"), { name: "orange", hex: "fbc8aa" });
        assert.deepStrictEqual(colorForOu(null), { name: "blue", hex: "83d4e8" });
        assert.strictEqual(rowOf(accountOutputs(prod, {}), "management").color, "83d4e8", "accounts directly under the root");
    });

    it("sends nobody to switch into the management account", () => {
        const management = rowOf(accountOutputs(prod, {}), "management");
        assert.strictEqual(management.id, "111111111111");
        assert.strictEqual(management.switchRoleUrl, null);
        assert.strictEqual(management.awsConfigProfile, null);
        assert.match(management.note ?? "", /management account: sign in to it directly/);
    });

    it("warns that an adopted account may lack the access role", () => {
        assert.match(rowOf(accountOutputs(prod, {}), "legacy-site").note ?? "", /AWS creates `OrganizationAccountAccessRole` only in accounts created/);
        assert.match(rowOf(accountOutputs(edge, {}), "partner").note ?? "", /to be invited with `npm run invite`/);
    });

    it("uses each account's own role and a profile name the AWS CLI accepts", () => {
        const team = rowOf(accountOutputs(edge, { "team a b": "999988887777" }), "team a b");
        assert.strictEqual(team.roleName, "Admin");
        assert.match(team.awsConfigProfile ?? "", /^\[profile team-a-b\]\nrole_arn = arn:aws:iam::999988887777:role\/Admin\n/);
        assert.strictEqual(team.ouPath, 'Restricted/Team <A> & "B"');
    });

    it("is plain JSON, as a stack output must be", () => {
        const outputs = accountOutputs(edge, { "team a b": "999988887777" });
        assert.deepStrictEqual(JSON.parse(JSON.stringify(outputs)), outputs);
        assert.deepStrictEqual(Object.keys(outputs), edge.allAccounts.map((a) => a.name));
        assert.deepStrictEqual(
            Object.keys(rowOf(outputs, "team a b")).sort(),
            ["awsConfigProfile", "color", "displayName", "email", "id", "joined", "note", "ouPath", "roleName", "switchRoleUrl"],
        );
    });
});
