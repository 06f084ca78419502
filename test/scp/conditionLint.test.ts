import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic";
import { AWS_REGIONS, AWS_REGIONS_CHECKED, isAwsRegion } from "../../src/scp/awsRegions";
import { loadYaml } from "../support/orgFiles";

/**
 * Condition keys and values are checked like actions, when the org file loads: every problem
 * at the policy file's line and column, with the closest real name.
 */

const ORG = "policies:\n  Scp: { file: policies/scp.json }\nroot:\n  policies: [FullAWSAccess, Scp]\n";

/** One statement per line, so that positions read as line numbers: `Statement` starts at line 3. */
function policyText(statements: readonly object[]): string {
    return `{\n  "Version": "2012-10-17",\n  "Statement": [\n${statements.map((s) => `    ${JSON.stringify(s)}`).join(",\n")}\n  ]\n}\n`;
}

/** `line:column code: message` of every problem of an SCP made of `statements`. */
function problems(statements: readonly object[]): string[] {
    const result = loadYaml(ORG, { "policies/scp.json": policyText(statements) });
    return result.diagnostics.map((d) => formatDiagnostic(d, path.dirname(result.file)).replace(/^policies\/scp\.json:/, "").replace(/ \[error\/([a-z-]+)\]$/, " $1"));
}

/** The column where `text` starts on the statement's line (1-based), as the diagnostics count. */
function column(statement: object, text: string): number {
    const line = `    ${JSON.stringify(statement)}`;
    const at = line.indexOf(text);
    assert.ok(at >= 0, `${text} not in ${line}`);
    return at + 1;
}

const deny = (condition: object, extra: object = {}) => ({ Effect: "Deny", Action: "ec2:RunInstances", Resource: "*", Condition: condition, ...extra });

describe("SCP lint: condition keys", () => {
    it("accepts global keys in any case, tag-key templates, keys of the statement's services, and any key under NotAction", () => {
        assert.deepStrictEqual(
            problems([
                deny({ StringEquals: { "AWS:RequestedRegion": "eu-west-1", "aws:PrincipalTag/team": "blue", "aws:ResourceTag/cost-center": "1", "ec2:InstanceType": "t3.micro" } }),
                { Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition: { StringLike: { "s3:prefix": "logs/*" }, ArnNotLike: { "aws:PrincipalARN": "arn:aws:iam::*:role/X" } } },
            ]),
            [],
        );
    });

    it("rejects a misspelled global key, at the key, with the real one", () => {
        const statement = deny({ StringNotEquals: { "aws:RequestedRegoin": ["eu-west-1"] } });
        assert.deepStrictEqual(problems([statement]), [
            `4:${column(statement, '"aws:RequestedRegoin"')}: SCP \`Scp\`: Unknown condition key \`aws:RequestedRegoin\`: no request carries it, so the condition always finds it absent. Did you mean \`aws:RequestedRegion\`? scp-unknown-condition-key`,
        ]);
    });

    it("suggests a tag key with the name it was given, and a service key of the statement's service", () => {
        const statement = deny({ StringEquals: { "aws:PrincipalTg/team": "blue", "ec2:InstanceTyp": "t3.micro" } });
        assert.deepStrictEqual(
            problems([statement]).map((p) => p.replace(/^\d+:\d+: /, "")),
            [
                "SCP `Scp`: Unknown condition key `aws:PrincipalTg/team`: no request carries it, so the condition always finds it absent. Did you mean `aws:PrincipalTag/team`? scp-unknown-condition-key",
                "SCP `Scp`: Unknown condition key `ec2:InstanceTyp`: no request carries it, so the condition always finds it absent. Did you mean `ec2:InstanceType`? scp-unknown-condition-key",
            ],
        );
    });

    it("rejects a real key of a service none of the statement's actions belong to", () => {
        const statement = deny({ StringLike: { "s3:prefix": "logs/*" } });
        assert.deepStrictEqual(problems([statement]), [
            `4:${column(statement, '"s3:prefix"')}: SCP \`Scp\`: Condition key \`s3:prefix\` belongs to service \`s3\`, which none of this statement's actions (\`ec2:…\`) belong to: ` +
                "their requests never carry it, so the condition always finds it absent. Use a key of those services, or a global `aws:` key. scp-condition-key-other-service",
        ]);
    });
});

