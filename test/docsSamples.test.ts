import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { figuresTable, renderSample, replaceBlock, SAMPLES } from "../scripts/docsSamples";
import { present } from "./support/present";

/** The sample outputs in the README and docs are what the commands print today (`npm run docs:samples` rewrites them). */

const ROOT = path.resolve(__dirname, "..");

/** The text between a sample's markers in `file`. */
function blockIn(file: string, id: string): string {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    const match = new RegExp(`<!-- sample:${id} -->\\n([\\s\\S]*?)\\n<!-- /sample:${id} -->`).exec(text);
    return present(match?.[1], `the block ${id} in ${file}`);
}

describe("the docs' sample outputs", () => {
    for (const sample of SAMPLES) {
        it(`${sample.id}: ${sample.files.join(", ")} show what \`npm run ${sample.name}\` prints now`, async () => {
            const expected = await renderSample(sample);
            for (const file of sample.files) assert.strictEqual(blockIn(file, sample.id), expected, `${file} is stale: run \`npm run docs:samples\``);
        });
    }

    it("the README's plan sample carries the real counts of the prod example", async () => {
        const plan = present(SAMPLES.find((s) => s.id === "plan-prod"));
        const block = blockIn("README.md", "plan-prod");
        assert.match(block, /^```\n\$ npm run plan -- --stack prod\nPlan for config\/prod\.yaml \(on an empty state\): \+ \d+ to create, → \d+ to adopt \(import\), /);
        assert.strictEqual(block, await renderSample(plan));
        assert.match(block, /\nGuardrails: no violations\.\n```$/);
    });

    it("rewrites only between the markers, and says which file lacks them", () => {
        const text = "before\n<!-- sample:x -->\nold\n<!-- /sample:x -->\nafter\n";
        assert.strictEqual(replaceBlock(text, "x", "new", "f.md"), "before\n<!-- sample:x -->\nnew\n<!-- /sample:x -->\nafter\n");
        assert.throws(() => replaceBlock("no markers", "x", "new", "f.md"), /f\.md has no block <!-- sample:x --> … <!-- \/sample:x -->/);
    });

    it("prints the benchmark figures with the machine and the day they were measured", () => {
        const table = figuresTable([{ name: "plan: 1,000 accounts", seconds: 3.21, limitSeconds: 10 }], new Date("2026-12-02T05:00:00Z"));
        assert.match(table, /^Measured by `npm run docs:samples -- --bench` \(\d+ cores, Node\.js [\d.]+, 2026-12-02\):\n\n\| what \| time \| limit \|\n\|---\|---\|---\|\n\| plan: 1,000 accounts \| 3\.21 s \| 10\.00 s \|$/);
        assert.match(blockIn("README.md", "bench"), /^Measured by `npm run docs:samples -- --bench` \(/);
    });
});
