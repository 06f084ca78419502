import type { PolicyConfigSchema } from "@pulumi/policy";
import Ajv, { DefinedError, ValidateFunction } from "ajv";

// Every error, with the value it is about (`data`); strict: a keyword Ajv does not know is the pack's mistake.
const ajv = new Ajv({ allErrors: true, verbose: true, strictTypes: false, strictTuples: false });
const validators = new WeakMap<PolicyConfigSchema, ValidateFunction>();

/**
 * The schema the Pulumi CLI validates a policy's settings against: `configSchema`'s
 * properties and required settings in an object schema (JSON Schema draft 7, as Ajv reads it).
 */
function validatorOf(policy: string, configSchema: PolicyConfigSchema): ValidateFunction {
    let validate = validators.get(configSchema);
    if (validate === undefined) {
        try {
            validate = ajv.compile({ type: "object", properties: configSchema.properties, ...(configSchema.required?.length ? { required: configSchema.required } : {}) });
        } catch (e) {
            throw new Error(`Policy \`${policy}\` has an invalid \`configSchema\`: ${e instanceof Error ? e.message : String(e)}.`, { cause: e });
        }
        validators.set(configSchema, validate);
    }
    return validate;
}

/** One thing wrong with a policy's settings. */
export interface SettingsProblem {
    /** Where, below the settings: the setting first; empty for a missing required setting. */
    readonly path: readonly string[];
    /** What, naming the setting and its value: "`maxDepth` must be an integer, not `"five"`". */
    readonly message: string;
}

/** What is wrong with a policy's settings (defaults included) under the schema the Pulumi CLI applies. */
export function settingsProblems(policy: string, configSchema: PolicyConfigSchema | undefined, settings: Readonly<Record<string, unknown>>): SettingsProblem[] {
    if (configSchema === undefined) return [];
    const validate = validatorOf(policy, configSchema);
    if (validate(settings)) return [];
    // Ajv's own keywords only: the schemas use no custom one (strict mode rejects unknown keywords).
    return ((validate.errors ?? []) as DefinedError[]).map((e) => {
        const path = e.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
        if (path.length === 0 && e.keyword === "required") return { path, message: `needs the setting \`${e.params.missingProperty}\`` };
        const label = path.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
        return { path, message: `\`${label}\` must ${ruleOf(e)}, not ${quoteValue(e.data)}` };
    });
}

const COMPARISONS: Readonly<Record<"<=" | ">=" | "<" | ">", string>> = { ">=": "at least", "<=": "at most", ">": "more than", "<": "less than" };
/** For the keywords that count: the bound, and what they count (one, many). */
const COUNTED: Readonly<Record<"minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties" | "maxProperties", readonly [string, string, string]>> = {
    minLength: ["at least", "character", "characters"], maxLength: ["at most", "character", "characters"],
    minItems: ["at least", "item", "items"], maxItems: ["at most", "item", "items"],
    minProperties: ["at least", "setting", "settings"], maxProperties: ["at most", "setting", "settings"],
};

/** The rule an Ajv error says was broken, as the end of "`x` must …"; Ajv's own words for rarer keywords. */
function ruleOf(e: DefinedError): string {
    switch (e.keyword) {
        case "type": {
            // Ajv's typings say a string; a list of types arrives as one too, joined by commas.
            const declared: unknown = e.params.type;
            const types = Array.isArray(declared) ? declared.map(String) : String(declared).split(",");
            return `be ${types.map((t) => (["integer", "array", "object"].includes(t) ? `an ${t}` : `a ${t}`)).join(" or ")}`;
        }
        case "enum": return `be one of ${e.params.allowedValues.map((v: unknown) => quoteValue(v)).join(", ")}`;
        case "const": return `be ${quoteValue(e.params.allowedValue)}`;
        case "minimum": case "maximum": case "exclusiveMinimum": case "exclusiveMaximum":
            return `be ${COMPARISONS[e.params.comparison]} ${e.params.limit}`;
        case "multipleOf": return `be a multiple of ${e.params.multipleOf}`;
        case "minLength": case "maxLength": case "minItems": case "maxItems": case "minProperties": case "maxProperties": {
            const [bound, one, many] = COUNTED[e.keyword];
            return `have ${bound} ${e.params.limit} ${e.params.limit === 1 ? one : many}`;
        }
        case "pattern": return `match \`${e.params.pattern}\``;
        case "uniqueItems": return "have no duplicates";
        case "required": return `have \`${e.params.missingProperty}\``;
        case "additionalProperties": return `not have \`${e.params.additionalProperty}\``;
        default: return (e.message ?? "match its schema").replace(/^must /, "");
    }
}

/** A JSON value as messages quote it: `` `"five"` ``. */
export function quoteValue(value: unknown): string {
    // `undefined` (a setting left out) has no JSON text, whatever the typings of `JSON.stringify` say.
    return `\`${value === undefined ? "undefined" : JSON.stringify(value)}\``;
}
