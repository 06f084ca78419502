import * as assert from "assert";
import { allow, deny, orgModel } from "./orgFixture";
import { iamActionsOf } from "../../src/scp/iamCatalog";
import { policyPath, targetsNamed } from "../../src/scp/policyPath";
import { ServiceReachCalculator } from "../../src/scp/serviceReach";

describe("ServiceReachCalculator", () => {
    const model = orgModel({
        policies: {
            AllowHipaa: [allow(["s3:*", "ec2:*"])],
            AllowPci: [allow(["s3:*", "dynamodb:*", "ec2:Describe*"])],
            DenyDelete: [deny("s3:Delete*"), deny("ec2:*", { Condition: { Bool: { "aws:SecureTransport": "false" } } })],
        },
        ous: [
            { name: "HIPAA", policies: ["AllowHipaa"], ous: [{ name: "PCI", policies: ["AllowPci", "DenyDelete"] }] },
            { name: "General", policies: ["FullAWSAccess", "DenyDelete"] },
        ],
    });
    const reach = (target: string) => {
        const [t] = targetsNamed(model, target);
        return new ServiceReachCalculator(model).reach(policyPath(model, t));
    };

    it("lists the intersection of the allow-lists down the path, not their union", () => {
        const r = reach("HIPAA/PCI");
        assert.strictEqual(r.unrestricted, false);
        assert.deepStrictEqual(r.services.map((s) => s.service), ["ec2", "s3"]);
    });

    it("counts the actions of a service left partly usable by a narrower allow or an unconditional Deny", () => {
        const r = reach("HIPAA/PCI");
        const ec2 = r.services.find((s) => s.service === "ec2");
        const s3 = r.services.find((s) => s.service === "s3");
        const describe = iamActionsOf("ec2").filter((a) => a.startsWith("Describe")).length;
        assert.deepStrictEqual([ec2?.allowed, ec2?.total], [describe, iamActionsOf("ec2").length]);
        assert.strictEqual(s3?.allowed, iamActionsOf("s3").filter((a) => !a.startsWith("Delete")).length);
    });

    it("says a path without an allow-list is unrestricted, even with deny-lists on it", () => {
        const r = reach("General");
        assert.strictEqual(r.unrestricted, true);
        assert.strictEqual(r.services.length, r.catalogueServices);
    });
});
