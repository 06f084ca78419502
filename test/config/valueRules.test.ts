import * as assert from "assert";
import {
    accountIdProblem,
    accountNameProblem,
    emailProblem,
    organizationIdProblem,
    ouNameProblem,
    policyDescriptionProblem,
    policyNameProblem,
    roleNameProblem,
    rootIdProblem,
    servicePrincipalProblem,
    tagsProblem,
} from "../../src/config/valueRules";

describe("valueRules", () => {
    const table = (rule: (v: string) => string | undefined, good: string[], bad: Array<[string, RegExp]>) => {
        for (const v of good) assert.strictEqual(rule(v), undefined, `${JSON.stringify(v)} should be accepted`);
        for (const [v, why] of bad) assert.match(rule(v) ?? "(accepted)", why, `${JSON.stringify(v)} should be rejected`);
    };

    it("emails follow AWS's CreateAccount rules", () =>
        table(emailProblem, ["a@b.co", "aws+team-1@example.com", "x.y@sub.example.org"], [
            ["a@b.c", /6 to 64/],
            [`${"a".repeat(60)}@b.com`, /6 to 64/],
            ["nobody.example.com", /exactly one `@`/],
            ["@example.com", /name before/],
            ["a@example", /domain with a dot/],
            ["a@.example.com", /domain with a dot/],
            ["a@example..com", /domain with a dot/],
            ["é@example.com", /ASCII/],
        ]));

    it("account names are 1 to 50 printable ASCII characters", () =>
        table(accountNameProblem, ["a", "Team 1 (prod)", "x".repeat(50)], [["", /empty/], ["x".repeat(51), /at most 50/], ["tab\there", /printable ASCII/]]));

    it("account ids are 12 digits", () => table(accountIdProblem, ["012345678901"], [["12345678901", /12 digits/], ["1234567890123", /12 digits/], ["12345678901a", /12 digits/]]));

    it("OU names are 1 to 128 characters without a slash", () =>
        table(ouNameProblem, ["HIPAA", "x".repeat(128)], [["", /empty/], ["x".repeat(129), /128/], ["a/b", /`\/`/]]));

    it("role names follow IAM's rules", () => table(roleNameProblem, ["OrganizationAccountAccessRole", "a+=,.@_-"], [["", /1 to 64/], ["has space", /1 to 64/]]));

    it("organization and root ids have AWS's shapes", () => {
        table(organizationIdProblem, ["o-exampleorg"], [["o-short", /o-/], ["org-1234567890", /o-/]]);
        table(rootIdProblem, ["r-ab12"], [["r-ab", /r-/], ["root", /r-/]]);
    });

    it("tags: at most 50, keys without the aws: prefix", () => {
        assert.strictEqual(tagsProblem({ team: "a" }), undefined);
        assert.match(tagsProblem(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])))?.problem ?? "", /at most 50/);
        assert.match(tagsProblem({ "aws:owner": "x" })?.problem ?? "", /cannot start with `aws:`/);
        assert.match(tagsProblem({ k: "v".repeat(257) })?.problem ?? "", /over 256/);
    });

    it("tags: keys and values use AWS's characters, `__proto__` is refused, and each problem names its key", () => {
        assert.strictEqual(tagsProblem({ "cost-center": "R", "Équipe 1": "a.b:c/d=e+f-g@h_i", empty: "" }), undefined);
        assert.deepStrictEqual(tagsProblem({ ok: "1", "": "x" }), { key: "", problem: "has an invalid key ``: keys are 1 to 128 characters" });
        assert.match(tagsProblem({ "a&b": "x" })?.problem ?? "", /only letters, digits, spaces/);
        assert.match(tagsProblem({ a: "x;y" })?.problem ?? "", /invalid value for `a`/);
        assert.match(tagsProblem(Object.fromEntries([["__proto__", "x"]]))?.problem ?? "", /`__proto__`, which Pulumi cannot pass/);
    });

    it("SCP names, descriptions and service principals follow CreatePolicy and EnableAWSServiceAccess", () => {
        table(policyNameProblem, ["DenyLeave", "__proto__", "x".repeat(128)], [["", /1 to 128/], ["x".repeat(129), /1 to 128/], ["Refusé", /ASCII/]]);
        table(policyDescriptionProblem, ["", "x".repeat(512)], [["x".repeat(513), /at most 512 characters \(it has 513\)/]]);
        table(servicePrincipalProblem, ["cloudtrail.amazonaws.com", "member.org.stacksets.cloudformation.amazonaws.com"], [
            ["", /must not be empty/],
            [`${"a".repeat(120)}.amazonaws.com`, /at most 128/],
            ["cloud trail.amazonaws.com", /only letters/],
            ["cloudtrail", /service principal such as/],
        ]);
    });
});
