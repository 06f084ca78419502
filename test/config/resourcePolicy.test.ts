import * as assert from "assert";
import { buildUnderMocks, TYPES } from "../support/capture";
import { assertDiagnostics, loadModel, loadYaml } from "../support/orgFiles";
import { present } from "../support/present";

const GOOD = JSON.stringify(
    {
        Version: "2012-10-17",
        Statement: [
            { Sid: "Read", Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: ["organizations:Describe*", "organizations:List*"], Resource: "*" },
            { Sid: "Tags", Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: "organizations:CreatePolicy", Resource: "*" },
        ],
    },
    null,
    2,
);

const ORG = "organization:\n  resourcePolicy: { file: policies/org-resource-policy.json }\nroot: {}\n";

describe("loadOrgFile: organization.resourcePolicy", () => {
    it("keeps the minified document and registers it as the organization's resource policy", async () => {
        const model = loadModel(ORG, { "policies/org-resource-policy.json": GOOD });
        const policy = present(model.organization.resourcePolicy);
        assert.strictEqual(policy.content, JSON.stringify(JSON.parse(GOOD)));
        const res = await buildUnderMocks(model);
        const registered = res.get("aws:organizations/resourcePolicy:ResourcePolicy", "resource-policy");
        assert.strictEqual(registered.inputs.content, policy.content);
        assert.deepStrictEqual(registered.options.dependsOn, [res.get(TYPES.organization, "organization").urn]);
    });

    it("registers none when the file has none", async () => {
        const res = await buildUnderMocks(loadModel("organization: {}\nroot: {}\n"));
        assert.deepStrictEqual(res.ofType("aws:organizations/resourcePolicy:ResourcePolicy"), []);
    });

    it("reports each problem in the policy file at its place: version, principal, actions", () => {
        const bad = [
            "{",
            '  "Version": "2008-10-17",',
            '  "Statement": [',
            '    { "Effect": "Allow", "Action": "organizations:DescribeOrganisation", "Resource": "*" },',
            '    { "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "organizations:Foo*"], "Resource": "*" }',
            "  ]",
            "}",
        ].join("\n");
        const r = loadYaml(ORG, { "policies/org-resource-policy.json": bad });
        assert.strictEqual(r.model, undefined);
        const file = r.file.replace(/org\.yaml$/, "policies/org-resource-policy.json");
        assertDiagnostics(r, [
            { code: "invalid-resource-policy", file, line: 2, column: 14, message: /`Version` must be `"2012-10-17"`/ },
            { code: "invalid-resource-policy", file, line: 4, column: 5, message: /needs `Principal`/ },
            { code: "invalid-resource-policy", file, line: 4, column: 36, message: /^Resource policy: `organizations:DescribeOrganisation` is not an Organizations action\. Did you mean `organizations:DescribeOrganization`\?$/ },
            { code: "invalid-resource-policy", file, line: 5, column: 55, message: /`s3:GetObject` is not an Organizations action/ },
            { code: "invalid-resource-policy", file, line: 5, column: 71, message: /`organizations:Foo\*` matches no Organizations action/ },
        ]);
    });

    it("rejects text that is not JSON, and a missing file at the key that names it", () => {
        const r = loadYaml(ORG, { "policies/org-resource-policy.json": "{ nope" });
        assert.strictEqual(r.model, undefined);
        assert.strictEqual(present(r.diagnostics[0]).code, "invalid-resource-policy");
        const missing = loadYaml("organization:\n  resourcePolicy: { file: policies/none.json }\nroot: {}\n");
        assertDiagnostics(missing, [{ code: "policy-file-missing", line: 2, column: 27 }]);
    });

    it("rejects a policy over AWS's 40,000 characters", () => {
        const statement = { Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: "organizations:DescribeOrganization", Resource: "*" };
        const big = JSON.stringify({ Version: "2012-10-17", Statement: Array.from({ length: 400 }, (_, i) => ({ Sid: `S${i}`, ...statement })) });
        const r = loadYaml(ORG, { "policies/org-resource-policy.json": big });
        assertDiagnostics(r, [{ code: "resource-policy-too-large", line: 2, column: 27, message: /over AWS's limit of 40000/ }]);
    });
});
