import { at } from "../core/at";

/**
 * The largest set of tasks that can run at the same time in a dependency graph: a largest
 * antichain of the order "must finish before". Dilworth's theorem makes its size the least
 * number of chains covering the graph, n minus a maximum matching on the transitive closure.
 *
 * Nodes are `0..n-1`; `predecessors[v]` lists the nodes `v` waits for directly.
 * Returns the antichain's nodes in ascending order, or `undefined` when the graph has a cycle.
 */
export function largestAntichain(predecessors: readonly (readonly number[])[]): number[] | undefined {
    const n = predecessors.length;
    const successors: number[][] = Array.from({ length: n }, () => []);
    for (const [v, waitsFor] of predecessors.entries()) for (const p of new Set(waitsFor)) at(successors, p).push(v);
    const order = topologicalOrder(predecessors, successors);
    if (order === undefined) return undefined;
    // With at most one predecessor each, the graph is a forest: its leaves are pairwise
    // unordered, and the root-to-leaf paths cover it, so the leaves are a largest antichain.
    // This keeps thousands of chained accounts linear instead of quadratic.
    if (predecessors.every((p) => new Set(p).size <= 1)) {
        return order.filter((v) => at(successors, v).length === 0).sort((a, b) => a - b);
    }
    return antichainByMatching(order, successors);
}

function topologicalOrder(predecessors: readonly (readonly number[])[], successors: readonly number[][]): number[] | undefined {
    const waiting = predecessors.map((p) => new Set(p).size);
    const order = waiting.flatMap((w, v) => (w === 0 ? [v] : []));
    // `order` grows as nodes become ready; iterating an array visits what is pushed meanwhile.
    for (const v of order) {
        for (const s of at(successors, v)) {
            const left = at(waiting, s) - 1;
            waiting[s] = left;
            if (left === 0) order.push(s);
        }
    }
    return order.length === predecessors.length ? order : undefined;
}

/**
 * Hopcroft–Karp on the bipartite graph u → v for every v after u, then König's theorem: from
 * the free left nodes, follow alternating paths; the nodes reached on the left but not on
 * the right form a largest antichain.
 */
function antichainByMatching(order: readonly number[], successors: readonly number[][]): number[] {
    const n = order.length;
    const words = Math.ceil(n / 32);
    const reach = Array.from({ length: n }, () => new Uint32Array(words));
    for (let i = n - 1; i >= 0; i--) {
        const v = at(order, i);
        const into = at(reach, v);
        for (const s of at(successors, v)) {
            const from = at(reach, s);
            for (let w = 0; w < words; w++) into[w] = at(into, w) | at(from, w);
            into[s >>> 5] = at(into, s >>> 5) | (1 << (s & 31));
        }
    }
    const later = reach.map((bits) => {
        const list: number[] = [];
        for (let w = 0; w < words; w++) {
            for (let word = at(bits, w); word !== 0; word &= word - 1) list.push(w * 32 + (31 - Math.clz32(word & -word)));
        }
        return list;
    });
    const { matchOfLeft, matchOfRight } = maximumMatching(later);

    const leftReached = new Uint8Array(n);
    const rightReached = new Uint8Array(n);
    const queue: number[] = [];
    for (const [u, match] of matchOfLeft.entries()) {
        if (match === -1) {
            leftReached[u] = 1;
            queue.push(u);
        }
    }
    // `queue` grows as the search goes; iterating an array visits what is pushed meanwhile.
    for (const u of queue) {
        for (const v of at(later, u)) {
            if (at(rightReached, v)) continue;
            rightReached[v] = 1;
            const next = at(matchOfRight, v);
            if (next !== -1 && !at(leftReached, next)) {
                leftReached[next] = 1;
                queue.push(next);
            }
        }
    }
    const antichain: number[] = [];
    for (const [x, reached] of leftReached.entries()) if (reached && !at(rightReached, x)) antichain.push(x);
    return antichain;
}

function maximumMatching(adjacency: readonly number[][]): { matchOfLeft: Int32Array; matchOfRight: Int32Array } {
    const n = adjacency.length;
    const matchOfLeft = new Int32Array(n).fill(-1);
    const matchOfRight = new Int32Array(n).fill(-1);
    const layer = new Int32Array(n);
    for (;;) {
        // Breadth-first: layer the left nodes by alternating distance from a free left node.
        const queue: number[] = [];
        for (const [u, match] of matchOfLeft.entries()) {
            layer[u] = match === -1 ? 0 : -1;
            if (match === -1) queue.push(u);
        }
        let found = false;
        // `queue` grows as the search goes; iterating an array visits what is pushed meanwhile.
        for (const u of queue) {
            for (const v of at(adjacency, u)) {
                const w = at(matchOfRight, v);
                if (w === -1) found = true;
                else if (at(layer, w) === -1) {
                    layer[w] = at(layer, u) + 1;
                    queue.push(w);
                }
            }
        }
        if (!found) return { matchOfLeft, matchOfRight };
        // Depth-first along the layers, iteratively: a recursive search could overflow the stack.
        const cursor = new Int32Array(n);
        for (let start = 0; start < n; start++) {
            if (matchOfLeft[start] !== -1) continue;
            const path = [start];
            for (let u = path.at(-1); u !== undefined; u = path.at(-1)) {
                const edges = at(adjacency, u);
                const next = at(cursor, u);
                if (next >= edges.length) {
                    layer[u] = -1;
                    path.pop();
                    continue;
                }
                cursor[u] = next + 1;
                const v = at(edges, next);
                const w = at(matchOfRight, v);
                if (w === -1) {
                    // Augment: flip every edge along the path, from the end back to `start`.
                    let right = v;
                    for (const left of path.reverse()) {
                        const previous = at(matchOfLeft, left);
                        matchOfLeft[left] = right;
                        matchOfRight[right] = left;
                        right = previous;
                    }
                    break;
                }
                if (at(layer, w) === at(layer, u) + 1) path.push(w);
            }
        }
    }
}
