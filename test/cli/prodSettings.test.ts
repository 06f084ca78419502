import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run as planCommand } from "../../src/cli/plan";
import { exampleCases } from "../support/orgFileMutator";
import { present } from "../support/present";
import { runInProcess } from "../support/runCommand";

// The prod example sets each organization-wide setting; a bad value in any of them fails the
// plan at the value's place, and nothing is planned.

interface PlanJson {
    resources?: { type: string; name: string; inputs: Record<string, unknown> }[];
    violations: unknown[];
    errors?: { file: string; line: number; column: number; message: string }[];
}

/** The prod example, with `edit` applied to its text, written with its policies to a temporary folder. */
function prodWith(edit: (text: string) => string): { file: string; text: string } {
    const prod = present(exampleCases()[1], "the prod example");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-prod-"));
    for (const [name, content] of Object.entries(prod.files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), content);
    }
    const text = edit(prod.orgYaml);
    assert.notStrictEqual(text, prod.orgYaml, "the edit changed the file");
    const file = path.join(dir, "prod.yaml");
    fs.writeFileSync(file, text);
    return { file, text };
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): [number, number] {
    const offset = text.indexOf(needle);
    assert.ok(offset >= 0, `${needle} is in the file`);
    const before = text.slice(0, offset).split("\n");
    return [before.length, present(before[before.length - 1]).length + 1];
}

describe("the prod example's organization settings (npm run plan)", function () {
    this.timeout(60_000);

    it("plans root access, GuardDuty and Security Hub delegated to security-audit, and the three contacts of every account, with exit 0", async () => {
        const run = await runInProcess(planCommand, ["--stack", "prod", "--json"]);
        assert.strictEqual(run.status, 0, run.stderr);
        const plan = JSON.parse(run.stdout) as PlanJson;
        assert.deepStrictEqual(plan.violations, []);
        const resources = present(plan.resources, "the planned resources");
        const features = resources.filter((r) => r.type === "aws:iam/organizationsFeatures:OrganizationsFeatures");
        assert.deepStrictEqual(features.map((r) => r.inputs.enabledFeatures), [["RootCredentialsManagement", "RootSessions"]]);
        const delegations = resources.filter((r) => r.type === "aws:organizations/delegatedAdministrator:DelegatedAdministrator");
        assert.deepStrictEqual(delegations.map((r) => r.inputs.servicePrincipal).sort(), ["guardduty.amazonaws.com", "securityhub.amazonaws.com"]);
        const securityAudit = present(resources.find((r) => r.type === "aws:organizations/account:Account" && r.name === "security-audit"));
        assert.ok(typeof securityAudit.inputs.email === "string");
        const contacts = resources.filter((r) => r.type === "aws:account/alternativeContact:AlternativeContact");
        const accounts = resources.filter((r) => r.type === "aws:organizations/account:Account").length;
        assert.strictEqual(contacts.length, 3 * accounts);
        assert.deepStrictEqual([...new Set(contacts.map((r) => r.inputs.alternateContactType))].sort(), ["BILLING", "OPERATIONS", "SECURITY"]);
    });

    for (const [what, from, to, needle, message] of [
        ["a delegated administrator that is no account", "guardduty.amazonaws.com: security-audit", "guardduty.amazonaws.com: security-adit", "security-adit", /`security-adit`, the delegated administrator of Amazon GuardDuty, is not an account of the file\. Did you mean `security-audit`\?/],
        ["a contact's phone number AWS refuses", 'phone: "+1-555-0100"', 'phone: "call +1-555-0100"', '"call', /`phone` of the security contact of every account \(`defaults`\) \(`call \+1-555-0100`\) must hold only digits/],
        ["a root access feature that is not a boolean", "rootAccess: { credentialsManagement: true", "rootAccess: { credentialsManagement: yes", "yes", /credentialsManagement/],
    ] as const) {
        it(`fails at its place on ${what}, and plans nothing`, async () => {
            const { file, text } = prodWith((t) => t.replace(from, to));
            const run = await runInProcess(planCommand, ["--file", file, "--json"]);
            assert.strictEqual(run.status, 1, run.stdout);
            const plan = JSON.parse(run.stdout) as PlanJson;
            assert.strictEqual(plan.resources, undefined, "nothing is planned");
            const [error] = present(plan.errors, "errors");
            const [line, column] = positionOf(text, needle);
            assert.deepStrictEqual([present(error).file, present(error).line, present(error).column], [file, line, column]);
            assert.match(present(error).message, message);
        });
    }
});
