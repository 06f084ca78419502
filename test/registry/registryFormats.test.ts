import * as assert from "assert";
import * as path from "path";
import { loadOrgModel } from "../../src/config/loadOrgFile";
import { registryEntries, RegistryEntry } from "../../src/registry/accountRegistry";
import { asOutputs, formatRegistry } from "../../src/registry/registryFormats";
import { registryFromOutputs } from "../../src/registry/stackOutputs";
import { uniqueProfileNames } from "../../src/registry/switchRole";
import { loadYaml, yaml } from "../support/orgFiles";
import { present } from "../support/present";

const ROOT = path.resolve(__dirname, "..", "..");
const edge = loadOrgModel(path.join(ROOT, "test", "fixtures", "registry", "edge-org.yaml"));
const entries = registryEntries(edge, { "team a b": "999988887777", "sandbox-1": "555566667777" });

/** Accounts whose names all become the profile name `team-a`. */
const CLASHING = yaml`
    accounts:
      - name: team a
        email: a1@example.com
        id: "111111111111"
      - name: team-a
        email: a2@example.com
        id: "222222222222"
      - name: team/a
        email: a3@example.com
        id: "333333333333"
`;

/** The section headers of an INI text, in order. */
function headers(text: string): string[] {
    return [...text.matchAll(/^\[(.+)\]$/gm)].map(([, name]) => present(name));
}

/** INI sections as objects, the way the AWS CLI and the browser extension read them. */
function ini(text: string): Record<string, Record<string, string>> {
    const sections: Record<string, Record<string, string>> = {};
    let current: Record<string, string> | undefined;
    for (const line of text.split("\n")) {
        const header = /^\[(.+)\]$/.exec(line);
        if (header) sections[present(header[1])] = current = {};
        else if (current && /^\w+ = /.test(line)) {
            const [key, value] = line.split(" = ");
            current[present(key)] = present(value);
        }
    }
    return sections;
}

describe("registry formats", () => {
    it("aws-config: a profile per reachable account, and the others named in comments", () => {
        const text = formatRegistry(entries, "aws-config");
        const profiles = ini(text);
        assert.deepStrictEqual(Object.keys(profiles).sort(), ["profile legacy", "profile partner", "profile sandbox-1", "profile team-a-b"]);
        assert.deepStrictEqual(profiles["profile sandbox-1"], { role_arn: "arn:aws:iam::555566667777:role/OrganizationAccountAccessRole", source_profile: "default" });
        assert.match(text, /^# Not created yet, no profile until `pulumi up`: locked-1, own-scps$/m);
        assert.match(text, /^# management: the management account/m);
    });

    it("extend-switch-roles: account id, role and a colour without #, as the extension wants", () => {
        const profiles = ini(formatRegistry(entries, "extend-switch-roles", { region: "eu-central-1" }));
        const team = entries.find((e) => e.name === "team a b") as RegistryEntry;
        assert.deepStrictEqual(profiles["profile team-a-b"], { aws_account_id: "999988887777", role_name: "Admin", color: team.color, region: "eu-central-1" });
        assert.match(team.color, /^[0-9a-f]{6}$/);
    });

    it("aws-config and extend-switch-roles: one profile name per account when names clash, the exact name kept", () => {
        const clashing = loadYaml(CLASHING).model;
        assert.ok(clashing);
        const rows = registryEntries(clashing);
        const expected = ["profile team-a-111111111111", "profile team-a", "profile team-a-333333333333"];
        assert.deepStrictEqual(headers(formatRegistry(rows, "aws-config")), expected);
        const extension = formatRegistry(rows, "extend-switch-roles");
        assert.deepStrictEqual(headers(extension), expected);
        assert.strictEqual(ini(extension)["profile team-a-333333333333"]?.aws_account_id, "333333333333");
        assert.strictEqual(ini(formatRegistry(rows, "aws-config"))["profile team-a"]?.role_arn, "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole");
    });

    it("gives the profiles read back from stack outputs the same unique names", () => {
        const clashing = loadYaml(CLASHING).model;
        assert.ok(clashing);
        const outputs = JSON.stringify({ accounts: asOutputs(registryEntries(clashing)) });
        const { entries: rows, diagnostics } = registryFromOutputs("outputs.json", outputs, { sourceProfile: "default" });
        assert.deepStrictEqual(diagnostics, []);
        assert.deepStrictEqual(headers(formatRegistry(rows, "aws-config")), ["profile team-a-111111111111", "profile team-a", "profile team-a-333333333333"]);
    });

    it("uniqueProfileNames: never repeats a name, even when a name plus an id is another account's name", () => {
        const names = uniqueProfileNames([
            { name: "ops a", accountId: "111111111111" },
            { name: "ops-a-111111111111", accountId: "222222222222" },
            { name: "ops/a", accountId: "333333333333" },
            { name: "solo account", accountId: "444444444444" },
        ]);
        assert.deepStrictEqual(names, ["ops-a-111111111111-2", "ops-a-111111111111", "ops-a-333333333333", "solo-account"]);
    });

    it("csv: one row per account, quoting what needs quotes", () => {
        const lines = formatRegistry(entries, "csv").split("\r\n");
        assert.strictEqual(lines[0], "name,id,email,ouPath,joined,roleName,displayName,color,switchRoleUrl,note");
        assert.strictEqual(lines.length, entries.length + 2);
        const team = lines.find((l) => l.startsWith("team a b,")) ?? "";
        assert.ok(team.includes(',"Restricted/Team <A> & ""B""",'), team);
        assert.ok(lines.find((l) => l.startsWith("own-scps,,")), "an account without id has an empty id cell");
    });

    it("markdown: a table whose cells cannot break on a pipe", () => {
        const text = formatRegistry([{ ...present(entries[0]), name: "a|b" }], "markdown");
        assert.match(text, /^\| a\\\|b \|/m);
        assert.match(formatRegistry(entries, "markdown"), /\| \[switch role\]\(https:\/\/signin\.aws\.amazon\.com\/switchrole\?account=999988887777&/);
    });

    it("table: says which accounts have no id yet instead of showing one", () => {
        const text = formatRegistry(entries, "table");
        assert.match(text, /^own-scps\s+\(after pulumi up\)\s+General\s+created/m);
        assert.match(text, /^\* partner: to be invited with `npm run invite`/m);
        assert.match(text, /7 accounts; 2 not created yet/);
    });

    it("json: the stack output shape, under `accounts`", () => {
        const json = JSON.parse(formatRegistry(entries, "json")) as { accounts: Record<string, { id: string | null }> };
        assert.deepStrictEqual(Object.keys(json.accounts), entries.map((e) => e.name));
        assert.strictEqual(present(json.accounts["own-scps"]).id, null);
    });
});
