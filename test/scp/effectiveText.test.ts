import * as assert from "assert";
import { allow, deny, orgModel } from "./orgFixture";
import { effectiveReport } from "../../src/scp/effectiveReport";
import { renderEffective } from "../../src/scp/effectiveText";
import { iamActionsOf, iamServices } from "../../src/scp/iamCatalog";
import { targetsNamed } from "../../src/scp/policyPath";
import { EMPTY_CONTEXT } from "../../policypacks/aws-org-guardrails/core/requestContext";

describe("renderEffective: the readable report", () => {
    const model = orgModel({
        policies: {
            AllowS3: [allow("s3:*")],
            DenyAll: [deny("*")],
            DenyDelete: [deny("s3:Delete*")],
            DenyInsecure: [{ Sid: "", ...deny("ec2:*", { Condition: { Bool: { "aws:SecureTransport": "false" } } }) }],
        },
        ous: [
            { name: "Open", accounts: { dev: ["FullAWSAccess"] } },
            { name: "Retired", policies: ["FullAWSAccess", "DenyAll"], accounts: { old: ["FullAWSAccess"] } },
            { name: "General", policies: ["FullAWSAccess", "DenyDelete", "DenyInsecure"], accounts: { web: ["FullAWSAccess"] } },
            { name: "Data", policies: ["AllowS3"], accounts: { lake: ["FullAWSAccess"] } },
        ],
    });
    const catalogue = iamServices().length;
    const s3 = iamActionsOf("s3");
    const s3Left = s3.filter((a) => !a.startsWith("Delete")).length;

    /** The lines of one target's block, from its title to the blank line after it. */
    function block(target: string): string[] {
        const report = effectiveReport(model, targetsNamed(model, target), ["s3:GetObject"], { resource: "*", context: EMPTY_CONTEXT });
        const lines = renderEffective(model, report, { fileLabel: "org.yaml", contextPairs: [] }).split("\n");
        const start = lines.findIndex((l) => l.startsWith(`${target} (account`));
        assert.ok(start >= 0, lines.join("\n"));
        const end = lines.indexOf("", start);
        return lines.slice(start, end === -1 ? undefined : end);
    }

    it("says every service where nothing restricts the path", () => {
        assert.ok(block("dev").includes("  Services: every service (no allow-list restricts this path, and no Deny removes an action outright)"), block("dev").join("\n"));
    });

    it("says no service is usable on a path with a deny-all SCP beside FullAWSAccess", () => {
        const lines = block("old");
        assert.ok(lines.includes(`  Services usable at all: none (0 of ${catalogue})`), lines.join("\n"));
        assert.ok(!lines.some((l) => l.includes("every service")), lines.join("\n"));
    });

    it("names only what unconditional Denies remove on a path without an allow-list", () => {
        const lines = block("web");
        assert.ok(lines.includes(`  Services usable at all (${catalogue} of ${catalogue}): partly (actions): s3 ${s3Left}/${s3.length}; every other service fully`), lines.join("\n"));
    });

    it("lists the services an allow-list leaves", () => {
        assert.ok(block("lake").includes(`  Services usable at all (1 of ${catalogue}): s3`), block("lake").join("\n"));
    });

    it("names a skipped statement with an empty Sid by its index, as the JSON results do", () => {
        const skipped = block("web").find((l) => l.startsWith("  Skipped for this request"));
        assert.strictEqual(skipped, "  Skipped for this request (Resource or Condition does not match): DenyInsecure (statement 0); pass --resource or --context to apply them");
    });
});