describe("SCP lint: condition values", () => {
    it("accepts values of each operator's type, with …IfExists and set prefixes, mixed lists and policy variables", () => {
        assert.deepStrictEqual(
            problems([
                deny({
                    NumericLessThanIfExists: { "aws:MultiFactorAuthAge": [3600, "7200"] },
                    DateGreaterThan: { "aws:CurrentTime": "2026-12-31T23:59:59Z", "aws:TokenIssueTime": "1767225600" },
                    NumericLessThan: { "aws:EpochTime": 1767225600 },
                    Bool: { "aws:SecureTransport": [false, "TRUE"] },
                    Null: { "aws:PrincipalTag/team": "true" },
                    IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32", "198.51.100.7"] },
                    ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::*:role/Admin*", "arn:aws:iam::${aws:PrincipalAccount}:root"] },
                    "ForAnyValue:StringLike": { "aws:TagKeys": ["team", "env*"] },
                }),
            ]),
            [],
        );
    });

    it("rejects each value that does not suit its operator, at the value", () => {
        const statement = deny({
            NumericLessThan: { "aws:MultiFactorAuthAge": "an hour" },
            DateLessThanIfExists: { "aws:CurrentTime": "next week" },
            Bool: { "aws:SecureTransport": "yes" },
            NotIpAddress: { "aws:SourceIp": ["10.0.0.0/8", "10.0.0.0/33"] },
            ArnEquals: { "aws:PrincipalArn": "role/Admin" },
        });
        const at = (text: string) => `4:${column(statement, text)}`;
        assert.deepStrictEqual(problems([statement]), [
            `${at('"an hour"')}: SCP \`Scp\`: \`NumericLessThan\` compares numbers: "an hour" is not a number, so it never matches. scp-condition-value-type`,
            `${at('"next week"')}: SCP \`Scp\`: \`DateLessThanIfExists\` compares dates: "next week" is not an ISO 8601 date (\`2026-12-31T23:59:59Z\`) or seconds since 1970, so it never matches. scp-condition-value-type`,
            `${at('"yes"')}: SCP \`Scp\`: \`Bool\` compares booleans: "yes" is not \`true\` or \`false\`, so it never matches. scp-condition-value-type`,
            `${at('"10.0.0.0/33"')}: SCP \`Scp\`: \`NotIpAddress\` compares IP addresses: "10.0.0.0/33" is not an IP address or CIDR block (\`203.0.113.0/24\`, \`2001:db8::/32\`), so it never matches. scp-condition-value-type`,
            `${at('"role/Admin"')}: SCP \`Scp\`: \`ArnEquals\` compares ARNs: "role/Admin" is not an ARN (\`arn:aws:iam::*:role/admin\`), so it never matches. scp-condition-value-type`,
        ]);
    });

    it("rejects an operator that cannot compare the key's type, at the operator", () => {
        const statement = deny({ "ForAnyValue:NumericEquals": { "aws:RequestedRegion": "1" } });
        assert.deepStrictEqual(problems([statement]), [
            `4:${column(statement, '"ForAnyValue:NumericEquals"')}: SCP \`Scp\`: \`ForAnyValue:NumericEquals\` compares numbers, but \`aws:RequestedRegion\` holds a String value: the comparison never succeeds. Use a \`String…\` operator. scp-condition-operator-mismatch`,
        ]);
    });

    it("checks Regions compared with aws:RequestedRegion, exactly, in any case or as a pattern, with the closest Region", () => {
        const good = deny({ StringNotEquals: { "aws:RequestedRegion": ["eu-west-1", "us-gov-west-1"] }, StringEqualsIgnoreCase: { "aws:RequestedRegion": "EU-WEST-1" }, StringLike: { "aws:RequestedRegion": ["eu-*", "${aws:PrincipalTag/region}"] } });
        assert.deepStrictEqual(problems([good]), []);
        const bad = deny({ StringNotEquals: { "aws:RequestedRegion": ["eu-wst-1", "EU-WEST-1"] }, StringNotLike: { "aws:RequestedRegion": "xx-*" } });
        const at = (text: string) => `4:${column(bad, text)}`;
        assert.deepStrictEqual(problems([bad]), [
            `${at('"eu-wst-1"')}: SCP \`Scp\`: \`eu-wst-1\` is not an AWS Region, so it never matches. Did you mean \`eu-west-1\`? scp-unknown-region`,
            `${at('"EU-WEST-1"')}: SCP \`Scp\`: \`EU-WEST-1\` is not an AWS Region, so it never matches. Did you mean \`eu-west-1\`? scp-unknown-region`,
            `${at('"xx-*"')}: SCP \`Scp\`: \`xx-*\` matches no AWS Region, so it never matches. scp-unknown-region`,
        ]);
    });

    it("says what an empty value list does (AWS accepts it; it never matches, or with ForAllValues only an absent key)", () => {
        const plain = deny({ StringNotEquals: { "aws:RequestedRegion": [] } });
        const forAll = deny({ "ForAllValues:StringEquals": { "aws:TagKeys": [] } });
        assert.deepStrictEqual(problems([plain, forAll]), [
            `4:${column(plain, "[]")}: SCP \`Scp\`: Condition \`StringNotEquals\` lists no value for \`aws:RequestedRegion\`: AWS accepts an empty list, but it never matches, so this statement denies nothing ` +
                '(IAM Access Analyzer reports it as "empty array condition"). List the values to compare with. scp-empty-condition-values',
            `5:${column(forAll, "[]")}: SCP \`Scp\`: Condition \`ForAllValues:StringEquals\` lists no value for \`aws:TagKeys\`: AWS accepts an empty list, but it then matches only requests without the key ` +
                '(IAM Access Analyzer reports it as "empty array condition"). List the values to compare with. scp-empty-condition-values',
        ]);
    });
});

