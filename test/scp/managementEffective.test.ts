import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { loadOrgModel } from "../../src/config/loadOrgFile";
import { effectiveManagementPolicy, ManagementLevel, mergeManagementPolicies } from "../../src/scp/managementEffective";
import { targetsNamed } from "../../src/scp/policyPath";
import { JsonObject } from "../../policypacks/aws-org-guardrails/core/managementPolicy";
import { present } from "../support/present";

// AWS Organizations User Guide, "Policy syntax and inheritance for management policy types",
// "Policy inheritance examples" (https://docs.aws.amazon.com/organizations/latest/userguide/
// orgs_manage_policies_inheritance_mgmt.html): its policies A to K are the fixtures of
// test/fixtures/management-inheritance, its effective policies the expectations below.
const FIXTURES = path.join(__dirname, "..", "fixtures", "management-inheritance");
const policy = (name: string) => ({ name, value: JSON.parse(fs.readFileSync(path.join(FIXTURES, `policy-${name}.json`), "utf8")) as JsonObject });
const level = (name: string, ...policies: string[]): ManagementLevel => ({ name, policies: policies.map(policy) });

describe("management policy inheritance: AWS's worked examples", () => {
    it("example 1: a child's @@assign overwrites the inherited tag values and adds enforced_for", () => {
        const result = mergeManagementPolicies([level("root", "A"), level("OU1", "B"), level("account-111111111111")]);
        assert.deepStrictEqual(result.effective, { tags: { costcenter: { tag_key: "CostCenter", tag_value: ["Sandbox"], enforced_for: ["redshift:*", "dynamodb:table"] } } });
        assert.deepStrictEqual(result.ignored, []);
    });

    it("example 2: @@append adds to the inherited values", () => {
        const result = mergeManagementPolicies([level("root", "A"), level("OU2", "C"), level("account-999999999999")]);
        assert.deepStrictEqual(result.effective, { tags: { costcenter: { tag_key: "CostCenter", tag_value: ["Development", "Support", "Marketing"], enforced_for: ["redshift:*", "dynamodb:table"] } } });
    });

    it("example 3: @@remove takes values out; a list left empty is left out", () => {
        // The page nests policy D's `enforced_for` inside `tag_value`, but explains and shows the
        // result of it beside `tag_value` ("Compliance is not enforced"): the fixture writes that.
        const result = mergeManagementPolicies([level("root", "A"), level("OU2", "C"), level("account-999999999999", "D")]);
        assert.deepStrictEqual(result.effective, { tags: { costcenter: { tag_key: "CostCenter", tag_value: ["Support"] } } });
    });

    it("example 4: child control keeps the tag key and lets only @@append through for the values", () => {
        const result = mergeManagementPolicies([level("root", "E"), level("OU", "F"), level("account")]);
        // The page prints `"tag_key": "project"`, though policy E assigns `Project` and its text
        // says policy F "can't" change the case treatment: the key stays as E assigns it.
        assert.deepStrictEqual(result.effective, { tags: { project: { tag_key: "Project", tag_value: ["Maintenance", "Escalations", "Escalations - research"] } } });
        assert.deepStrictEqual(result.ignored, [{ level: "OU", policy: "F", setting: "tags.project.tag_key", operator: "@@assign", allowed: [] }]);
    });

    it("example 5: child controls of two policies on one level intersect: children may append, not remove", () => {
        const child = { name: "child", value: { tags: { project: { tag_value: { "@@append": ["Escalations"], "@@remove": ["Maintenance"] } } } } };
        const result = mergeManagementPolicies([level("root", "G", "H"), { name: "OU", policies: [child] }]);
        assert.deepStrictEqual(result.effective, { tags: { project: { tag_value: ["Maintenance", "Escalations"] } } });
        assert.deepStrictEqual(result.ignored, [{ level: "OU", policy: "child", setting: "tags.project.tag_value", operator: "@@remove", allowed: ["@@append"] }]);
    });

    it("example 6: on one level, the policy attached first wins a conflicting @@assign", () => {
        const result = mergeManagementPolicies([level("root", "J", "K"), level("account")]);
        // The page prints `" PROJECT"` with a leading space, a typo for the `PROJECT` it explains.
        assert.deepStrictEqual(result.effective, { tags: { project: { tag_key: "PROJECT", tag_value: ["Maintenance"] } } });
    });
});

describe("management policy inheritance: from the org file", () => {
    const model = loadOrgModel(path.join(FIXTURES, "org.yaml"));
    const at = (name: string) => effectiveManagementPolicy(model, present(targetsNamed(model, name)[0], name), "TAG");

    it("merges the sets the file attaches root → OU → account: examples 1 and 3 on the page's organization", () => {
        assert.deepStrictEqual(at("account-111111111111").effective, { tags: { costcenter: { tag_key: "CostCenter", tag_value: ["Sandbox"], enforced_for: ["redshift:*", "dynamodb:table"] } } });
        assert.deepStrictEqual(at("account-222222222222").effective, at("account-111111111111").effective);
        assert.deepStrictEqual(at("account-999999999999").effective, { tags: { costcenter: { tag_key: "CostCenter", tag_value: ["Support"] } } });
        assert.deepStrictEqual(at("OU2").effective, { tags: { costcenter: { tag_key: "CostCenter", tag_value: ["Development", "Support", "Marketing"], enforced_for: ["redshift:*", "dynamodb:table"] } } });
        assert.deepStrictEqual(at("account-999999999999").levels.map((l) => [l.name, l.policies.map((p) => p.name)]), [["root", ["A"]], ["OU2", ["C"]], ["account-999999999999", ["D"]]]);
    });
});
