import * as assert from "assert";
import * as path from "path";
import { allow, deny, orgModel, OrgSpec } from "./orgFixture";
import { loadOrgModel } from "../../src/config/loadOrgFile";
import { OrgModel } from "../../src/model/types";
import { Evaluation, ScpEvaluator } from "../../src/scp/evaluate";
import { targetsNamed } from "../../src/scp/policyPath";
import { requestContext } from "../../policypacks/aws-org-guardrails/core/requestContext";

/** The decision and deciding level/policy/statement, flattened for assertions. */
function decide(model: OrgModel, target: string, action: string, resource = "*", context: [string, string][] = []): string {
    const [t] = targetsNamed(model, target);
    assert.ok(t, `no target ${target}`);
    const e: Evaluation = new ScpEvaluator(model, { resource, context: requestContext(context) }).evaluate(t, action);
    const by = e.decidedBy;
    return [e.decision, by?.level.name, by?.policy, by?.statement].filter((x) => x !== undefined).join(" ");
}

const SEED: OrgSpec = {
    policies: {
        AllowHipaa: [{ Sid: "AllowHipaaServices", ...allow(["s3:*", "ec2:*"]) }],
        AllowPci: [allow(["s3:*", "dynamodb:*"])],
    },
    ous: [{ name: "HIPAA", policies: ["AllowHipaa"], accounts: { "hipaa-app": ["FullAWSAccess"] }, ous: [{ name: "PCI", policies: ["AllowPci"], accounts: { payments: ["FullAWSAccess"] } }] }],
    accounts: { management: ["FullAWSAccess"] },
    management: "management",
};