describe("SCP lint: every problem of every statement at once", () => {
    it("reports an error in the first statement and an unknown action in the second", () => {
        const first = { Effect: "Denyy", Action: "s3:*", Resource: "*" };
        const second = { Effect: "Deny", Action: "s3:GetObjekt", Resource: "*" };
        assert.deepStrictEqual(problems([first, second]), [
            `4:${column(first, '"Denyy"')}: SCP \`Scp\`: Statement 0: \`Effect\` must be \`Allow\` or \`Deny\`, got \`"Denyy"\`. scp-invalid`,
            `5:${column(second, '"s3:GetObjekt"')}: SCP \`Scp\`: Unknown action \`s3:GetObjekt\`: service \`s3\` has no action \`GetObjekt\`. Did you mean \`s3:GetObject\`? scp-unknown-action`,
        ]);
    });

    it("still checks the actions of Control Tower's published region-deny control beside its empty Region list", () => {
        const text = fs.readFileSync(path.join(__dirname, "../fixtures/lint/control-tower-region-deny.json"), "utf8");
        const result = loadYaml(ORG, { "policies/scp.json": text });
        assert.deepStrictEqual(
            result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${/`[^`]+`/.exec(d.message.replace(/^SCP `Scp`: /, ""))?.[0] ?? ""}`),
            ["42:9 scp-unknown-action `s3:GetAccountPublic`", "53:9 scp-unknown-action `s3:PutAccountPublic`", "67:34 scp-empty-condition-values `StringNotEquals`"],
        );
    });
});

describe("the AWS Region list", () => {
    it("parses, is dated, and holds each commercial Region once, opt-in ones marked", () => {
        assert.match(AWS_REGIONS_CHECKED, /^\d{4}-\d{2}-\d{2}$/);
        const codes = AWS_REGIONS.map((r) => r.code);
        assert.strictEqual(new Set(codes).size, codes.length);
        for (const r of AWS_REGIONS) assert.match(r.code, /^[a-z]+(-[a-z]+)+-\d$/, r.code);
        const commercial = AWS_REGIONS.filter((r) => r.partition === "aws");
        assert.ok(commercial.length >= 36, `${commercial.length} commercial Regions`);
        assert.ok(commercial.every((r) => typeof r.optIn === "boolean"));
        assert.deepStrictEqual([isAwsRegion("us-east-1"), isAwsRegion("af-south-1"), isAwsRegion("eu-wst-1")], [true, true, false]);
        assert.strictEqual(AWS_REGIONS.find((r) => r.code === "af-south-1")?.optIn, true);
        assert.strictEqual(AWS_REGIONS.find((r) => r.code === "eu-west-1")?.optIn, false);
    });
});
