import * as assert from "assert";
import * as path from "path";
import { run as accountsCommand } from "../../src/cli/accounts";
import { runInProcess } from "../support/runCommand";

const OUTPUTS = path.resolve(__dirname, "..", "fixtures", "registry", "identity-center-stack-outputs.json");
const accounts = (...args: string[]) => runInProcess(accountsCommand, args);

/** The sections of an INI file, each as its key/value pairs, as the AWS CLI reads them. */
function sections(text: string): Map<string, Record<string, string>> {
    const result = new Map<string, Record<string, string>>();
    let current: Record<string, string> | undefined;
    for (const line of text.split("\n")) {
        const header = /^\[(.+)\]$/.exec(line);
        if (header?.[1] !== undefined) {
            assert.ok(!result.has(header[1]), `section ${header[1]} twice`);
            current = {};
            result.set(header[1], current);
        } else if (line.includes(" = ") && current !== undefined) {
            const [key, value] = line.split(" = ");
            current[key ?? ""] = value ?? "";
        }
    }
    return result;
}

describe("npm run accounts with Identity Center", () => {
    it("writes one sso-session and one SSO profile per account and permission set of a deployed stack, as the AWS CLI v2 reads them", async () => {
        const run = await accounts("--from-outputs", OUTPUTS, "--format", "aws-config", "--sso-session", "healthco", "--region", "eu-central-1");
        assert.strictEqual(run.status, 0, run.stderr);
        const config = sections(run.stdout);
        assert.deepStrictEqual(config.get("sso-session healthco"), {
            sso_start_url: "https://d-9067a1b2c3.awsapps.com/start",
            sso_region: "eu-west-1",
            sso_registration_scopes: "sso:account:access",
        });
        assert.deepStrictEqual(config.get("profile sandbox-hipaa-dev-Developer"), { sso_session: "healthco", sso_account_id: "210987654321", sso_role_name: "Developer", region: "eu-central-1" });
        assert.deepStrictEqual([...config.keys()], ["sso-session healthco", "profile sandbox-hipaa-dev-Developer", "profile sandbox-hipaa-dev-ReadOnlyAccess", "profile sandbox-hipaa-pci-dev-ReadOnlyAccess"]);
        assert.match(run.stdout, /# Not created yet, no profile until `pulumi up`: sandbox-general-dev\n/);
        assert.doesNotMatch(run.stdout, /role_arn|source_profile/);
    });

    it("writes only the profiles of the groups given", async () => {
        const run = await accounts("--from-outputs", OUTPUTS, "--format", "aws-config", "--group", "developers");
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual([...sections(run.stdout).keys()], ["sso-session aws-org", "profile sandbox-hipaa-dev-Developer"]);
    });

    it("shows the portal above the table, and keeps the switch-role links", async () => {
        const run = await accounts("--from-outputs", OUTPUTS);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout, /^Sign in through IAM Identity Center: https:\/\/d-9067a1b2c3\.awsapps\.com\/start \(Region eu-west-1\)\n\nACCOUNT/);
        assert.match(run.stdout, /https:\/\/signin\.aws\.amazon\.com\/switchrole\?account=210987654321/);
    });

    it("asks for the portal URL before `pulumi up`, unless --start-url gives it", async () => {
        const before = await accounts("--stack", "prod", "--format", "aws-config");
        assert.strictEqual(before.status, 64);
        assert.match(before.stderr, /^The AWS access portal URL is not known yet: pass `--start-url/);
        const given = await accounts("--stack", "prod", "--format", "aws-config", "--start-url", "https://healthco.awsapps.com/start", "--group", "finance");
        assert.strictEqual(given.status, 0, given.stderr);
        assert.deepStrictEqual(sections(given.stdout).get("profile management-BillingOnly"), { sso_session: "prod", sso_account_id: "111111111111", sso_role_name: "BillingOnly" });
        const bad = await accounts("--stack", "prod", "--format", "aws-config", "--start-url", "healthco.awsapps.com");
        assert.strictEqual(bad.status, 64);
        assert.match(bad.stderr, /--start-url `healthco\.awsapps\.com` is not an AWS access portal URL/);
    });

    it("writes switch-role profiles, as before, for an organization without Identity Center", async () => {
        const run = await accounts("--stack", "dev", "--format", "aws-config");
        assert.strictEqual(run.status, 0, run.stderr);
        assert.doesNotMatch(run.stdout, /sso-session/);
        const group = await accounts("--stack", "dev", "--group", "developers");
        assert.strictEqual(group.status, 64);
        assert.match(group.stderr, /--group picks Identity Center groups, and this organization has no `identityCenter`/);
    });
});
