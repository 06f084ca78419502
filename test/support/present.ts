import * as assert from "assert";

/**
 * `value`, asserting that it is there: what a test looks up (an element, a map entry, a
 * model loaded without problems) before it checks its details. A miss fails the test with
 * `what` instead of a `TypeError` further on.
 */
export function present<T>(value: T | null | undefined, what = "a value"): T {
    assert.ok(value !== undefined && value !== null, `expected ${what}, found ${String(value)}`);
    return value;
}
