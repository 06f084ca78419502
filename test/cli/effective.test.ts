import * as assert from "assert";
import * as path from "path";
import { run as effectiveCommand } from "../../src/cli/effective";
import { npmRun, runInProcess } from "../support/runCommand";
import { present } from "../support/present";

const PROJECT = path.resolve(__dirname, "../..");
const SEED = "test/fixtures/effective/seed.yaml";

const effective = (...args: string[]) => runInProcess(effectiveCommand, args);

describe("npm run effective", () => {
    it("prints the documented JSON: s3 allowed in HIPAA/PCI, the others denied at the level that lacks an Allow", async () => {
        const run = await effective("--file", SEED, "--target", "payments", "--action", "s3:GetObject", "--action", "ec2:RunInstances", "--action", "dynamodb:GetItem", "--json");
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual(JSON.parse(run.stdout), {
            results: [
                // Allowed, unless the caller is the root user, whom DenyRootUser denies: the key was not given.
                { target: "payments", action: "s3:GetObject", decision: "Allowed", missingContextKeys: ["aws:PrincipalArn"] },
                { target: "payments", action: "ec2:RunInstances", decision: "ImplicitlyDenied", decidedBy: { level: "HIPAA/PCI", policyType: "SCP" } },
                { target: "payments", action: "dynamodb:GetItem", decision: "ImplicitlyDenied", decidedBy: { level: "HIPAA", policyType: "SCP" } },
            ],
        });
    });

    it("evaluates every account by default, with the context given, and names the denying policy and statement", async () => {
        const run = await effective("--file", SEED, "--action", "s3:GetObject", "--context", "aws:PrincipalArn=arn:aws:iam::123456789012:root", "--json");
        assert.strictEqual(run.status, 0, run.stderr);
        const denied = { decision: "ExplicitlyDenied", decidedBy: { level: "root", policyType: "SCP", policy: "DenyRootUser", statement: "DenyRootUser" } };
        assert.deepStrictEqual((JSON.parse(run.stdout) as { results: unknown }).results, [
            { target: "hipaa-app", action: "s3:GetObject", ...denied },
            { target: "payments", action: "s3:GetObject", ...denied },
            { target: "management", action: "s3:GetObject", decision: "NotRestricted" },
        ]);
    });

    it("expands a wildcard action and prints all of a JSON document larger than a pipe's buffer (a real process)", async () => {
        const run = await npmRun("effective", ["--file", SEED, "--action", "ec2:*", "--json"]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.ok(run.stdout.length > 65536, `only ${run.stdout.length} characters`);
        const { results } = JSON.parse(run.stdout) as { results: { target: string; decision: string }[] };
        assert.ok(results.length > 1000);
        assert.deepStrictEqual([...new Set(results.map((r) => `${r.target} ${r.decision}`))], ["hipaa-app Allowed", "payments ImplicitlyDenied", "management NotRestricted"]);
    });

    it("prints a readable matrix, the reasons, the SCPs level by level and the services usable at all", async () => {
        const run = await effective("--file", SEED, "--target", "HIPAA/PCI", "--target", "payments", "--action", "s3:GetObject", "--action", "ec2:RunInstances", "--action", "dynamodb:GetItem");
        assert.strictEqual(run.status, 0, run.stderr);
        const lines = run.stdout.split("\n");
        assert.match(present(lines[0]), /^Effective SCPs of test\/fixtures\/effective\/seed\.yaml for resource `\*`, no request context$/);
        assert.ok(lines.includes("payments   ✓             ✗                 ✗"), run.stdout);
        for (const expected of [
            "payments (account in OU HIPAA/PCI)",
            "  ✓ s3:GetObject — depends on `aws:PrincipalArn`",
            "  ✗ ec2:RunInstances — no Allow at OU HIPAA/PCI (AllowPci)",
            "  ✗ dynamodb:GetItem — no Allow at OU HIPAA (AllowHipaa)",
            "  Decided without context you can give: `aws:PrincipalArn` (pass `--context aws:PrincipalArn=VALUE`)",
            "    root          FullAWSAccess, DenyLeave (deny-list), DenyRootUser (deny-list)",
            "    OU HIPAA/PCI  AllowPci (allow-list)",
            "  Skipped for this request (Resource or Condition does not match): DenyRootUser (statement DenyRootUser); pass --resource or --context to apply them",
        ]) {
            assert.ok(lines.includes(expected), `missing line ${JSON.stringify(expected)} in:\n${run.stdout}`);
        }
        assert.match(run.stdout, /Services usable at all \(1 of \d+\): s3\n/);
    });

    describe("a decision that turns on a Region not given", () => {
        const REGIONS = "test/fixtures/effective/regions.yaml";

        it("says which key it turned on, in JSON, with the organization's Regions where the action is allowed", async () => {
            const run = await effective("--file", REGIONS, "--action", "ec2:RunInstances", "--action", "iam:CreateRole", "--json");
            assert.strictEqual(run.status, 0, run.stderr);
            assert.deepStrictEqual((JSON.parse(run.stdout) as { results: unknown }).results, [
                {
                    target: "app",
                    action: "ec2:RunInstances",
                    decision: "ExplicitlyDenied",
                    decidedBy: { level: "root", policyType: "SCP", policy: "DenyOutsideRegions", statement: "DenyOutsideRegions" },
                    missingContextKeys: ["aws:RequestedRegion"],
                    allowedInRegions: ["eu-west-1"],
                },
                // NotAction spares IAM: no Region decides it.
                { target: "app", action: "iam:CreateRole", decision: "Allowed" },
            ]);
        });

        it("tells how to pass the key, and sums up the Regions per account, in text", async () => {
            const run = await effective("--file", REGIONS, "--action", "ec2:RunInstances", "--action", "s3:GetObject");
            assert.strictEqual(run.status, 0, run.stderr);
            const lines = run.stdout.split("\n");
            for (const expected of [
                "  ✗ ec2:RunInstances — denied at root by DenyOutsideRegions (statement DenyOutsideRegions); depends on `aws:RequestedRegion`",
                "  Decided without context you can give: `aws:RequestedRegion` (pass `--region R`)",
                "  Allowed by Region (the organization's: us-east-1, eu-west-1): ec2:RunInstances in eu-west-1; s3:GetObject in eu-west-1",
            ]) {
                assert.ok(lines.includes(expected), `missing line ${JSON.stringify(expected)} in:\n${run.stdout}`);
            }
        });

        it("takes --region R as --context aws:RequestedRegion=R", async () => {
            const byRegion = await effective("--file", REGIONS, "--action", "ec2:RunInstances", "--region", "eu-west-1", "--json");
            const byContext = await effective("--file", REGIONS, "--action", "ec2:RunInstances", "--context", "aws:RequestedRegion=eu-west-1", "--json");
            assert.strictEqual(byRegion.status, 0, byRegion.stderr);
            assert.deepStrictEqual(JSON.parse(byRegion.stdout), { results: [{ target: "app", action: "ec2:RunInstances", decision: "Allowed" }] });
            assert.strictEqual(byRegion.stdout, byContext.stdout);
            const outside = await effective("--file", REGIONS, "--action", "ec2:RunInstances", "--region", "us-east-1", "--json");
            assert.strictEqual((JSON.parse(outside.stdout) as { results: { decision: string }[] }).results[0]?.decision, "ExplicitlyDenied");
        });

        it("rejects a Region AWS does not have, with the closest one, and a Region given twice", async () => {
            const typo = await effective("--file", REGIONS, "--action", "ec2:RunInstances", "--region", "eu-wst-1");
            assert.strictEqual(typo.status, 64);
            assert.match(typo.stderr, /^`--region eu-wst-1` is not an AWS Region\. Did you mean `eu-west-1`\?\n/);
            const twice = await effective("--file", REGIONS, "--action", "ec2:RunInstances", "--region", "eu-west-1", "--context", "aws:RequestedRegion=us-east-1");
            assert.strictEqual(twice.status, 64);
            assert.match(twice.stderr, /^Give the Region once: `--region eu-west-1` is `--context aws:RequestedRegion=eu-west-1`\./);
        });
    });

    it("rejects an unknown target with a did-you-mean, as a usage error; under --json, stdout is the error document alone", async () => {
        const run = await effective("--file", SEED, "--target", "HIPAA/PC", "--action", "s3:GetObject", "--json");
        assert.strictEqual(run.status, 64);
        const message = "No account or OU `HIPAA/PC` in test/fixtures/effective/seed.yaml. Did you mean `HIPAA/PCI`?";
        assert.deepStrictEqual(JSON.parse(run.stdout), { errors: [{ message }] });
        assert.ok(run.stderr.startsWith(`${message}\n\nUsage: npm run effective`), run.stderr);
    });

    it("rejects a malformed --context as a usage error", async () => {
        const run = await effective("--file", SEED, "--action", "s3:GetObject", "--context", "aws:SourceIp");
        assert.strictEqual(run.status, 64);
        assert.match(run.stderr, /`--context aws:SourceIp` is not KEY=VALUE with a condition key; write `--context aws:SourceIp=VALUE`\./);
    });

    it("exits 1 with the policy file's positions when an SCP names an action that does not exist", async () => {
        const run = await effective("--file", "test/fixtures/effective/typo.yaml", "--action", "s3:GetObject", "--json");
        assert.strictEqual(run.status, 1);
        const { errors } = JSON.parse(run.stdout) as { errors: { file: string; line: number; column: number; message: string }[] };
        assert.deepStrictEqual(errors[0], {
            file: path.join(PROJECT, "test/fixtures/effective/policies/typo-actions.json"),
            line: 7,
            column: 9,
            message: "SCP `AllowDns`: Unknown action `route53:ChangeRecordSets`: service `route53` has no action `ChangeRecordSets`. Did you mean `route53:ChangeResourceRecordSets`?",
        });
    });
});
