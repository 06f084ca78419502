import * as assert from "assert";
import { allow, deny, orgModel } from "./orgFixture";
import { iamActionsOf } from "../../src/scp/iamCatalog";
import { policyPath, targetsNamed } from "../../src/scp/policyPath";
import { ServiceReachCalculator } from "../../src/scp/serviceReach";
import { present } from "../support/present";

describe("ServiceReachCalculator", () => {
    const model = orgModel({
        policies: {
            AllowHipaa: [allow(["s3:*", "ec2:*"])],
            AllowPci: [allow(["s3:*", "dynamodb:*", "ec2:Describe*"])],
            DenyDelete: [deny("s3:Delete*"), deny("ec2:*", { Condition: { Bool: { "aws:SecureTransport": "false" } } })],
            DenyAll: [deny("*")],
        },
        ous: [
            { name: "HIPAA", policies: ["AllowHipaa"], ous: [{ name: "PCI", policies: ["AllowPci", "DenyDelete"] }] },
            { name: "General", policies: ["FullAWSAccess", "DenyDelete"] },
            { name: "Open" },
            { name: "Retired", policies: ["FullAWSAccess", "DenyAll"] },
        ],
    });
    const reach = (target: string) => {
        const t = present(targetsNamed(model, target)[0], `target ${target}`);
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

    it("says a path is unrestricted only when every action of every service remains allowed", () => {
        const r = reach("Open");
        assert.strictEqual(r.unrestricted, true);
        assert.strictEqual(r.services.length, r.catalogueServices);
        assert.ok(r.services.every((s) => s.allowed === s.total));
    });

    it("counts what an unconditional Deny removes on a path without an allow-list, so that path is not unrestricted", () => {
        const r = reach("General");
        assert.strictEqual(r.unrestricted, false);
        assert.strictEqual(r.services.length, r.catalogueServices, "s3 stays partly usable");
        assert.deepStrictEqual(r.unusable, []);
        assert.deepStrictEqual(r.services.filter((s) => s.allowed < s.total).map((s) => s.service), ["s3"]);
    });

    it("leaves no service usable on a path with a deny-all SCP, though FullAWSAccess is attached beside it", () => {
        const r = reach("Retired");
        assert.strictEqual(r.unrestricted, false);
        assert.deepStrictEqual(r.services, []);
        assert.strictEqual(r.unusable.length, r.catalogueServices);
    });
});
