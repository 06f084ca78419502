/**
 * Messages quote the values they are about, and a value read from a file can be of any length
 * (a 1 MB name, a whole file read as one string) and hold line breaks: a message is one line,
 * shows the start of a long value and its length, never all of it.
 */

/** Longest value a message quotes whole. */
export const MAX_QUOTED_LENGTH = 80;

/** `text` with control characters (line breaks, tabs, NUL…) written as escapes, so it stays on one line. */
export function printable(text: string): string {
    let out = "";
    for (const c of text) {
        const code = c.charCodeAt(0);
        if (code === 0x0a) out += "\\n";
        else if (code === 0x09) out += "\\t";
        else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, "0")}`;
        else out += c;
    }
    return out;
}

/** `text` on one line, itself when short, otherwise its start, `…` and its length. */
export function clip(text: string, max = MAX_QUOTED_LENGTH): string {
    if (text.length > max) return `${printable(text.slice(0, max))}… (${text.length.toLocaleString("en-US")} characters)`;
    return printable(text);
}

/**
 * `message` with every value quoted in backticks clipped, on one line, then cut to `maxLength`
 * when it is still longer (a parser's own message can quote the text).
 */
export function clipMessage(message: string, maxLength = 1000): string {
    const clipped = message.replace(/`([^`]*)`/g, (quoted: string, value: string) => (value.length > MAX_QUOTED_LENGTH ? `\`${clip(value)}\`` : quoted));
    return clip(clipped, maxLength);
}
