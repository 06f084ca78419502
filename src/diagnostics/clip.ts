/**
 * Messages quote the values they are about, and a value read from a file can be of any length
 * (a 1 MB name, a whole file read as one string): a message shows the start of a long value and
 * its length, never all of it.
 */

/** Longest value a message quotes whole. */
export const MAX_QUOTED_LENGTH = 80;

/** `text` itself when short, otherwise its start, `…` and its length. */
export function clip(text: string, max = MAX_QUOTED_LENGTH): string {
    if (text.length <= max) return text;
    return `${text.slice(0, max)}… (${text.length.toLocaleString("en-US")} characters)`;
}

/**
 * `message` with every value quoted in backticks clipped, then the whole message cut to
 * `maxLength` when it is still longer (a parser's own message can quote the text).
 */
export function clipMessage(message: string, maxLength = 1000): string {
    const clipped = message.replace(/`([^`]*)`/g, (quoted: string, value: string) => (value.length > MAX_QUOTED_LENGTH ? `\`${clip(value)}\`` : quoted));
    return clip(clipped, maxLength);
}
