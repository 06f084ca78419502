import { distance } from "fastest-levenshtein";

/** The most edits a candidate may be away from an input to be suggested for it. */
function allowedDistance(input: string, candidate: string): number {
    return Math.max(2, Math.floor(Math.max(input.length, candidate.length) / 3));
}

/**
 * The candidate closest to `input`, when it is close enough to be a likely typo: an edit
 * distance of at most a third of the longer name, or 2 (a swapped pair of letters) for short names.
 * Two names differ by at least their difference in length, so candidates that cannot be close
 * enough (or closer than the best so far) are skipped without computing a distance: a 1 MB
 * input costs nothing.
 */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    let lower: string | undefined;
    for (const c of candidates) {
        const lowerBound = Math.abs(input.length - c.length);
        if (lowerBound >= bestDistance || lowerBound > allowedDistance(input, c)) continue;
        lower ??= input.toLowerCase();
        const d = distance(lower, c.toLowerCase());
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    if (best === undefined) return undefined;
    return bestDistance <= allowedDistance(input, best) && bestDistance < input.length ? best : undefined;
}

/** ` Did you mean `x`?` or an empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
    const c = closest(input, candidates);
    return c === undefined ? "" : ` Did you mean \`${c}\`?`;
}
