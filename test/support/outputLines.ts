import * as assert from "assert";

/** Asserts that each of `lines` is a whole line of `text`, printing the text when one is missing. */
export function assertHasLines(text: string, lines: readonly string[]): void {
    const have = new Set(text.split("\n"));
    for (const line of lines) assert.ok(have.has(line), `missing ${JSON.stringify(line)} in:\n${text}`);
}
