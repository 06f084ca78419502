import * as assert from "assert";
import * as path from "path";
import { guardrailPolicies } from "../../policypacks/aws-org-guardrails/policies";
import { formatDiagnostic, OrgConfigError } from "../../src/diagnostics/diagnostic";
import { configurePolicies, NO_POLICY_PACK_CONFIG, parsePolicyPackConfig, readPolicyPackConfig } from "../../src/plan/policyConfig";
import { present } from "../support/present";
import { CHANGE_GUARDRAILS } from "../../src/plan/changeGuardrails";

const FILE = path.resolve("policy-config.json");

/** Configures the pack's policies from config text; returns level and settings by policy. */
function configure(text: string): Map<string, { level: string; settings: Readonly<Record<string, unknown>> }> {
    const configured = configurePolicies(guardrailPolicies, parsePolicyPackConfig(text, FILE));
    return new Map(configured.map((c) => [c.policy.name, { level: c.enforcementLevel, settings: c.settings }]));
}

/** The problems of a config, as `file:line:column: message [error/code]` lines. */
function problems(text: string): string[] {
    try {
        configure(text);
    } catch (e) {
        if (!(e instanceof OrgConfigError)) throw e;
        return e.diagnostics.map((d) => formatDiagnostic(d));
    }
    assert.fail("Expected the config to be rejected.");
}

