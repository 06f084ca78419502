/*
 * The profiles `npm run accounts --merge` keeps in ~/.aws/config: one block between two marker
 * lines, replaced in place on every run, so running it again after a deployment updates the
 * profiles instead of appending a second copy (a duplicate section makes botocore reject the
 * whole file, and with it every profile of every tool).
 */

/** The marker lines of the block named `name` (the stack, or the `[sso-session]`'s name). */
export function blockMarkers(name: string): { begin: string; end: string } {
    return {
        begin: `# >>> npm run accounts (${name}): kept up to date by --merge; edits between these lines are replaced`,
        end: `# <<< npm run accounts (${name})`,
    };
}

/** A section header of an AWS config file: `[profile x]`, `[sso-session y]`, `[default]`. */
const SECTION = /^\s*\[([^\]]+)\]\s*$/;

function sectionsOf(lines: readonly string[]): string[] {
    return lines.flatMap((line) => {
        const m = SECTION.exec(line);
        return m?.[1] === undefined ? [] : [m[1].trim().replace(/\s+/g, " ")];
    });
}

export type MergeResult =
    | { readonly text: string; readonly replaced: boolean; readonly changed: boolean }
    /** Sections the block defines that the file also defines outside it, at these 1-based lines. */
    | { readonly conflicts: readonly { readonly section: string; readonly line: number }[] }
    | { readonly malformed: string };

/**
 * `current` (the file's text, or undefined when there is none) with the block `name` holding
 * `content`: in place of the old block when there is one, else at the end after a blank line.
 * Refuses when a section of `content` is also defined outside the block (left by an earlier
 * `>>`): writing would keep the duplicate.
 */
export function mergeBlock(current: string | undefined, name: string, content: string): MergeResult {
    const { begin, end } = blockMarkers(name);
    const lines = current === undefined || current === "" ? [] : current.replace(/\n$/, "").split("\n");
    const beginAt = lines.findIndex((l) => l.trimEnd() === begin);
    const endAt = beginAt < 0 ? lines.findIndex((l) => l.trimEnd() === end) : lines.findIndex((l, i) => i > beginAt && l.trimEnd() === end);
    if ((beginAt < 0) !== (endAt < 0)) return { malformed: `has the line \`${beginAt < 0 ? end : begin}\` without its pair; remove the profiles of the old block and that line, then run the command again` };
    const before = beginAt < 0 ? lines : lines.slice(0, beginAt);
    const after = beginAt < 0 ? [] : lines.slice(endAt + 1);
    const block = [begin, ...content.replace(/\n+$/, "").split("\n"), end];
    const ours = new Set(sectionsOf(block));
    const conflicts = [...before.map((l, i) => ({ l, line: i + 1 })), ...after.map((l, i) => ({ l, line: endAt + 2 + i }))].flatMap(({ l, line }) => {
        const section = sectionsOf([l])[0];
        return section !== undefined && ours.has(section) ? [{ section, line }] : [];
    });
    if (conflicts.length > 0) return { conflicts };
    const head = beginAt < 0 && before.length > 0 && before[before.length - 1]?.trim() !== "" ? [...before, ""] : before;
    const text = `${[...head, ...block, ...after].join("\n")}\n`;
    return { text, replaced: beginAt >= 0, changed: text !== current };
}
