import * as assert from "assert";
import type { PolicyConfigSchema } from "@pulumi/policy";
import { settingsProblems } from "../../src/plan/settingsProblems";

/** Every keyword a policy's settings may use, each failing once: one phrase per problem. */
const SCHEMA: PolicyConfigSchema = {
    properties: {
        count: { type: "integer", maximum: 9, multipleOf: 3 },
        ratio: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 },
        mode: { enum: ["fast", "safe"] },
        version: { const: 2 },
        label: { type: ["string", "null"], maxLength: 3, pattern: "^[a-z]+$" },
        names: { type: "array", maxItems: 2, uniqueItems: true, items: { type: "string" } },
        owner: { type: "object", properties: { team: { type: "string" } }, required: ["team"], additionalProperties: false },
        tags: { type: "object", minProperties: 1 },
        picks: { type: "array", contains: { const: "main" } },
    },
    required: ["count"],
};

function problems(settings: Record<string, unknown>): string[] {
    return settingsProblems("probe", SCHEMA, settings).map((p) => `${p.path.join("/")}: ${p.message}`);
}

describe("policy settings problems, as Ajv finds them", () => {
    it("accepts settings that follow the schema", () => {
        assert.deepStrictEqual(problems({ count: 6, ratio: 0.5, mode: "safe", version: 2, label: null, names: ["a"], owner: { team: "x" }, tags: { a: 1 }, picks: ["main"] }), []);
    });

    it("names the setting, the rule and the value of each problem", () => {
        assert.deepStrictEqual(
            problems({ count: 10, ratio: 1, mode: "slow", version: 3, label: "ABCD", names: ["a", "a", "b"], owner: { boss: "y" }, tags: {}, picks: ["dev"] }),
            [
                "count: `count` must be at most 9, not `10`",
                "count: `count` must be a multiple of 3, not `10`",
                "ratio: `ratio` must be less than 1, not `1`",
                "mode: `mode` must be one of `\"fast\"`, `\"safe\"`, not `\"slow\"`",
                "version: `version` must be `2`, not `3`",
                "label: `label` must have at most 3 characters, not `\"ABCD\"`",
                "label: `label` must match `^[a-z]+$`, not `\"ABCD\"`",
                "names: `names` must have at most 2 items, not `[\"a\",\"a\",\"b\"]`",
                "names: `names` must have no duplicates, not `[\"a\",\"a\",\"b\"]`",
                "owner: `owner` must have `team`, not `{\"boss\":\"y\"}`",
                "owner: `owner` must not have `boss`, not `{\"boss\":\"y\"}`",
                "tags: `tags` must have at least 1 setting, not `{}`",
                "picks/0: `picks[0]` must be `\"main\"`, not `\"dev\"`",
                // A keyword without a phrase of its own keeps Ajv's words.
                "picks: `picks` must contain at least 1 valid item(s), not `[\"dev\"]`",
            ],
        );
    });

    it("names an item of a list by its index, and a type list in full", () => {
        assert.deepStrictEqual(problems({ count: 3, names: ["a", 7], label: 5, ratio: 0 }), [
            "ratio: `ratio` must be more than 0, not `0`",
            "label: `label` must be a string or a null, not `5`",
            "names/1: `names[1]` must be a string, not `7`",
        ]);
    });

    it("reports a missing required setting with an empty path", () => {
        assert.deepStrictEqual(settingsProblems("probe", SCHEMA, {}), [{ path: [], message: "needs the setting `count`" }]);
    });

    it("blames the pack for a keyword JSON Schema does not have", () => {
        const schema: PolicyConfigSchema = { properties: { count: { type: "integer", minimun: 1 } as PolicyConfigSchema["properties"][string] } };
        assert.throws(() => settingsProblems("probe", schema, { count: 1 }), /Policy `probe` has an invalid `configSchema`: strict mode: unknown keyword: "minimun"/);
    });

    it("has nothing to check without a schema", () => {
        assert.deepStrictEqual(settingsProblems("probe", undefined, { anything: true }), []);
    });
});