describe("ScpEvaluator", () => {
    describe("allow-lists intersect down the path (HIPAA {s3, ec2}, PCI {s3, dynamodb})", () => {
        const model = orgModel(SEED);
        it("allows s3 in HIPAA/PCI, which both lists allow", () => {
            assert.strictEqual(decide(model, "payments", "s3:GetObject"), "Allowed");
        });
        it("denies ec2 in HIPAA/PCI at PCI, which does not list it", () => {
            assert.strictEqual(decide(model, "payments", "ec2:RunInstances"), "ImplicitlyDenied HIPAA/PCI");
        });
        it("denies dynamodb in HIPAA/PCI at HIPAA, the topmost level without an Allow", () => {
            assert.strictEqual(decide(model, "payments", "dynamodb:GetItem"), "ImplicitlyDenied HIPAA");
        });
        it("allows ec2 one level up, in HIPAA", () => {
            assert.strictEqual(decide(model, "hipaa-app", "ec2:RunInstances"), "Allowed");
        });
        it("evaluates an OU target from the root down to that OU", () => {
            assert.strictEqual(decide(model, "HIPAA/PCI", "dynamodb:GetItem"), "ImplicitlyDenied HIPAA");
            assert.strictEqual(decide(model, "HIPAA", "ec2:RunInstances"), "Allowed");
        });
        it("never restricts the management account", () => {
            assert.strictEqual(decide(model, "management", "dynamodb:GetItem"), "NotRestricted");
        });
    });

    describe("the seed scenario in config/prod.yaml", () => {
        const prod = loadOrgModel(path.resolve(__dirname, "../../config/prod.yaml"));
        it("lets patient-payments-prod use what both generated lists allow, and names the level that denies the rest", () => {
            assert.strictEqual(decide(prod, "patient-payments-prod", "s3:GetObject"), "Allowed");
            // HealthLake is on the HIPAA list only, Fraud Detector on the PCI list only.
            assert.strictEqual(decide(prod, "patient-payments-prod", "healthlake:CreateFHIRDatastore"), "ImplicitlyDenied HIPAA/PCI");
            assert.strictEqual(decide(prod, "patient-payments-prod", "frauddetector:GetDetectors"), "ImplicitlyDenied HIPAA");
            assert.strictEqual(decide(prod, "card-vault-prod", "frauddetector:GetDetectors"), "Allowed");
        });
        it("denies the root user at the root, by policy and Sid", () => {
            const root: [string, string] = ["aws:PrincipalArn", "arn:aws:iam::123456789012:root"];
            assert.strictEqual(decide(prod, "reporting-dev", "s3:GetObject", "*", [root]), "ExplicitlyDenied root DenyRootUser DenyRootUserActions");
            assert.strictEqual(decide(prod, "reporting-dev", "s3:GetObject", "*", [["aws:PrincipalArn", "arn:aws:iam::123456789012:role/admin"]]), "Allowed");
        });
    });

    describe("explicit deny at each level", () => {
        const spec = (where: "root" | "top" | "nested" | "account"): OrgSpec => {
            const at = (w: typeof where) => (where === w ? ["FullAWSAccess", "DenyS3"] : ["FullAWSAccess"]);
            return {
                policies: { DenyS3: [allow("ec2:*"), deny("s3:*")] },
                root: at("root"),
                ous: [{ name: "Top", policies: at("top"), ous: [{ name: "Nested", policies: at("nested"), accounts: { app: at("account") } }] }],
            };
        };
        for (const [where, level] of [["root", "root"], ["top", "Top"], ["nested", "Top/Nested"], ["account", "app"]] as const) {
            it(`names ${level}, the policy and the statement index when the Deny is at the ${where}`, () => {
                assert.strictEqual(decide(orgModel(spec(where)), "app", "s3:PutObject"), `ExplicitlyDenied ${level} DenyS3 1`);
                assert.strictEqual(decide(orgModel(spec(where)), "app", "ec2:RunInstances"), "Allowed");
            });
        }
        it("reports the topmost Deny when several levels deny", () => {
            const model = orgModel({
                policies: { DenyA: [deny("s3:*")], DenyB: [{ Sid: "NoS3", ...deny("s3:Get*") }] },
                ous: [{ name: "Top", policies: ["FullAWSAccess", "DenyB"], accounts: { app: ["FullAWSAccess", "DenyA"] } }],
            });
            assert.strictEqual(decide(model, "app", "s3:GetObject"), "ExplicitlyDenied Top DenyB NoS3");
        });
        it("lets a Deny below win over a missing Allow above", () => {
            const model = orgModel({
                policies: { AllowEc2: [allow("ec2:*")], DenyS3: [deny("s3:*")] },
                ous: [{ name: "Top", policies: ["AllowEc2"], accounts: { app: ["FullAWSAccess", "DenyS3"] } }],
            });
            assert.strictEqual(decide(model, "app", "s3:GetObject"), "ExplicitlyDenied app DenyS3 0");
        });
    });

    describe("missing Allow at each level", () => {
        const only = (where: string) => ({
            policies: { AllowEc2: [allow("ec2:*")] },
            root: where === "root" ? ["AllowEc2"] : ["FullAWSAccess"],
            ous: [{ name: "Top", policies: where === "ou" ? ["AllowEc2"] : ["FullAWSAccess"], accounts: { app: where === "account" ? ["AllowEc2"] : ["FullAWSAccess"] } }],
        });
        for (const [where, level] of [["root", "root"], ["ou", "Top"], ["account", "app"]] as const) {
            it(`denies implicitly at ${level} when only the ${where} lacks the Allow`, () => {
                assert.strictEqual(decide(orgModel(only(where)), "app", "s3:GetObject"), `ImplicitlyDenied ${level}`);
                assert.strictEqual(decide(orgModel(only(where)), "app", "ec2:StartInstances"), "Allowed");
            });
        }
        it("ignores an allow-list that sits beside FullAWSAccess", () => {
            const model = orgModel({ policies: { AllowEc2: [allow("ec2:*")] }, ous: [{ name: "Top", policies: ["FullAWSAccess", "AllowEc2"], accounts: { app: ["FullAWSAccess"] } }] });
            assert.strictEqual(decide(model, "app", "s3:GetObject"), "Allowed");
        });
    });

    describe("action patterns", () => {
        const withAllow = (patterns: string[]) => orgModel({ policies: { A: [allow(patterns)] }, ous: [{ name: "Top", policies: ["A"], accounts: { app: ["FullAWSAccess"] } }] });
        const cases: [string[], string, boolean][] = [
            [["ec2:*Instances"], "ec2:RunInstances", true],
            [["ec2:*Instances"], "ec2:RunInstance", false],
            [["iam:*AccessKey*"], "iam:UpdateAccessKeyLastUsed", true],
            [["s3:Get?bject"], "s3:GetObject", true],
            [["s3:Get?bject"], "s3:GetObjject", false],
            [["S3:GETOBJECT"], "s3:GetObject", true],
            [["s3:GetObject"], "S3:getobject", true],
            [["*:Describe*"], "rds:DescribeDBInstances", true],
            [["s3:Get*"], "s3control:GetJob", false],
        ];
        for (const [patterns, action, allowed] of cases) {
            it(`${patterns.join(",")} ${allowed ? "matches" : "does not match"} ${action}`, () => {
                assert.strictEqual(decide(withAllow(patterns), "app", action), allowed ? "Allowed" : "ImplicitlyDenied Top");
            });
        }
        it("allows everything but the listed actions with NotAction in an Allow", () => {
            const model = orgModel({ policies: { AllButIam: [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }] }, ous: [{ name: "Top", policies: ["AllButIam"], accounts: { app: ["FullAWSAccess"] } }] });
            assert.strictEqual(decide(model, "app", "s3:GetObject"), "Allowed");
            assert.strictEqual(decide(model, "app", "iam:CreateUser"), "ImplicitlyDenied Top");
        });
        it("denies everything but the listed actions with NotAction in a Deny", () => {
            const model = orgModel({ policies: { OnlyS3: [{ Effect: "Deny", NotAction: "s3:*", Resource: "*" }] }, accounts: { app: ["FullAWSAccess", "OnlyS3"] } });
            assert.strictEqual(decide(model, "app", "s3:GetObject"), "Allowed");
            assert.strictEqual(decide(model, "app", "ec2:RunInstances"), "ExplicitlyDenied app OnlyS3 0");
        });
    });

    describe("resources", () => {
        const model = orgModel({
            policies: {
                DenyOutsideSafe: [{ Sid: "DenyOutsideSafe", Effect: "Deny", Action: "s3:*", NotResource: ["arn:aws:s3:::safe-bucket", "arn:aws:s3:::safe-bucket/*"] }],
                AllowLogs: [allow("s3:*", { Resource: "arn:aws:s3:::logs-*/*" })],
            },
            ous: [{ name: "Top", policies: ["FullAWSAccess", "DenyOutsideSafe"], accounts: { app: ["FullAWSAccess"] } }, { name: "Logs", policies: ["AllowLogs"], accounts: { logger: ["FullAWSAccess"] } }],
        });
        it("denies with NotResource every resource but the listed ones", () => {
            assert.strictEqual(decide(model, "app", "s3:GetObject", "arn:aws:s3:::safe-bucket/report.csv"), "Allowed");
            assert.strictEqual(decide(model, "app", "s3:GetObject", "arn:aws:s3:::other-bucket/report.csv"), "ExplicitlyDenied Top DenyOutsideSafe DenyOutsideSafe");
        });
        it("allows only the ARNs a Resource pattern matches", () => {
            assert.strictEqual(decide(model, "logger", "s3:PutObject", "arn:aws:s3:::logs-prod/2025/01/app.log"), "Allowed");
            assert.strictEqual(decide(model, "logger", "s3:PutObject", "arn:aws:s3:::data-prod/x"), "ImplicitlyDenied Logs");
        });
        it("reads the default resource `*` literally: a statement scoped to ARNs does not apply", () => {
            assert.strictEqual(decide(model, "logger", "s3:PutObject"), "ImplicitlyDenied Logs");
            assert.strictEqual(decide(model, "app", "s3:PutObject"), "ExplicitlyDenied Top DenyOutsideSafe DenyOutsideSafe");
        });
        it("replaces policy variables in resources from the context", () => {
            const own = orgModel({ policies: { Own: [allow("s3:*", { Resource: "arn:aws:s3:::home/${aws:PrincipalTag/team}/*" })] }, ous: [{ name: "Top", policies: ["Own"], accounts: { app: ["FullAWSAccess"] } }] });
            assert.strictEqual(decide(own, "app", "s3:GetObject", "arn:aws:s3:::home/blue/x", [["aws:PrincipalTag/team", "blue"]]), "Allowed");
            assert.strictEqual(decide(own, "app", "s3:GetObject", "arn:aws:s3:::home/red/x", [["aws:PrincipalTag/team", "blue"]]), "ImplicitlyDenied Top");
            assert.strictEqual(decide(own, "app", "s3:GetObject", "arn:aws:s3:::home/blue/x"), "ImplicitlyDenied Top");
        });
    });

    describe("conditions", () => {
        const model = orgModel({
            policies: {
                RegionLock: [{ Sid: "OnlyEu", Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1", "eu-central-1"] } } }],
                AllowTagged: [allow("ec2:*", { Condition: { StringEquals: { "aws:PrincipalTag/team": "blue" } } })],
            },
            ous: [{ name: "Eu", policies: ["FullAWSAccess", "RegionLock"], accounts: { app: ["FullAWSAccess"] } }, { name: "Blue", policies: ["AllowTagged"], accounts: { blue: ["FullAWSAccess"] } }],
        });
        it("applies a negated condition when the key is absent (IAM: absent key, negated operator → true)", () => {
            assert.strictEqual(decide(model, "app", "ec2:RunInstances"), "ExplicitlyDenied Eu RegionLock OnlyEu");
        });
        it("follows the context when the key is present", () => {
            assert.strictEqual(decide(model, "app", "ec2:RunInstances", "*", [["aws:RequestedRegion", "eu-west-1"]]), "Allowed");
            assert.strictEqual(decide(model, "app", "ec2:RunInstances", "*", [["aws:RequestedRegion", "us-east-1"]]), "ExplicitlyDenied Eu RegionLock OnlyEu");
        });
        it("does not apply a conditional Allow when its key is absent", () => {
            assert.strictEqual(decide(model, "blue", "ec2:RunInstances"), "ImplicitlyDenied Blue");
            assert.strictEqual(decide(model, "blue", "ec2:RunInstances", "*", [["aws:principaltag/TEAM", "blue"]]), "Allowed");
        });
    });
});
