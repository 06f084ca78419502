import * as assert from "assert";
import * as path from "path";
import { loadOrgModel } from "../../src/config/loadOrgFile";
import { registryEntries, RegistryEntry } from "../../src/registry/accountRegistry";
import { formatRegistry } from "../../src/registry/registryFormats";

const ROOT = path.resolve(__dirname, "..", "..");
const edge = loadOrgModel(path.join(ROOT, "test", "fixtures", "registry", "edge-org.yaml"));
const entries = registryEntries(edge, { "team a b": "999988887777", "sandbox-1": "555566667777" });

/** INI sections as objects, the way the AWS CLI and the browser extension read them. */
function ini(text: string): Record<string, Record<string, string>> {
    const sections: Record<string, Record<string, string>> = {};
    let current: Record<string, string> | undefined;
    for (const line of text.split("\n")) {
        const header = /^\[(.+)\]$/.exec(line);
        if (header) sections[header[1]] = current = {};
        else if (current && /^\w+ = /.test(line)) {
            const [key, value] = line.split(" = ");
            current[key] = value;
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

    it("csv: one row per account, quoting what needs quotes", () => {
        const lines = formatRegistry(entries, "csv").split("\r\n");
        assert.strictEqual(lines[0], "name,id,email,ouPath,joined,roleName,displayName,color,switchRoleUrl,note");
        assert.strictEqual(lines.length, entries.length + 2);
        const team = lines.find((l) => l.startsWith("team a b,")) ?? "";
        assert.ok(team.includes(',"Restricted/Team <A> & ""B""",'), team);
        assert.ok(lines.find((l) => l.startsWith("own-scps,,")), "an account without id has an empty id cell");
    });

    it("markdown: a table whose cells cannot break on a pipe", () => {
        const text = formatRegistry([{ ...entries[0], name: "a|b" }], "markdown");
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
        assert.strictEqual(json.accounts["own-scps"].id, null);
    });
});
