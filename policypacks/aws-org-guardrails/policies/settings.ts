import type { PolicyConfigSchema, ResourceValidationArgs } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { z } from "zod";

/**
 * A policy's settings, declared once as a zod object: each setting with its type, limits,
 * default and description. The policy's `configSchema` is generated from it, and the policy
 * reads its settings through it, typed.
 */
export type PolicySettings = z.ZodObject;

/**
 * The `configSchema` the Pulumi CLI sees: the settings as JSON Schema draft 7 (the draft the
 * CLI's validator reads), taken as input, so that a setting with a default is not required.
 * The CLI wraps `properties` and `required` in an object schema of its own, so only those two
 * are kept (zod's `$schema` and `additionalProperties` would not reach it anyway).
 */
export function configSchemaOf(settings: PolicySettings): PolicyConfigSchema {
    const schema = z.toJSONSchema(settings, { target: "draft-7", io: "input", unrepresentable: "throw" });
    const properties: Record<string, PolicyConfigJSONSchema> = {};
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (typeof property === "boolean") throw new Error(`Setting \`${key}\` must have a schema, not \`${property}\`.`);
        // zod types one JSON Schema for every draft (`exclusiveMinimum` a boolean in draft 4,
        // `default` any value); generated for draft 7 from JSON settings, it is this one.
        // test/policypacks/settings.test.ts checks every policy's against the meta-schema.
        properties[key] = property as PolicyConfigJSONSchema;
    }
    return schema.required === undefined || schema.required.length === 0 ? { properties } : { properties, required: schema.required };
}

/**
 * The policy's settings, typed by their declaration: what `getConfig` returns with the
 * declared defaults filled in. The Pulumi CLI fills them in itself; filling them here keeps a
 * policy correct when it is called with a partial config (an older CLI, a hand-built test).
 * Throws when the config breaks the declaration, which the CLI has checked before.
 */
export function settingsOf<S extends PolicySettings>(args: Pick<ResourceValidationArgs, "getConfig">, settings: S): z.output<S> {
    return settings.parse(args.getConfig());
}
