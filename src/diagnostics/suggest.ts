import { distance } from "fastest-levenshtein";

/**
 * The candidate closest to `input`, when it is close enough to be a likely typo: an edit
 * distance of at most a third of the longer name, or 2 (a swapped pair of letters) for short names.
 */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    const lower = input.toLowerCase();
    for (const c of candidates) {
        const d = distance(lower, c.toLowerCase());
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    if (best === undefined) return undefined;
    const allowed = Math.max(2, Math.floor(Math.max(input.length, best.length) / 3));
    return bestDistance <= allowed && bestDistance < input.length ? best : undefined;
}

/** ` Did you mean `x`?` or an empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
    const c = closest(input, candidates);
    return c === undefined ? "" : ` Did you mean \`${c}\`?`;
}
