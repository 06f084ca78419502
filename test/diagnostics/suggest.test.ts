import * as assert from "assert";
import { closest } from "../../src/diagnostics/suggest";

describe("closest (did you mean)", () => {
    it("finds likely typos, swapped letters included", () => {
        assert.strictEqual(closest("emial", ["name", "email", "id"]), "email");
        assert.strictEqual(closest("AlowHipaaServices", ["AllowHipaaServices", "AllowPciServices"]), "AllowHipaaServices");
        assert.strictEqual(closest("organisationalUnits", ["organizationalUnits", "accounts"]), "organizationalUnits");
    });

    it("suggests nothing for an unrelated name", () => {
        assert.strictEqual(closest("zzz", ["email", "name"]), undefined);
        assert.strictEqual(closest("x", ["id"]), undefined);
    });
});
