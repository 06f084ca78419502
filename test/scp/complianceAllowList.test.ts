import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { checkScpText } from "../../policypacks/aws-org-guardrails/core/scpDocument";
import { AWS_LIMITS } from "../../policypacks/aws-org-guardrails/core/awsLimits";
import { COMPLIANCE_PROGRAMS, complianceAllowList, complianceData, OPERATING_SERVICES, programPrefixes } from "../../src/scp/complianceAllowList";
import { isIamService } from "../../src/scp/iamCatalog";
import { lintScp } from "../../src/scp/scpLint";

const POLICIES = path.resolve(__dirname, "../../config/policies");

/** The `Action` list of a generated SCP. */
function actionsOf(text: string): string[] {
    const policy = JSON.parse(text) as { Statement: { Action: string[] }[] };
    return policy.Statement.flatMap((s) => s.Action);
}

describe("compliance allow-lists", () => {
    for (const program of COMPLIANCE_PROGRAMS) {
        describe(`the ${program} data`, () => {
            const data = complianceData(program);

            it("names only IAM service prefixes the catalogue has", () => {
                const missing = data.services.flatMap((s) => s.prefixes.filter((p) => !isIamService(p)).map((p) => `${s.name}: ${p}`));
                assert.deepStrictEqual(missing, []);
            });

            it("gives every entry its source and the day it was checked, and says why an entry has no prefix", () => {
                for (const s of data.services) {
                    assert.match(s.source, /^https:\/\//, s.name);
                    assert.match(s.checked, /^\d{4}-\d{2}-\d{2}$/, s.name);
                    if (s.prefixes.length === 0) assert.ok(s.note !== undefined && s.note.length > 0, `${s.name} has no prefix and no note saying why`);
                }
                assert.match(data.checked, /^\d{4}-\d{2}-\d{2}$/);
                assert.ok(data.provenance.length > 0);
            });
        });
    }

    it("records services AWS lists without an IAM prefix (HIPAA: CloudEndure; PCI: Macie Classic) instead of dropping them", () => {
        const noPrefix = (program: "hipaa" | "pci") => complianceData(program).services.filter((s) => s.prefixes.length === 0).map((s) => s.name);
        assert.ok(noPrefix("hipaa").some((n) => n.startsWith("AWS CloudEndure")));
        assert.ok(noPrefix("pci").includes("Amazon Macie Classic"));
        assert.ok(!actionsOf(complianceAllowList(["pci"]).text).includes("macie:*"));
    });

    it("allows, for two programs, exactly the prefixes both list plus the operating services", () => {
        const hipaa = new Set(programPrefixes(complianceData("hipaa")));
        const pci = new Set(programPrefixes(complianceData("pci")));
        const both = complianceAllowList(["hipaa", "pci"]);
        const expected = new Set([...[...hipaa].filter((p) => pci.has(p)), ...OPERATING_SERVICES.map((s) => s.prefix)]);
        assert.deepStrictEqual(new Set(actionsOf(both.text)), new Set([...expected].map((p) => `${p}:*`)));
        // HealthLake is on the HIPAA list only; the order of the programs does not matter.
        assert.ok(hipaa.has("healthlake") && !actionsOf(both.text).includes("healthlake:*"));
        assert.deepStrictEqual(actionsOf(complianceAllowList(["pci", "hipaa"]).text), actionsOf(both.text));
        // The HIPAA list has no `iam` or `sts`: the operating services add them.
        assert.deepStrictEqual([...complianceAllowList(["hipaa"]).added].sort(), ["account", "health", "iam", "sts", "support"]);
    });

    it("writes a minified SCP within the size limit that the project's own SCP checks accept", () => {
        for (const programs of [["hipaa"], ["pci"], ["hipaa", "pci"]] as const) {
            const { text } = complianceAllowList(programs);
            assert.ok(!text.trimEnd().includes("\n") && !text.includes(": "), "minified");
            assert.ok(text.trimEnd().length <= AWS_LIMITS.scpMaxChars);
            const check = checkScpText(text);
            assert.deepStrictEqual(check.problems, []);
            assert.ok(check.tree !== undefined);
            assert.deepStrictEqual(lintScp(check.tree), []);
        }
    });

    it("the example policies in config/policies are exactly what the generator writes", () => {
        assert.strictEqual(fs.readFileSync(path.join(POLICIES, "allow-hipaa-services.json"), "utf8"), complianceAllowList(["hipaa"]).text);
        assert.strictEqual(fs.readFileSync(path.join(POLICIES, "allow-pci-services.json"), "utf8"), complianceAllowList(["pci"]).text);
    });
});
