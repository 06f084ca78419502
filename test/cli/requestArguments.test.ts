import * as assert from "assert";
import { allow, orgModel } from "../scp/orgFixture";
import { ArgumentError } from "../../src/cli/exitStatus";
import { actionArguments, contextArguments, resourceArgument } from "../../src/cli/requestArguments";

describe("effective's request arguments", () => {
    const model = orgModel({ policies: { Custom: [allow("s3:*", { Condition: { StringEquals: { "custom:Flavour": "x" } } })] } });

    describe("--action", () => {
        it("keeps concrete actions and expands wildcards over the IAM catalogue", () => {
            const { actions, warnings } = actionArguments(["s3:GetObject", "route53:ChangeResourceRecordSet*"]);
            assert.deepStrictEqual(actions, ["s3:GetObject", "route53:ChangeResourceRecordSets"]);
            assert.deepStrictEqual(warnings, []);
        });
        it("warns about an action the catalogue does not know, with a suggestion", () => {
            assert.deepStrictEqual(actionArguments(["s3:GetObjet"]).warnings, ["`s3:GetObjet` is not in the IAM catalogue; it is evaluated as written. Did you mean `s3:GetObject`?"]);
        });
        it("rejects a missing action, a malformed one and a wildcard matching nothing", () => {
            assert.throws(() => actionArguments([]), /Give at least one `--action`/);
            assert.throws(() => actionArguments(["GetObject"]), (e: Error) => e instanceof ArgumentError && /is not an action; write `service:Action`/.test(e.message));
            assert.throws(() => actionArguments(["s3:Xyz*"]), /matches no action of the IAM catalogue/);
        });
    });

    describe("--resource", () => {
        it("accepts `*` and ARNs, and rejects anything else", () => {
            assert.strictEqual(resourceArgument("arn:aws:s3:::bucket/key"), "arn:aws:s3:::bucket/key");
            assert.strictEqual(resourceArgument("*"), "*");
            assert.throws(() => resourceArgument("bucket/key"), /is not an ARN/);
        });
    });

    describe("--context", () => {
        it("reads KEY=VALUE with global, tag, service and org-specific keys; the value may hold `=`", () => {
            assert.deepStrictEqual(contextArguments(["aws:PrincipalArn=arn:aws:iam::1:root", "aws:PrincipalTag/team=a=b", "s3:prefix=logs/", "custom:Flavour=x"], model), [
                ["aws:PrincipalArn", "arn:aws:iam::1:root"],
                ["aws:PrincipalTag/team", "a=b"],
                ["s3:prefix", "logs/"],
                ["custom:Flavour", "x"],
            ]);
        });
        it("rejects a malformed value, suggesting the key it resembles", () => {
            assert.throws(() => contextArguments(["aws:PrincipalArn"], model), /`--context aws:PrincipalArn` is not KEY=VALUE with a condition key; write `--context aws:PrincipalArn=VALUE`\./);
            assert.throws(() => contextArguments(["=x"], model), /is not KEY=VALUE/);
        });
        it("rejects an unknown key with a did-you-mean", () => {
            assert.throws(() => contextArguments(["aws:PrincipalArm=x"], model), /`aws:PrincipalArm` in `--context aws:PrincipalArm=x` is not a condition key IAM or your SCPs know\. Did you mean `aws:PrincipalArn`\?/);
        });
    });
});
