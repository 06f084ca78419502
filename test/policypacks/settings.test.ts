import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { z } from "zod";
import { guardrailPolicies } from "../../policypacks/aws-org-guardrails/policies";
import { configSchemaOf, settingsOf } from "../../policypacks/aws-org-guardrails/policies/settings";
import { CHANGE_GUARDRAILS } from "../../src/plan/changeGuardrails";

/** Each policy's settings are declared once, in zod; the `configSchema` the Pulumi CLI reads is generated from it. */

const CONFIG = path.join(__dirname, "../../policypacks/aws-org-guardrails/config.json");
// The change review's guardrails are configured in the same file (the Pulumi CLI ignores names its pack lacks).
const configurable = [...guardrailPolicies, ...CHANGE_GUARDRAILS].filter((p) => p.configSchema !== undefined);

/** The object schema the Pulumi CLI builds around a policy's `configSchema` before it validates settings. */
function cliSchema(policy: (typeof configurable)[number]): object {
    const { properties, required } = policy.configSchema ?? { properties: {} };
    return { type: "object", properties, ...(required === undefined ? {} : { required }) };
}

/** Every key anywhere in a JSON value. */
function keysIn(value: unknown): string[] {
    if (Array.isArray(value)) return value.flatMap(keysIn);
    if (typeof value !== "object" || value === null) return [];
    return Object.entries(value).flatMap(([k, v]) => [k, ...keysIn(v)]);
}

describe("policy settings, declared once", () => {
    const ajv = new Ajv({ allErrors: true, strictTypes: false });

    it("gives every configurable policy a valid JSON Schema (draft 7, the draft the CLI reads)", () => {
        assert.ok(configurable.length >= 7, `only ${configurable.length} configurable policies`);
        for (const policy of configurable) {
            const schema = cliSchema(policy);
            assert.ok(ajv.validateSchema(schema), `${policy.name}: ${ajv.errorsText(ajv.errors)}`);
            // Strict compilation also rejects keywords JSON Schema does not define.
            assert.doesNotThrow(() => ajv.compile(schema), policy.name);
        }
    });

    it("sends the CLI only `properties` and `required`, with no `$schema` anywhere", () => {
        for (const policy of configurable) {
            const configSchema = policy.configSchema ?? { properties: {} };
            assert.deepStrictEqual(Object.keys(configSchema).filter((k) => k !== "properties" && k !== "required"), [], policy.name);
            assert.ok(!keysIn(configSchema).some((k) => k.startsWith("$")), `${policy.name} has a \`$\` keyword`);
        }
    });

    it("generates the schema the CLI has always received", () => {
        const byName = new Map(guardrailPolicies.map((p) => [p.name, p.configSchema]));
        assert.deepStrictEqual(byName.get("account-email-domains"), {
            properties: {
                allowedDomains: {
                    default: [],
                    description: "Domains account emails may use (exact match, case-insensitive); empty turns the check off.",
                    type: "array",
                    items: { type: "string", minLength: 1 },
                },
            },
        });
        const maxDepth = byName.get("ou-depth-limit")?.properties.maxDepth;
        assert.strictEqual(maxDepth?.type, "integer");
        assert.strictEqual(maxDepth.minimum, 1);
        assert.strictEqual(maxDepth.default, 5);
    });

    it("has defaults that its own schema accepts", () => {
        for (const policy of configurable) {
            for (const [key, property] of Object.entries(policy.configSchema?.properties ?? {})) {
                assert.ok(ajv.validate(property, property.default), `${policy.name}.${key}: default ${JSON.stringify(property.default)}: ${ajv.errorsText(ajv.errors)}`);
            }
        }
    });

    it("accepts config.json, which sets every setting of every policy", () => {
        const config = JSON.parse(fs.readFileSync(CONFIG, "utf8")) as Record<string, unknown>;
        assert.deepStrictEqual(Object.keys(config).sort(), [...guardrailPolicies, ...CHANGE_GUARDRAILS].map((p) => p.name).sort());
        for (const policy of configurable) {
            const entry = config[policy.name];
            assert.ok(typeof entry === "object" && entry !== null, `${policy.name} has no settings in config.json`);
            const { enforcementLevel, ...settings } = entry as Record<string, unknown>;
            assert.ok(typeof enforcementLevel === "string", `${policy.name} has no level in config.json`);
            assert.deepStrictEqual(Object.keys(settings).sort(), Object.keys(policy.configSchema?.properties ?? {}).sort(), policy.name);
            assert.ok(ajv.validate(cliSchema(policy), settings), `${policy.name}: ${ajv.errorsText(ajv.errors)}`);
        }
    });

    describe("a declaration", () => {
        const declaration = z.object({
            limit: z.int().min(1).default(3).describe("How many."),
            names: z.array(z.string().min(1)).describe("Who."),
        });
        // As CrossGuard's `getConfig<T>()`, whose caller names the type of its settings.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the signature of the API it stands in for
        const args = (config: object) => ({ getConfig: <T extends object>() => config as T });

        it("makes a setting with a default optional, and one without required", () => {
            const schema = configSchemaOf(declaration);
            assert.deepStrictEqual(schema.required, ["names"]);
            assert.deepStrictEqual(schema.properties.limit, { default: 3, description: "How many.", type: "integer", minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
        });

        it("reads settings typed, with the defaults filled in", () => {
            const settings: { limit: number; names: string[] } = settingsOf(args({ names: ["a"] }), declaration);
            assert.deepStrictEqual(settings, { limit: 3, names: ["a"] });
        });

        it("rejects settings that break it", () => {
            assert.throws(() => settingsOf(args({ limit: 0, names: [] }), declaration), z.ZodError);
        });
    });
});
