import { SourcePosition } from "./diagnostic";

/**
 * Where every line of a text starts, found in one pass, so that each position is a binary
 * search: a file with thousands of problems is not rescanned from its start for each one.
 */
export class LineIndex {
    private readonly starts: number[] = [0];

    constructor(
        readonly file: string,
        private readonly text: string,
    ) {
        for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
    }

    /** 1-based line and column of a character offset (clamped to the text). */
    position(offset: number): SourcePosition {
        const at = Math.max(0, Math.min(offset, this.text.length));
        let low = 0;
        let high = this.starts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if ((this.starts[mid] ?? 0) <= at) low = mid;
            else high = mid - 1;
        }
        return { file: this.file, line: low + 1, column: at - (this.starts[low] ?? 0) + 1 };
    }
}

let last: LineIndex | undefined;
let lastText: string | undefined;
let lastFile: string | undefined;

/**
 * 1-based line and column of a character offset in `text`. Callers that ask about the same
 * text over and over share one index (the last text asked about).
 */
export function positionInText(file: string, text: string, offset: number): SourcePosition {
    if (last === undefined || lastText !== text || lastFile !== file) {
        last = new LineIndex(file, text);
        lastText = text;
        lastFile = file;
    }
    return last.position(offset);
}
