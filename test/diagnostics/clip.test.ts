import * as assert from "assert";
import { clip, clipMessage } from "../../src/diagnostics/clip";

describe("clipping values in messages", () => {
    it("keeps a short value, cuts a long one to its start and its length", () => {
        assert.strictEqual(clip("DenyLeave"), "DenyLeave");
        assert.strictEqual(clip("x".repeat(1024 * 1024)), `${"x".repeat(80)}… (1,048,576 characters)`);
    });

    it("keeps a message on one line, whatever the value holds", () => {
        assert.strictEqual(clip("a\nb\tc\u0000"), "a\\nb\\tc\\u0000");
        assert.strictEqual(clipMessage("got `line one\nline two`."), "got `line one\\nline two`.");
    });

    it("clips every quoted value of a message, and the message itself", () => {
        const long = "v".repeat(500);
        assert.strictEqual(clipMessage(`Tag \`${long}\` of \`${long}\` is bad.`), `Tag \`${"v".repeat(80)}… (500 characters)\` of \`${"v".repeat(80)}… (500 characters)\` is bad.`);
        assert.strictEqual(clipMessage(`got ${long}`, 100).length, 100 + "… (504 characters)".length);
    });
});
