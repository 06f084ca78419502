import { at } from "../../policypacks/aws-org-guardrails/core/at";

/**
 * The colours the AWS console's Switch Role page accepts in its `color` parameter. The page
 * ignores any other value, so a link with a colour of our own would show no colour at all.
 * The set is not documented by AWS and has changed before; these are the five the page
 * offered when this was written (red, orange, yellow, green, blue).
 */
export interface ConsoleColor {
    readonly name: string;
    /** Six lowercase hex digits, without `#`, as the console and the browser extension take them. */
    readonly hex: string;
}

export const CONSOLE_PALETTE: readonly ConsoleColor[] = Object.freeze([
    { name: "red", hex: "f2b0a9" },
    { name: "orange", hex: "fbc8aa" },
    { name: "yellow", hex: "efda95" },
    { name: "green", hex: "b7ca9d" },
    { name: "blue", hex: "83d4e8" },
]);

/** The key accounts directly under the root are coloured by. */
const ROOT_KEY = "/";

/**
 * The colour of every account in an OU: the same OU path always gives the same colour, on any
 * machine, and adding or renaming another OU never changes it (a hash, not a running counter).
 * `null` stands for the root.
 */
export function colorForOu(ouPath: string | null): ConsoleColor {
    return at(CONSOLE_PALETTE, fnv1a(ouPath ?? ROOT_KEY) % CONSOLE_PALETTE.length);
}

/** The palette entry for a hex value, if it is one of the console's colours. */
export function consoleColorByHex(hex: string): ConsoleColor | undefined {
    const wanted = hex.replace(/^#/, "").toLowerCase();
    return CONSOLE_PALETTE.find((c) => c.hex === wanted);
}

/** 32-bit FNV-1a: tiny, stable across platforms and Node versions. */
function fnv1a(text: string): number {
    let hash = 0x811c9dc5;
    for (const byte of Buffer.from(text, "utf8")) {
        hash ^= byte;
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
}
