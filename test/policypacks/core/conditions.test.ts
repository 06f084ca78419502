import * as assert from "assert";
import { parseConditionOperator } from "../../../policypacks/aws-org-guardrails/core/conditionOperators";
import { ConditionBlock, conditionHolds } from "../../../policypacks/aws-org-guardrails/core/conditions";
import { requestContext } from "../../../policypacks/aws-org-guardrails/core/requestContext";

type Row = [operator: string, key: string, policyValue: unknown, context: [string, string][], holds: boolean];

function check(rows: Row[]): void {
    for (const [operator, key, value, context, holds] of rows) {
        const shown = context.length === 0 ? "no context" : context.map(([k, v]) => `${k}=${v}`).join(" ");
        it(`${operator} ${JSON.stringify(value)} with ${shown} → ${holds}`, () => {
            const block = { [operator]: { [key]: value } } as ConditionBlock;
            assert.strictEqual(conditionHolds(block, requestContext(context)), holds);
        });
    }
}

const K = "aws:PrincipalTag/team";
const at = (v: string): [string, string][] => [[K, v]];

describe("conditions", () => {
    describe("String operators", () => check([
        ["StringEquals", K, "blue", at("blue"), true],
        ["StringEquals", K, "blue", at("Blue"), false],
        ["StringEquals", K, ["red", "blue"], at("blue"), true],
        ["StringEquals", K, "blue", [], false],
        ["StringNotEquals", K, "blue", at("red"), true],
        ["StringNotEquals", K, ["red", "blue"], at("blue"), false],
        ["StringNotEquals", K, "blue", [], true],
        ["StringEqualsIgnoreCase", K, "BLUE", at("blue"), true],
        ["StringNotEqualsIgnoreCase", K, "BLUE", at("blue"), false],
        ["StringLike", K, "bl*", at("blue"), true],
        ["StringLike", K, "bl?e", at("blue"), true],
        ["StringLike", K, "Bl*", at("blue"), false],
        ["StringNotLike", K, "bl*", at("green"), true],
        ["StringNotLike", K, "bl*", [], true],
        ["StringEquals", K, "${aws:username}", [[K, "ann"], ["aws:username", "ann"]], true],
        ["StringEquals", K, "${aws:username, 'nobody'}", at("nobody"), true],
        ["StringLike", K, "a${*}", at("ab"), false],
        ["StringLike", K, "a${*}", at("a*"), true],
    ]));

    describe("…IfExists", () => check([
        ["StringEqualsIfExists", K, "blue", [], true],
        ["StringEqualsIfExists", K, "blue", at("red"), false],
        ["StringNotEqualsIfExists", K, "blue", [], true],
        ["NumericLessThanIfExists", "aws:MultiFactorAuthAge", "3600", [], true],
        ["BoolIfExists", "aws:MultiFactorAuthPresent", "false", [["aws:MultiFactorAuthPresent", "true"]], false],
    ]));

    describe("Null", () => check([
        ["Null", K, "true", [], true],
        ["Null", K, "true", at("blue"), false],
        ["Null", K, "false", at("blue"), true],
        ["Null", K, false, [], false],
    ]));

    describe("Bool", () => check([
        ["Bool", "aws:SecureTransport", "true", [["aws:SecureTransport", "true"]], true],
        ["Bool", "aws:SecureTransport", true, [["aws:SecureTransport", "TRUE"]], true],
        ["Bool", "aws:SecureTransport", "false", [["aws:SecureTransport", "true"]], false],
        ["Bool", "aws:SecureTransport", "false", [], false],
    ]));

    describe("Numeric operators", () => check([
        ["NumericEquals", "s3:max-keys", "10", [["s3:max-keys", "10"]], true],
        ["NumericNotEquals", "s3:max-keys", "10", [["s3:max-keys", "10.0"]], false],
        ["NumericLessThan", "s3:max-keys", 10, [["s3:max-keys", "9"]], true],
        ["NumericLessThanEquals", "s3:max-keys", "10", [["s3:max-keys", "11"]], false],
        ["NumericGreaterThan", "s3:max-keys", "10", [["s3:max-keys", "11"]], true],
        ["NumericGreaterThanEquals", "s3:max-keys", "10", [["s3:max-keys", "ten"]], false],
        ["NumericNotEquals", "s3:max-keys", "10", [], true],
    ]));

    describe("Date operators", () => check([
        ["DateLessThan", "aws:CurrentTime", "2026-01-01T00:00:00Z", [["aws:CurrentTime", "2025-06-01T12:00:00Z"]], true],
        ["DateGreaterThan", "aws:CurrentTime", "2026-01-01T00:00:00Z", [["aws:CurrentTime", "2025-06-01T12:00:00Z"]], false],
        ["DateEquals", "aws:CurrentTime", "2026-01-01T00:00:00Z", [["aws:CurrentTime", "1767225600"]], true],
        ["DateNotEquals", "aws:CurrentTime", "2026-01-01", [["aws:CurrentTime", "2026-01-01T00:00:00Z"]], false],
        ["DateLessThanEquals", "aws:CurrentTime", "2026-01-01T00:00:00Z", [["aws:CurrentTime", "2026-01-01T00:00:00Z"]], true],
        ["DateGreaterThanEquals", "aws:CurrentTime", "2026-01-01T00:00:00Z", [], false],
    ]));

    describe("IP address operators", () => check([
        ["IpAddress", "aws:SourceIp", "203.0.113.0/24", [["aws:SourceIp", "203.0.113.7"]], true],
        ["IpAddress", "aws:SourceIp", "203.0.113.0/24", [["aws:SourceIp", "203.0.114.7"]], false],
        ["IpAddress", "aws:SourceIp", "203.0.113.7", [["aws:SourceIp", "203.0.113.7"]], true],
        ["IpAddress", "aws:SourceIp", "2001:db8::/32", [["aws:SourceIp", "2001:db8:1::5"]], true],
        ["IpAddress", "aws:SourceIp", "2001:db8::/32", [["aws:SourceIp", "2001:db9::5"]], false],
        ["IpAddress", "aws:SourceIp", "203.0.113.0/24", [], false],
        ["IpAddress", "aws:SourceIp", "203.0.113.0/24/8", [["aws:SourceIp", "203.0.113.7"]], false],
        ["NotIpAddress", "aws:SourceIp", ["10.0.0.0/8", "192.168.0.0/16"], [["aws:SourceIp", "203.0.113.7"]], true],
        ["NotIpAddress", "aws:SourceIp", ["10.0.0.0/8", "2001:db8::/32"], [["aws:SourceIp", "2001:db8::1"]], false],
        ["NotIpAddress", "aws:SourceIp", "10.0.0.0/8", [], true],
    ]));

    describe("ARN operators", () => check([
        ["ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:root", [["aws:PrincipalArn", "arn:aws:iam::123456789012:root"]], true],
        ["ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:role/Admin*", [["aws:PrincipalArn", "arn:aws:iam::123456789012:role/AdminOps"]], true],
        ["ArnLike", "aws:PrincipalArn", "arn:aws:iam::*", [["aws:PrincipalArn", "arn:aws:iam::123456789012:root"]], false],
        ["ArnEquals", "aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic", [["aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic"]], true],
        ["ArnNotEquals", "aws:SourceArn", "arn:aws:sns:*:123456789012:topic", [["aws:SourceArn", "arn:aws:sns:eu-west-1:123456789012:topic"]], false],
        ["ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:role/Break*", [], true],
    ]));

    describe("BinaryEquals", () => check([
        ["BinaryEquals", "s3:x-amz-content", "QmluYXJ5", [["s3:x-amz-content", "QmluYXJ5"]], true],
        ["BinaryEquals", "s3:x-amz-content", "QmluYXJ5", [], false],
    ]));

    describe("set operators", () => {
        const tags = (...ts: string[]): [string, string][] => ts.map((t) => ["aws:TagKeys", t]);
        check([
            ["ForAllValues:StringEquals", "aws:TagKeys", ["team", "env"], tags("team", "env"), true],
            ["ForAllValues:StringEquals", "aws:TagKeys", ["team", "env"], tags("team", "owner"), false],
            ["ForAllValues:StringEquals", "aws:TagKeys", ["team"], [], true],
            ["ForAnyValue:StringEquals", "aws:TagKeys", ["team"], tags("owner", "team"), true],
            ["ForAnyValue:StringEquals", "aws:TagKeys", ["team"], tags("owner"), false],
            ["ForAnyValue:StringEquals", "aws:TagKeys", ["team"], [], false],
            ["ForAnyValue:StringNotEquals", "aws:TagKeys", ["team"], tags("team", "owner"), true],
            ["ForAllValues:StringNotLike", "aws:TagKeys", ["aws:*"], tags("team", "aws:x"), false],
            ["ForAnyValue:StringLikeIfExists", "aws:TagKeys", ["t*"], [], true],
            ["StringEquals", "aws:TagKeys", "team", tags("owner", "team"), true],
            ["StringNotEquals", "aws:TagKeys", "team", tags("owner", "team"), false],
        ]);
    });

    describe("blocks", () => {
        it("holds only when every operator and every key holds", () => {
            const block: ConditionBlock = { StringEquals: { "aws:PrincipalTag/team": "blue", "aws:RequestedRegion": "eu-west-1" }, Bool: { "aws:SecureTransport": "true" } };
            const all: [string, string][] = [["aws:PrincipalTag/team", "blue"], ["aws:RequestedRegion", "eu-west-1"], ["aws:SecureTransport", "true"]];
            assert.strictEqual(conditionHolds(block, requestContext(all)), true);
            assert.strictEqual(conditionHolds(block, requestContext(all.slice(0, 2))), false);
        });
        it("never holds for an operator IAM does not know", () => {
            assert.strictEqual(conditionHolds({ StringEqual: { k: "v" } }, requestContext([["k", "v"]])), false);
        });
    });

    describe("parseConditionOperator", () => {
        it("reads set prefixes and IfExists in any case", () => {
            const op = parseConditionOperator("forallvalues:stringlikeifexists");
            assert.deepStrictEqual([op?.set, op?.base.name, op?.ifExists], ["ForAllValues", "StringLike", true]);
        });
        it("rejects unknown operators, and Null with IfExists or a set prefix", () => {
            for (const name of ["StringEqual", "ForSomeValues:StringEquals", "NullIfExists", "ForAnyValue:Null"]) assert.strictEqual(parseConditionOperator(name), undefined, name);
        });
    });
});
