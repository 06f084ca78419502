import * as assert from "assert";
import { run as effectiveCommand } from "../../src/cli/effective";
import { writeOrgFiles, yaml } from "../support/orgFiles";
import { runInProcess } from "../support/runCommand";

const effective = (...args: string[]) => runInProcess(effectiveCommand, args);
const results = (stdout: string) => (JSON.parse(stdout) as { results: unknown[] }).results;

/** RCPs on the resource's side: TLS only for S3, and nobody outside the organization. */
const PERIMETER = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        { Sid: "Tls", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
        { Sid: "OrgOnly", Effect: "Deny", Principal: "*", Action: ["s3:*", "kms:*"], Resource: "*", Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "${aws:ResourceOrgID}" } } },
    ],
});

const FILE = yaml`
    organization: { managementAccountId: "111111111111" }
    policies:
      Perimeter: { type: RCP, file: policies/perimeter.json }
      DenyS3Delete: { file: policies/deny-delete.json }
    organizationalUnits:
      - name: HIPAA
        policies: [Perimeter]
        accounts: [{ name: records, email: records@example.com }]
      - name: General
        policies: [FullAWSAccess, DenyS3Delete]
        accounts: [{ name: web, email: web@example.com }]
    accounts:
      - { name: management, email: m@example.com, id: "111111111111" }
`;
const FILES = {
    "policies/perimeter.json": PERIMETER,
    "policies/deny-delete.json": JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "NoDelete", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" }] }),
};

