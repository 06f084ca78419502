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
    for (let v = 0; v < n; v++) for (const p of new Set(predecessors[v])) successors[p].push(v);
    const order = topologicalOrder(predecessors, successors);
    if (order === undefined) return undefined;
    // With at most one predecessor each, the graph is a forest: its leaves are pairwise
    // unordered, and the root-to-leaf paths cover it, so the leaves are a largest antichain.
    // This keeps thousands of chained accounts linear instead of quadratic.
    if (predecessors.every((p) => new Set(p).size <= 1)) {
        return order.filter((v) => successors[v].length === 0).sort((a, b) => a - b);
    }
    return antichainByMatching(order, successors);
}

function topologicalOrder(predecessors: readonly (readonly number[])[], successors: readonly number[][]): number[] | undefined {
    const waiting = predecessors.map((p) => new Set(p).size);
    const order = waiting.flatMap((w, v) => (w === 0 ? [v] : []));
    for (let i = 0; i < order.length; i++) {
        for (const s of successors[order[i]]) if (--waiting[s] === 0) order.push(s);
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
        const v = order[i];
        for (const s of successors[v]) {
            const into = reach[v];
            const from = reach[s];
            for (let w = 0; w < words; w++) into[w] |= from[w];
            into[s >>> 5] |= 1 << (s & 31);
        }
    }
    const later = reach.map((bits) => {
        const list: number[] = [];
        for (let w = 0; w < words; w++) {
            for (let word = bits[w]; word !== 0; word &= word - 1) list.push(w * 32 + (31 - Math.clz32(word & -word)));
        }
        return list;
    });
    const { matchOfLeft, matchOfRight } = maximumMatching(later);

    const leftReached = new Uint8Array(n);
    const rightReached = new Uint8Array(n);
    const queue: number[] = [];
    for (let u = 0; u < n; u++) {
        if (matchOfLeft[u] === -1) {
            leftReached[u] = 1;
            queue.push(u);
        }
    }
    for (let i = 0; i < queue.length; i++) {
        for (const v of later[queue[i]]) {
            if (rightReached[v]) continue;
            rightReached[v] = 1;
            const next = matchOfRight[v];
            if (next !== -1 && !leftReached[next]) {
                leftReached[next] = 1;
                queue.push(next);
            }
        }
    }
    const antichain: number[] = [];
    for (let x = 0; x < n; x++) if (leftReached[x] && !rightReached[x]) antichain.push(x);
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
        for (let u = 0; u < n; u++) {
            layer[u] = matchOfLeft[u] === -1 ? 0 : -1;
            if (layer[u] === 0) queue.push(u);
        }
        let found = false;
        for (let i = 0; i < queue.length; i++) {
            const u = queue[i];
            for (const v of adjacency[u]) {
                const w = matchOfRight[v];
                if (w === -1) found = true;
                else if (layer[w] === -1) {
                    layer[w] = layer[u] + 1;
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
            while (path.length > 0) {
                const u = path[path.length - 1];
                if (cursor[u] >= adjacency[u].length) {
                    layer[u] = -1;
                    path.pop();
                    continue;
                }
                const v = adjacency[u][cursor[u]++];
                const w = matchOfRight[v];
                if (w === -1) {
                    // Augment: flip every edge along the path, from the end back to `start`.
                    let right = v;
                    for (let k = path.length - 1; k >= 0; k--) {
                        const left = path[k];
                        const previous = matchOfLeft[left];
                        matchOfLeft[left] = right;
                        matchOfRight[right] = left;
                        right = previous;
                    }
                    break;
                }
                if (layer[w] === layer[u] + 1) path.push(w);
            }
        }
    }
}
