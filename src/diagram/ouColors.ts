/*
 * The diagram's colours: one per top-level OU, all different, shared by the OUs nested in it
 * (lighter at each level), so a subtree reads as one region. The console's Switch Role page
 * accepts only five colours, too few to tell ten OUs apart; the diagram is not bound by them.
 */

/** The root's box: a neutral grey, unlike any OU's. */
export const ROOT_COLOR = "c5ced8";

/** Light, mutually distinct hues for the first top-level OUs, in file order. */
const PALETTE: readonly string[] = ["8dd3c7", "fdb462", "bebada", "fb8072", "80b1d3", "b3de69", "fccde5", "ffed6f", "bc80bd", "ccebc5", "ffffb3"];

/** A hue for the n-th top-level OU past the palette: the golden angle keeps every one apart from the others. */
function generated(n: number): string {
    return hslHex((n * 137.508) % 360, 0.6, 0.75);
}

function hslHex(h: number, s: number, l: number): string {
    const a = s * Math.min(l, 1 - l);
    const channel = (k0: number) => {
        const k = (k0 + h / 30) % 12;
        return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
    };
    return [channel(0), channel(8), channel(4)].map((v) => v.toString(16).padStart(2, "0")).join("");
}

/** `hex` mixed with white by `amount` (0 to 1). */
function lighter(hex: string, amount: number): string {
    return [0, 2, 4]
        .map((i) => parseInt(hex.slice(i, i + 2), 16))
        .map((v) => Math.round(v + (255 - v) * amount).toString(16).padStart(2, "0"))
        .join("");
}

/** The colour of an OU at `depth` (1 for a top-level OU) under the `index`-th top-level OU (0-based, file order). */
export function ouColor(index: number, depth: number): string {
    const base = PALETTE[index] ?? generated(index - PALETTE.length + 1);
    return depth <= 1 ? base : lighter(base, Math.min(0.6, 0.25 * (depth - 1)));
}
