import * as assert from "assert";
import * as path from "path";
import { loadOrgFile } from "../../src/config/loadOrgFile";
import { checkScpText } from "../../policypacks/aws-org-guardrails/core/scpDocument";
import { lintScp } from "../../src/scp/scpLint";
import { present } from "../support/present";

const FIXTURES = path.resolve(__dirname, "../fixtures/effective");

/** Lints an SCP with the given `Action` list (and optional extra statement keys). */
function lintActions(actions: string[], extra: Record<string, unknown> = {}) {
    const check = checkScpText(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*", ...extra }] }));
    assert.ok(check.tree && check.document, "fixture must be a valid SCP");
    return lintScp(check.tree).map((p) => `${p.code}: ${p.message}`);
}

describe("SCP lint against the IAM catalogue", () => {
    it("accepts real actions in any case, valid wildcards anywhere, and `*`", () => {
        assert.deepStrictEqual(lintActions(["*", "s3:GetObject", "S3:getobject", "ec2:*Instances", "iam:*AccessKey*", "s3:Get?bject", "*:GetCallerIdentity", "s3*", "route53:*"]), []);
    });

    it("rejects a misspelled action and suggests the real one", () => {
        assert.deepStrictEqual(lintActions(["route53:ChangeRecordSets"]), [
            "scp-unknown-action: Unknown action `route53:ChangeRecordSets`: service `route53` has no action `ChangeRecordSets`. Did you mean `route53:ChangeResourceRecordSets`?",
        ]);
    });

    it("rejects an unknown service prefix and suggests the closest action", () => {
        assert.deepStrictEqual(lintActions(["s4:GetObject", "dynamo:*"]), [
            "scp-unknown-service: Unknown service prefix `s4` in `s4:GetObject`. Did you mean `s3:GetObject`?",
            "scp-unknown-service: Unknown service prefix `dynamo` in `dynamo:*`. Did you mean `dynamodb:*`?",
        ]);
    });

    it("rejects wildcards that match nothing, in the action or in the service", () => {
        assert.deepStrictEqual(lintActions(["ec2:Descibe*", "s3:*Xyzzy", "zz*:Get*"]), [
            "scp-wildcard-matches-nothing: `ec2:Descibe*` matches no action of service `ec2`, so it has no effect. Did you mean `ec2:Describe*`?",
            "scp-wildcard-matches-nothing: `s3:*Xyzzy` matches no action of service `s3`, so it has no effect. Check the name in AWS's Service Authorization Reference.",
            "scp-wildcard-matches-nothing: `zz*:Get*` matches no IAM action, so it has no effect. Check the name in AWS's Service Authorization Reference.",
        ]);
    });

    it("rejects entries that are not actions at all", () => {
        assert.deepStrictEqual(lintActions(["GetObject"]), ["scp-malformed-action: `GetObject` is not an action; write `service:Action` (like `s3:GetObject`), a wildcard (`s3:Get*`) or `*`."]);
    });

    it("checks NotAction too", () => {
        const check = checkScpText(JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Deny", NotAction: ["iam:CreateUsr"], Resource: "*" } }));
        assert.ok(check.tree);
        assert.match(lintScp(check.tree).map((p) => p.message).join(), /Did you mean `iam:CreateUser`\?/);
    });

    it("rejects a condition operator IAM does not know", () => {
        assert.deepStrictEqual(lintActions(["s3:GetObject"], { Condition: { "ForAnyValue:StringLikeIfExist": { "aws:TagKeys": "a*" } } }), [
            "scp-unknown-condition-operator: Unknown condition operator `ForAnyValue:StringLikeIfExist`. Did you mean `ForAnyValue:StringLikeIfExists`?",
        ]);
    });

    it("makes loading fail with the policy file, line and column of each problem", () => {
        const result = loadOrgFile(path.join(FIXTURES, "typo.yaml"));
        assert.strictEqual(result.model, undefined);
        const policyFile = path.join(FIXTURES, "policies", "typo-actions.json");
        assert.deepStrictEqual(
            result.diagnostics.map((d) => `${path.relative(FIXTURES, d.file)}:${d.line}:${d.column} ${d.severity}/${d.code}`),
            [
                "policies/typo-actions.json:7:9 error/scp-unknown-action",
                "policies/typo-actions.json:9:9 error/scp-unknown-service",
                "policies/typo-actions.json:10:9 error/scp-wildcard-matches-nothing",
                "policies/typo-actions.json:15:22 error/scp-unknown-condition-operator",
            ],
        );
        assert.ok(result.diagnostics.every((d) => d.file === policyFile));
        assert.match(present(result.diagnostics[0]).message, /^SCP `AllowDns`: .*Did you mean `route53:ChangeResourceRecordSets`\?$/);
    });

    it("passes the example organizations", () => {
        for (const stack of ["prod", "dev"]) {
            const result = loadOrgFile(path.resolve(__dirname, `../../config/${stack}.yaml`));
            assert.deepStrictEqual(result.diagnostics.filter((d) => d.code.startsWith("scp-")), [], stack);
        }
    });
});
