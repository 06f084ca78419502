import * as assert from "assert";
import { actionImpact, impactByService } from "../../src/scp/permissionImpact";
import { iamActionsOf } from "../../src/scp/iamCatalog";
import { loadModel } from "../support/orgFiles";

const ALLOW = (actions: string[]) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] });
const FILES = {
    "policies/hipaa.json": ALLOW(["s3:*", "ec2:*", "iam:*", "sts:*"]),
    "policies/hipaa-narrow.json": ALLOW(["s3:*", "iam:*", "sts:*"]),
};

function org(hipaaPolicy: string, where: { patients: "HIPAA" | "General"; name?: string } = { patients: "HIPAA" }): string {
    const patients = `{ name: ${where.name ?? "patients"}${where.name === undefined ? "" : ", previousNames: [patients]"}, email: patients@example.com }`;
    return [
        "organization: {}",
        "policies:",
        "  AllowHipaa: { file: policies/hipaa.json }",
        "  AllowHipaaNarrow: { file: policies/hipaa-narrow.json }",
        "root: {}",
        "organizationalUnits:",
        "  - name: HIPAA",
        `    policies: [${hipaaPolicy}]`,
        `    accounts: [{ name: records, email: records@example.com }${where.patients === "HIPAA" ? `, ${patients}` : ""}]`,
        "  - name: General",
        `    accounts: [{ name: web, email: web@example.com }${where.patients === "General" ? `, ${patients}` : ""}]`,
        "",
    ].join("\n");
}

describe("Permission impact: what each account gains and loses", () => {
    const ec2 = iamActionsOf("ec2").length;

    it("replacing an OU's allow-list lists, for each account below it, the services it loses", () => {
        const impact = impactByService(loadModel(org("AllowHipaa"), FILES), loadModel(org("AllowHipaaNarrow"), FILES));
        assert.deepStrictEqual(
            impact.map((i) => [i.target, i.service, i.lost, i.gained]),
            [["records", "ec2", ec2, 0], ["patients", "ec2", ec2, 0]],
        );
        assert.ok(impact.every((i) => i.before === i.total), "ec2 was wholly usable before");
    });

    it("moving an account out of a restricted OU is a gain", () => {
        const impact = impactByService(loadModel(org("AllowHipaa"), FILES), loadModel(org("AllowHipaa", { patients: "General" }), FILES));
        assert.ok(impact.length > 10, "it gains every service the allow-list left out");
        assert.ok(impact.every((i) => i.target === "patients" && i.lost === 0 && i.gained > 0));
        assert.ok(!impact.some((i) => i.service === "ec2" || i.service === "s3"), "what it had stays");
    });

    it("a renamed account is the same account: nothing changes for it", () => {
        assert.deepStrictEqual(impactByService(loadModel(org("AllowHipaa"), FILES), loadModel(org("AllowHipaa", { patients: "HIPAA", name: "patient-records" }), FILES)), []);
    });

    it("--action gives each account's exact decision before and after", () => {
        const decisions = actionImpact(loadModel(org("AllowHipaa"), FILES), loadModel(org("AllowHipaaNarrow"), FILES), ["ec2:RunInstances", "s3:GetObject"]);
        assert.deepStrictEqual(
            decisions.map((d) => [d.target, d.action, d.before, d.after]),
            [
                ["records", "ec2:RunInstances", "Allowed", "ImplicitlyDenied"],
                ["records", "s3:GetObject", "Allowed", "Allowed"],
                ["patients", "ec2:RunInstances", "Allowed", "ImplicitlyDenied"],
                ["patients", "s3:GetObject", "Allowed", "Allowed"],
            ],
        );
    });
});
