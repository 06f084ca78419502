import * as assert from "assert";
import fc from "fast-check";
import { actionPatternsMatcher, ArnPatternMode, arnMatcher, LITERAL_QUESTION, LITERAL_STAR, resourceMatches, wildcardMatcher } from "../../../policypacks/aws-org-guardrails/core/wildcard";
import { iamAllActions } from "../../../src/scp/iamCatalog";

/** A plain recursive reading of `*` and `?`, to check the matcher against. */
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
                assert.strictEqual(wildcardMatcher(pattern, false).test(text), globMatches(pattern, text));
            }),
            { numRuns: 2000 },
        );
    });

    it("match actions in any case, with wildcards anywhere, against a list of patterns", () => {
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
        assert.strictEqual(arnMatcher("arn:aws:iam::*:root", "condition").test("arn:aws:iam::123456789012:root"), true);
        assert.strictEqual(arnMatcher("arn:aws:iam::*:root", "condition").test("arn:aws:iam::1:2:root"), false);
        assert.strictEqual(arnMatcher("arn:aws:iam::*:role/*", "condition").test("arn:aws:iam::1:role/a:b"), true);
    });

    it("read ARN patterns as IAM does, in both modes: the same answers as a RegExp of each segment's rules", () => {
        const unit = fc.constantFrom("a", "b", ":", "*", "?", "/");
        fc.assert(
            fc.property(fc.string({ unit, maxLength: 14 }), fc.string({ unit: fc.constantFrom("a", "b", ":", "/"), maxLength: 14 }), fc.constantFrom<ArnPatternMode>("resource", "condition"), (pattern, arn, mode) => {
                assert.strictEqual(arnMatcher(pattern, mode).test(arn), arnRegExpReference(pattern, mode).test(arn), `${mode} ${pattern} ${arn}`);
            }),
            { numRuns: 3000 },
        );
    });

    it("match characters from policy variables literally, even `*` and `?`", () => {
        assert.strictEqual(wildcardMatcher(`a${LITERAL_STAR}b`, false).test("a*b"), true);
        assert.strictEqual(wildcardMatcher(`a${LITERAL_STAR}b`, false).test("axb"), false);
        assert.strictEqual(arnMatcher(`arn:aws:s3:::b/${LITERAL_QUESTION}`, "resource").test("arn:aws:s3:::b/?"), true);
        assert.strictEqual(arnMatcher(`arn:aws:s3:::b/${LITERAL_QUESTION}`, "resource").test("arn:aws:s3:::b/x"), false);
    });

    // A RegExp built from `s3:*?*?*?*?*?*?*?*?*?*?#` backtracked for over 120 s on one action.
    it("take linear time on adversarial patterns: each checked against the whole IAM catalogue within a budget", () => {
        const actions = iamAllActions();
        const adversarial = [
            "s3:*?*?*?*?*?*?*?*?*?*?#",
            "*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?#",
            "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b",
            `${"*".repeat(5000)}#`,
            `${"?*".repeat(2000)}#`,
        ];
        for (const pattern of adversarial) {
            const started = Date.now();
            const matched = actions.filter((a) => wildcardMatcher(pattern, true).test(a)).length;
            const elapsed = Date.now() - started;
            assert.strictEqual(matched, 0, pattern);
            assert.ok(elapsed < 1500, `${pattern.slice(0, 40)} took ${elapsed} ms over ${actions.length} actions`);
        }
        const started = Date.now();
        assert.strictEqual(arnMatcher(`arn:aws:s3:::${"*?".repeat(3000)}#`, "resource").test(`arn:aws:s3:::${"x".repeat(20000)}`), false);
        assert.strictEqual(arnMatcher(`arn:${"*:".repeat(4)}${"*a".repeat(50)}`, "condition").test(`arn:a:b:c:d:${"a".repeat(60)}b`), false);
        assert.ok(Date.now() - started < 1500, "ARN patterns too");
    });
});

/** The RegExp translation IAM's ARN rules were first written as (exponential on some patterns; used here on short ones only). */
function arnRegExpReference(pattern: string, mode: ArnPatternMode): RegExp {
    let source = "";
    let segment = 0;
    const chars = Array.from(pattern);
    chars.forEach((c, i) => {
        const inResourceId = segment >= 5;
        if (c === ":" && !inResourceId) {
            segment++;
            source += ":";
        } else if (c === "*") {
            const endsSegment = i === chars.length - 1 || chars[i + 1] === ":";
            source += inResourceId || (mode === "resource" && endsSegment) ? "[\\s\\S]*" : "[^:]*";
        } else if (c === "?") {
            source += inResourceId ? "[\\s\\S]" : "[^:]";
        } else {
            source += /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
        }
    });
    return new RegExp(`^${source}$`);
}