describe("policy pack config", () => {
    describe("levels and settings, as the Pulumi CLI applies them", () => {
        it("keeps each policy's own level and its schema's defaults without config", () => {
            const configured = new Map(configurePolicies(guardrailPolicies, NO_POLICY_PACK_CONFIG).map((c) => [c.policy.name, c]));
            assert.strictEqual(configured.get("accounts-protected")?.enforcementLevel, "mandatory");
            assert.strictEqual(configured.get("account-required-tags")?.enforcementLevel, "advisory");
            assert.deepStrictEqual(configured.get("ou-depth-limit")?.settings, { maxDepth: 5 });
            assert.deepStrictEqual(configured.get("account-required-tags")?.settings, { requiredTags: ["managed-by"] });
        });

        it("sets every level with `all`, as a string or an object", () => {
            for (const text of ['{"all": "advisory"}', '{"all": {"enforcementLevel": "advisory"}}']) {
                assert.deepStrictEqual(new Set([...configure(text).values()].map((c) => c.level)), new Set(["advisory"]));
            }
        });

        it("lets a policy's entry override `all` and its defaults", () => {
            const configured = configure('{"all": "disabled", "ou-depth-limit": {"enforcementLevel": "mandatory", "maxDepth": 3}, "account-email-domains": {"allowedDomains": ["example.com"]}}');
            assert.deepStrictEqual(configured.get("ou-depth-limit"), { level: "mandatory", settings: { maxDepth: 3 } });
            assert.deepStrictEqual(configured.get("account-email-domains"), { level: "disabled", settings: { allowedDomains: ["example.com"] } });
        });

        it("takes an empty file as no config", () => {
            assert.strictEqual(configure("  \n").get("accounts-protected")?.level, "mandatory");
        });

        it("accepts the config of the pack", () => {
            const file = path.join(__dirname, "../../policypacks/aws-org-guardrails/config.json");
            // The change review's guardrails are configured in the same file.
            const configured = configurePolicies([...guardrailPolicies, ...CHANGE_GUARDRAILS], readPolicyPackConfig(file));
            assert.strictEqual(configured.length, guardrailPolicies.length + CHANGE_GUARDRAILS.length);
        });
    });

    describe("mistakes, each reported where it is written", () => {
        it("rejects text that is not JSON", () => {
            assert.deepStrictEqual(problems('{\n    "all": advisory\n}'), ["policy-config.json:2:12: The policy pack config is not valid JSON (invalid symbol); fix the JSON. [error/policy-config-syntax]"]);
        });

        it("rejects a config that is not an object", () => {
            assert.match(present(problems('["all"]')[0]), /:1:1: The policy pack config must be a JSON object .* \[error\/policy-config-invalid\]$/);
        });

        it("rejects an unknown enforcement level, listing the valid ones", () => {
            assert.deepStrictEqual(problems('{\n    "accounts-protected": {"enforcementLevel": "strict"}\n}'), [
                "policy-config.json:2:48: Enforcement level of `accounts-protected` must be one of `advisory`, `mandatory`, `remediate`, `disabled`, not `\"strict\"`. [error/policy-config-invalid]",
            ]);
        });

        it("rejects a value that is neither a level nor settings", () => {
            assert.match(present(problems('{"ou-depth-limit": 5}')[0]), /`ou-depth-limit` must be an enforcement level .* or an object of settings, not `5`/);
        });

        it("rejects settings under `all`", () => {
            assert.match(present(problems('{"all": {"maxDepth": 3}}')[0]), /`all` takes only an enforcement level; put settings under the policy/);
        });

        it("rejects an unknown policy, suggesting the closest name", () => {
            assert.deepStrictEqual(problems('{\n  "acounts-protected": "advisory"\n}').map((p) => p.replace(/ Its policies: .*\./, "")), [
                "policy-config.json:2:3: The policy pack has no policy `acounts-protected`. Did you mean `accounts-protected`? [error/policy-config-unknown-policy]",
            ]);
        });

        it("rejects an unknown setting, suggesting the closest one", () => {
            assert.deepStrictEqual(problems('{"account-email-domains": {"allowedDomain": ["example.com"]}}'), [
                "policy-config.json:1:28: Policy `account-email-domains` has no setting `allowedDomain`. Did you mean `allowedDomains`? Its settings: `allowedDomains`. [error/policy-config-unknown-setting]",
            ]);
            assert.match(present(problems('{"organization-protected": {"force": true}}')[0]), /`organization-protected` has no settings, only `enforcementLevel`; remove `force`/);
        });

        it("rejects settings the policy's schema does not allow, all at once", () => {
            const text = '{\n  "ou-depth-limit": {"maxDepth": "five"},\n  "scp-attachment-limit": {"maxPerTarget": 0},\n  "account-email-domains": {"allowedDomains": ["example.com", ""]}\n}';
            assert.deepStrictEqual(problems(text), [
                "policy-config.json:2:22: Policy `ou-depth-limit`: `maxDepth` must be an integer, not `\"five\"`. [error/policy-config-schema]",
                "policy-config.json:3:28: Policy `scp-attachment-limit`: `maxPerTarget` must be at least 1, not `0`. [error/policy-config-schema]",
                "policy-config.json:4:29: Policy `account-email-domains`: `allowedDomains[1]` must have at least 1 character, not `\"\"`. [error/policy-config-schema]",
            ]);
        });

        it("asks for a setting the schema requires, at the policy's entry", () => {
            const policies = [{ name: "probe", configSchema: { properties: { owner: { type: "string" as const } }, required: ["owner"] } }];
            assert.throws(
                () => configurePolicies(policies, parsePolicyPackConfig('{\n  "probe": "mandatory"\n}', FILE)),
                (e: unknown) =>
                    e instanceof OrgConfigError &&
                    e.diagnostics.length === 1 &&
                    formatDiagnostic(present(e.diagnostics[0])) === "policy-config.json:2:3: Policy `probe` needs the setting `owner`; add it to the policy's entry. [error/policy-config-schema]",
            );
        });

        it("blames the pack, not the config, for a default its own schema rejects", () => {
            const policies = [{ name: "probe", configSchema: { properties: { limit: { type: "integer" as const, minimum: 1, default: 0 } } } }];
            assert.throws(() => configurePolicies(policies, NO_POLICY_PACK_CONFIG), /^Error: Policy `probe` has an invalid default: `limit` must be at least 1, not `0`\.$/);
            assert.deepStrictEqual(configurePolicies(policies, parsePolicyPackConfig('{"probe": {"limit": 2}}', FILE))[0]?.settings, { limit: 2 });
        });

        it("reports a config file that cannot be read", () => {
            assert.throws(
                () => readPolicyPackConfig("no-such-config.json"),
                (e: unknown) => e instanceof OrgConfigError && e.diagnostics[0]?.code === "policy-config-missing" && /`no-such-config.json` does not exist \(looked for .*\); check the path given to --policy-config/.test(e.diagnostics[0].message),
            );
        });
    });
});
