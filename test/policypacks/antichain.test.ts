import * as assert from "assert";
import fc from "fast-check";
import { cpuMillis } from "./guardrailFixture";
import { largestAntichain } from "../../policypacks/aws-org-guardrails/policies/antichain";
import { present } from "../support/present";

/** Whether `a` must finish before `b`, by following predecessors. */
function before(predecessors: readonly (readonly number[])[], a: number, b: number): boolean {
    const seen = new Set<number>();
    const stack = [...present(predecessors[b])];
    while (stack.length > 0) {
        const p = stack.pop() as number;
        if (p === a) return true;
        if (!seen.has(p)) {
            seen.add(p);
            stack.push(...present(predecessors[p]));
        }
    }
    return false;
}

/** The largest antichain's size by trying every subset: only for tiny graphs. */
function bruteForceWidth(predecessors: readonly (readonly number[])[]): number {
    const n = predecessors.length;
    let best = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
        const members = [...Array(n).keys()].filter((i) => mask & (1 << i));
        const free = members.every((a) => members.every((b) => a === b || !before(predecessors, a, b)));
        if (free) best = Math.max(best, members.length);
    }
    return best;
}

describe("largestAntichain", () => {
    const table: [string, number[][], number[] | undefined][] = [
        ["no nodes", [], []],
        ["independent nodes", [[], [], []], [0, 1, 2]],
        ["one chain", [[], [0], [1]], [2]],
        ["two chains", [[], [], [0], [1]], [2, 3]],
        ["a tree: its leaves", [[], [0], [0], [1], [1]], [2, 3, 4]],
        ["a diamond", [[], [0], [0], [1, 2]], [1, 2]],
        ["a cycle", [[1], [0]], undefined],
    ];
    for (const [label, predecessors, expected] of table) {
        it(`finds ${expected === undefined ? "none" : expected.length} in ${label}`, () => {
            assert.deepStrictEqual(largestAntichain(predecessors), expected);
        });
    }

    it("finds a largest set of mutually independent nodes in any DAG", () => {
        const dag = fc.integer({ min: 1, max: 9 }).chain((n) =>
            fc.tuple(...Array.from({ length: n }, (_, v) => fc.subarray(Array.from({ length: v }, (_, p) => p)))),
        );
        fc.assert(
            fc.property(dag, (predecessors) => {
                const antichain = largestAntichain(predecessors) ?? [];
                for (const a of antichain) for (const b of antichain) assert.ok(a === b || !before(predecessors, a, b), `${a} runs before ${b}`);
                assert.strictEqual(antichain.length, bruteForceWidth(predecessors));
            }),
            { numRuns: 300 },
        );
    });

    it("handles thousands of nodes in a general DAG quickly", () => {
        // Every node waits for the two nodes five places before it: not a forest.
        const predecessors = Array.from({ length: 3000 }, (_, v) => (v < 5 ? [] : v < 10 ? [v - 5] : [v - 5, v - 10]));
        const ms = cpuMillis(() => assert.strictEqual(largestAntichain(predecessors)?.length, 5));
        assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms of CPU`);
    });
});