describe("npm run effective with RCPs", () => {
    let file: string;
    before(() => {
        file = writeOrgFiles(FILE, FILES);
    });

    it("denies by the resource account's RCP, saying so in decidedBy.policyType", async () => {
        const run = await effective("--file", file, "--target", "records", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k", "--context", "aws:SecureTransport=false", "--json");
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual(results(run.stdout), [
            { target: "records", action: "s3:GetObject", decision: "ExplicitlyDenied", decidedBy: { level: "HIPAA", policyType: "RCP", policy: "Perimeter", statement: "Tls" } },
        ]);
    });

    it("takes the caller to be of the organization unless the context says otherwise", async () => {
        const inside = await effective("--file", file, "--target", "records", "--action", "kms:Decrypt", "--json");
        assert.deepStrictEqual(results(inside.stdout), [{ target: "records", action: "kms:Decrypt", decision: "Allowed" }]);
        const outside = await effective("--file", file, "--target", "records", "--action", "kms:Decrypt", "--context", "aws:PrincipalOrgID=o-elsewhere1", "--json");
        assert.deepStrictEqual(results(outside.stdout), [
            { target: "records", action: "kms:Decrypt", decision: "ExplicitlyDenied", decidedBy: { level: "HIPAA", policyType: "RCP", policy: "Perimeter", statement: "OrgOnly" } },
        ]);
    });

    it("checks the caller's SCPs and the RCPs of --resource-account, even for the management account", async () => {
        const args = ["--file", file, "--resource-account", "records", "--action", "s3:GetObject", "--action", "s3:DeleteObject", "--context", "aws:SecureTransport=false", "--json"];
        const run = await effective(...args, "--target", "web", "--target", "management");
        assert.strictEqual(run.status, 0, run.stderr);
        const rcpDeny = { decision: "ExplicitlyDenied", decidedBy: { level: "HIPAA", policyType: "RCP", policy: "Perimeter", statement: "Tls" } };
        assert.deepStrictEqual(results(run.stdout), [
            { target: "web", action: "s3:GetObject", ...rcpDeny },
            { target: "web", action: "s3:DeleteObject", decision: "ExplicitlyDenied", decidedBy: { level: "General", policyType: "SCP", policy: "DenyS3Delete", statement: "NoDelete" } },
            { target: "management", action: "s3:GetObject", ...rcpDeny },
            { target: "management", action: "s3:DeleteObject", ...rcpDeny },
        ]);
        const own = await effective("--file", file, "--target", "web", "--action", "s3:GetObject", "--context", "aws:SecureTransport=false", "--json");
        assert.deepStrictEqual(results(own.stdout), [{ target: "web", action: "s3:GetObject", decision: "Allowed" }], "web's own resources have no perimeter");
    });

    it("leaves services RCPs do not cover to the SCPs, and shows the RCPs level by level", async () => {
        const run = await effective("--file", file, "--target", "records", "--action", "ec2:RunInstances", "--action", "s3:GetObject", "--context", "aws:SecureTransport=false");
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout, /^Effective SCPs and RCPs of /);
        assert.match(run.stdout, /✓ ec2:RunInstances\n/);
        assert.match(run.stdout, /✗ s3:GetObject — denied at the resource's OU HIPAA by RCP Perimeter \(statement Tls\)/);
        assert.match(run.stdout, /RCPs in effect, top down:\n {4}root {6}RCPFullAWSAccess\n {4}OU HIPAA {2}RCPFullAWSAccess, Perimeter\n {4}account {3}RCPFullAWSAccess/);
    });

    it("refuses an unknown --resource-account with a suggestion", async () => {
        const run = await effective("--file", file, "--resource-account", "record", "--action", "s3:GetObject");
        assert.strictEqual(run.status, 64, run.stdout);
        assert.match(run.stderr, /No account `record` for `--resource-account`.*Did you mean `records`\?/);
    });

    it("is the done-when command on the prod example: TLS-less S3 reads in HIPAA are denied by the RCP", async () => {
        const run = await effective("--stack", "prod", "--target", "patient-records-prod", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k", "--context", "aws:SecureTransport=false", "--json");
        assert.deepStrictEqual(results(run.stdout), [
            {
                target: "patient-records-prod",
                action: "s3:GetObject",
                decision: "ExplicitlyDenied",
                decidedBy: { level: "HIPAA", policyType: "RCP", policy: "HipaaDataPerimeter", statement: "EnforceSecureTransport" },
            },
        ]);
    });
});

describe("npm run effective --type: the effective management policy", () => {
    const INHERITANCE = "test/fixtures/management-inheritance/org.yaml";

    it("prints {target, type, effective} for one target, the type in any case", async () => {
        const run = await effective("--file", INHERITANCE, "--type", "tag", "--target", "account-999999999999", "--json");
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual(JSON.parse(run.stdout), { target: "account-999999999999", type: "TAG", effective: { tags: { costcenter: { tag_key: "CostCenter", tag_value: ["Support"] } } } });
    });

    it("shows the policies level by level and what a child-control operator left out", async () => {
        const file = writeOrgFiles(yaml`
            policies:
              E: { type: TAG, file: policies/e.json }
              F: { type: TAG, file: policies/f.json }
            root: { policies: [FullAWSAccess, E] }
            organizationalUnits:
              - { name: Team, policies: [F], accounts: [{ name: one, email: one@example.com }] }
        `, {
            "policies/e.json": JSON.stringify({ tags: { project: { tag_key: { "@@operators_allowed_for_child_policies": ["@@none"], "@@assign": "Project" } } } }),
            "policies/f.json": JSON.stringify({ tags: { project: { tag_key: { "@@assign": "PROJECT" } } } }),
        });
        const run = await effective("--file", file, "--type", "TAG", "--target", "one");
        assert.strictEqual(run.status, 0, run.stderr);
        assert.match(run.stdout, /^Effective tag policy of one, merged root → OUs → account:\n {2}root {2}E\n {2}Team {2}F\n {2}one {3}\(none\)\n/);
        assert.match(run.stdout, /"tag_key": "Project"/);
        assert.match(run.stdout, /Left out: `@@assign` of F at Team on `tags\.project\.tag_key`, which the policies above allow only no operator \(`@@none`\)\./);
    });

    it("refuses SCPs and RCPs, an unknown type, no target or several, and --action with --type", async () => {
        for (const [args, message] of [
            [["--type", "rcp", "--target", "account-999999999999"], /RCPs have no effective document/],
            [["--type", "tags", "--target", "account-999999999999"], /Did you mean `TAG`\?/],
            [["--type", "tag"], /give exactly one `--target`/],
            [["--type", "tag", "--target", "OU1", "--target", "OU2"], /give exactly one `--target`/],
            [["--type", "tag", "--target", "OU1", "--action", "s3:GetObject"], /takes no `--action`/],
        ] as const) {
            const run = await effective("--file", INHERITANCE, ...args);
            assert.strictEqual(run.status, 64, `${args.join(" ")}: ${run.stdout}`);
            assert.match(run.stderr, message);
        }
    });
});
