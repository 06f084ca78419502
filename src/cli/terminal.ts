import { TextOutput } from "./commandIo";

/*
 * What a terminal gets that a pipe or a file does not: colour on stdout, and a status line on
 * stderr for work that takes a while. Both only when the stream is a terminal, so that output
 * read by a program or kept in a log stays plain text.
 */

/** How a command's streams are connected; absent means neither is a terminal. */
export interface TerminalSettings {
    /** Colour stdout: it is a terminal and `NO_COLOR` is not set. */
    readonly color: boolean;
    /** stderr is a terminal: show a status line for long work. */
    readonly progress: boolean;
    /** How long work may run before its status line appears. Default 2000 ms. */
    readonly progressAfterMs?: number;
}

/**
 * Colour unless the stream is not a terminal, `NO_COLOR` is set to anything but the empty
 * string (no-color.org), or `TERM` is `dumb`.
 */
export function wantsColor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
    return isTTY === true && (env.NO_COLOR ?? "") === "" && env.TERM !== "dumb";
}

const paint = (code: string) => (text: string) => `\x1b[${code}m${text}\x1b[0m`;
const green = paint("32");
const red = paint("31");
const yellow = paint("33");
const boldRed = paint("1;31");

/** The marks of the commands' text output, coloured: ✓ and ✗, plan operations, guardrail levels. */
export function colorize(text: string): string {
    return text
        .replace(/✓/g, green("✓"))
        .replace(/✗/g, red("✗"))
        .replace(/ {2}(create|adopt) {2}/g, (_, op: string) => `  ${green(op)}  `)
        .replace(/ {2}(update) {2}/g, (_, op: string) => `  ${yellow(op)}  `)
        .replace(/ {2}(replace|delete) {2}/g, (_, op: string) => `  ${red(op)}  `)
        .replace(/\[mandatory\]/g, boldRed("[mandatory]"))
        .replace(/\[advisory\]/g, yellow("[advisory]"))
        .replace(/^Guardrails: no violations\.$/gm, green("Guardrails: no violations."))
        .replace(/^warning:/gm, yellow("warning:"));
}

/** A status line on stderr: shown once the work has run `progressAfterMs`, rewritten in place, cleared at the end. */
export interface StatusLine {
    set(message: string): void;
    done(): void;
}

const SILENT: StatusLine = { set: () => undefined, done: () => undefined };

/**
 * `expectLong`: show the first message at once, for work known to be long that runs without
 * giving the event loop a turn (the plan's program), where a timer would fire only at the end.
 */
export function statusLine(stderr: TextOutput, terminal: TerminalSettings | undefined, expectLong = false): StatusLine {
    if (terminal?.progress !== true) return SILENT;
    const after = expectLong ? 0 : (terminal.progressAfterMs ?? 2000);
    const started = Date.now();
    let message: string | undefined;
    let shown = false;
    const show = () => {
        if (message === undefined) return;
        shown = true;
        stderr.write(`\r${message}\x1b[K`);
    };
    const timer = setTimeout(() => {
        if (!shown) show();
    }, after);
    timer.unref();
    return {
        set(next) {
            message = next;
            if (shown || Date.now() - started >= after) show();
        },
        done() {
            clearTimeout(timer);
            if (shown) stderr.write("\r\x1b[K");
        },
    };
}

/**
 * Where a long read reports how far it is: the status line on a terminal (every few items),
 * else one line per hundred items, which a log keeps.
 */
export function readProgress(stderr: TextOutput, terminal: TerminalSettings | undefined): { progress: (message: string) => void; progressEvery: number; done: () => void } {
    if (terminal?.progress !== true) return { progress: (m) => stderr.write(`${m}\n`), progressEvery: 100, done: () => undefined };
    const line = statusLine(stderr, terminal);
    return { progress: (m) => line.set(m), progressEvery: 10, done: () => line.done() };
}
