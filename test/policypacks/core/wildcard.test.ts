import * as assert from "assert";
import fc from "fast-check";
import { actionPatternsMatcher, arnRegExp, resourceMatches, wildcardRegExp } from "../../../policypacks/aws-org-guardrails/core/wildcard";

/** A plain recursive reading of `*` and `?`, to check the RegExp translation against. */
function globMatches(pattern: string, text: string): boolean {
    if (pattern === "") return text === "";
    if (pattern[0] === "*") return globMatches(pattern.slice(1), text) || (text !== "" && globMatches(pattern, text.slice(1)));
    return text !== "" && (pattern[0] === "?" || pattern[0] === text[0]) && globMatches(pattern.slice(1), text.slice(1));
}

describe("wildcards", () => {
    it("agree with a recursive reading of `*` and `?` on random patterns", () => {
        const alphabet = fc.constantFrom("a", "b", ":", ".", "*", "?", "(", "\\");
        fc.assert(
            fc.property(fc.string({ unit: alphabet, maxLength: 8 }), fc.string({ unit: fc.constantFrom("a", "b", ":", ".", "*", "("), maxLength: 8 }), (pattern, text) => {
                assert.strictEqual(wildcardRegExp(pattern, false).test(text), globMatches(pattern, text));
            }),
            { numRuns: 2000 },
        );
    });

    it("match actions in any case, with wildcards anywhere, through one joined RegExp", () => {
        const m = actionPatternsMatcher(["ec2:*Instances", "IAM:*accesskey*", "s3:Get?bject"]);
        assert.deepStrictEqual(
            ["ec2:RunInstances", "iam:CreateAccessKey", "s3:GetObject", "s3:GetObjectAcl", "ec2:RunInstance"].map(m),
            [true, true, true, false, false],
        );
    });

    describe("resource ARNs", () => {
        const cases: [string, string, boolean][] = [
            ["*", "arn:aws:s3:::bucket/key", true],
            ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c.txt", true],
            ["arn:aws:s3:::bucket/*", "arn:aws:s3:::other/a", false],
            ["arn:aws:ec2:*:123456789012:instance/*", "arn:aws:ec2:eu-west-1:123456789012:instance/i-1", true],
            ["arn:aws:ec2:eu-*-1:*:instance/*", "arn:aws:ec2:eu-west-1:123456789012:instance/i-1", true],
            ["arn:aws:ec2:e*1:*", "arn:aws:ec2:eu-west-1:123456789012:instance/i-1", true],
            ["arn:aws:ec2:e*t:*", "arn:aws:ec2:eu-west-1:123456789012:instance/i-1", false],
            ["arn:aws:iam::*", "arn:aws:iam::123456789012:role/x", true],
            ["arn:aws:iam::123456789012:role/X", "arn:aws:iam::123456789012:role/x", false],
            ["arn:aws:logs:*:*:log-group:/app/*", "arn:aws:logs:eu-west-1:1:log-group:/app/web:log-stream:s", true],
            ["arn:aws:s3:::bucket/key", "*", false],
        ];
        for (const [pattern, resource, matches] of cases) {
            it(`${pattern} ${matches ? "matches" : "does not match"} ${resource}`, () => assert.strictEqual(resourceMatches(pattern, resource), matches));
        }
    });

    it("match ARN conditions segment by segment", () => {
        assert.strictEqual(arnRegExp("arn:aws:iam::*:root", "condition").test("arn:aws:iam::123456789012:root"), true);
        assert.strictEqual(arnRegExp("arn:aws:iam::*:root", "condition").test("arn:aws:iam::1:2:root"), false);
        assert.strictEqual(arnRegExp("arn:aws:iam::*:role/*", "condition").test("arn:aws:iam::1:role/a:b"), true);
    });
});
