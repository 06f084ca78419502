/**
 * IAM wildcard patterns: `*` matches any run of characters (none included), `?` exactly one.
 * Characters that came from a policy variable must match literally even when they are `*` or
 * `?`; `substituteVariables` carries them as the two private-use code points below.
 *
 * Patterns are matched by simulating their automaton over the text, one character at a time,
 * never by backtracking: a pattern of m characters tests a text of n characters in at most
 * n × m steps, whatever it holds (`s3:*?*?*?*?*?*?*?*?*?*?#` included), where a RegExp built
 * from the pattern can take exponential time.
 */
export const LITERAL_STAR = "\uE000";
export const LITERAL_QUESTION = "\uE001";

/** A compiled pattern. */
export interface WildcardMatcher {
    /** True when the whole of `text` matches the pattern. */
    test(text: string): boolean;
}

const COLON = 0x3a;
/** What a `*` at a position may consume: nothing (no star there), anything but a colon, anything. */
const NO_LOOP = 0;
const LOOP_NOT_COLON = 1;
const LOOP_ANY = 2;
/** Token codes below zero stand for `?`. */
const ONE_ANY = -1;
const ONE_NOT_COLON = -2;

/**
 * A pattern as an automaton: state i has matched i tokens; token i (a character code, or a
 * `?` kind) moves state i to i + 1; `loops[i]` lets state i consume characters and stay. The
 * set of live states is a bit set of ⌈(m + 1) / 32⌉ words, advanced for each character with a
 * few word operations (the shift-and method): a pattern scans the 22,000 actions of the IAM
 * catalogue in milliseconds, whatever it holds.
 */
class Automaton implements WildcardMatcher {
    private readonly words: number;
    /** Per ASCII character, two bit sets: the states whose token it matches, then those whose loop takes it. */
    private readonly table: Uint32Array;
    private readonly states: Uint32Array;
    private readonly scratch: Uint32Array;

    constructor(
        private readonly tokens: readonly number[],
        private readonly loops: Uint8Array,
        private readonly ignoreCase: boolean,
    ) {
        this.words = (tokens.length + 32) >>> 5;
        this.table = new Uint32Array(128 * 2 * this.words);
        for (let c = 0; c < 128; c++) this.row(c, this.table, c * 2 * this.words);
        this.states = new Uint32Array(this.words);
        this.scratch = new Uint32Array(2 * this.words);
    }

    test(input: string): boolean {
        return this.testFolded(this.ignoreCase ? input.toLowerCase() : input);
    }

    /** `test` for a text already in lower case when the pattern ignores case. */
    testFolded(text: string): boolean {
        const m = this.tokens.length;
        // Every token consumes one character: a shorter text cannot match.
        if (text.length < m) return false;
        const { words, states, scratch } = this;
        states.fill(0);
        states[0] = 1;
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            let table = this.table;
            let stepAt = c * 2 * words;
            if (c >= 128) {
                this.row(c, scratch, 0);
                table = scratch;
                stepAt = 0;
            }
            const stayAt = stepAt + words;
            let carry = 0;
            let live = 0;
            for (let w = 0; w < words; w++) {
                const d = states[w] as number;
                const moved = d & (table[stepAt + w] as number);
                const next = ((moved << 1) | carry | (d & (table[stayAt + w] as number))) >>> 0;
                carry = moved >>> 31;
                states[w] = next;
                live |= next;
            }
            if (live === 0) return false;
        }
        return (((states[m >>> 5] as number) >>> (m & 31)) & 1) === 1;
    }

    /** The two bit sets of character `c`, written into `table` at `at`. */
    private row(c: number, table: Uint32Array, at: number): void {
        table.fill(0, at, at + 2 * this.words);
        const set = (offset: number, state: number) => {
            const i = at + offset + (state >>> 5);
            table[i] = ((table[i] as number) | (1 << (state & 31))) >>> 0;
        };
        this.tokens.forEach((token, state) => matchesToken(token, c) && set(0, state));
        this.loops.forEach((loop, state) => accepts(loop, c) && set(this.words, state));
    }
}

function accepts(loop: number, c: number): boolean {
    return loop === LOOP_ANY || (loop === LOOP_NOT_COLON && c !== COLON);
}

function matchesToken(token: number, c: number): boolean {
    if (token >= 0) return token === c;
    return token === ONE_ANY || c !== COLON;
}

/** The automaton of a pattern read by `kinds`, which says what each `*` and `?` may match. */
function compile(pattern: string, ignoreCase: boolean, kinds: (index: number, chars: string) => { star: number; one: number } | undefined): Automaton {
    const chars = ignoreCase ? pattern.toLowerCase() : pattern;
    const tokens: number[] = [];
    const loops: number[] = [NO_LOOP];
    for (let i = 0; i < chars.length; i++) {
        const c = chars.charCodeAt(i);
        const kind = kinds(i, chars);
        const at = tokens.length;
        if (c === 0x2a && kind !== undefined) loops[at] = Math.max(loops[at] ?? NO_LOOP, kind.star);
        else {
            tokens.push(c === 0x3f && kind !== undefined ? kind.one : literalCode(c));
            loops.push(NO_LOOP);
        }
    }
    return new Automaton(tokens, Uint8Array.from(loops), ignoreCase);
}

function literalCode(c: number): number {
    if (c === 0xe000) return 0x2a;
    if (c === 0xe001) return 0x3f;
    return c;
}

const MAX_CACHED = 10_000;
const cache = new Map<string, Automaton>();

function cached(key: string, build: () => Automaton): Automaton {
    let matcher = cache.get(key);
    if (matcher === undefined) {
        // Bounded: a policy file can hold any number of distinct patterns.
        if (cache.size >= MAX_CACHED) cache.clear();
        matcher = build();
        cache.set(key, matcher);
    }
    return matcher;
}

const PLAIN = { star: LOOP_ANY, one: ONE_ANY };

/** A matcher for a string pattern such as `s3:Get*` or `prod-??`, anchored at both ends. */
export function wildcardMatcher(pattern: string, ignoreCase: boolean): WildcardMatcher {
    return automaton(pattern, ignoreCase);
}

function automaton(pattern: string, ignoreCase: boolean): Automaton {
    return cached(`${ignoreCase ? "i" : "s"}${pattern}`, () => compile(pattern, ignoreCase, () => PLAIN));
}

/**
 * A test of whether an action matches any of the action patterns of a statement (`s3:Get*`,
 * `*`); IAM compares actions in any case. An allow-list can hold hundreds of patterns and is
 * tested against every action asked about, so the action is folded to lower case once, names
 * without a wildcard are looked up in a set, and `service:Prefix*` (most patterns) is a prefix
 * test; only the other patterns run their automaton.
 */
export function actionPatternsMatcher(patterns: readonly string[]): (action: string) => boolean {
    if (patterns.includes("*")) return () => true;
    const exact = new Set<string>();
    /** Prefixes by the service they name (the text before `:`), or under "" when they name none. */
    const prefixes = new Map<string, string[]>();
    const others: Automaton[] = [];
    for (const pattern of patterns) {
        const folded = pattern.toLowerCase();
        const stem = folded.slice(0, -1);
        if (!hasWildcard(folded)) exact.add(folded);
        else if (folded.endsWith("*") && !hasWildcard(stem)) {
            const service = stem.includes(":") ? stem.slice(0, stem.indexOf(":")) : "";
            prefixes.set(service, [...(prefixes.get(service) ?? []), stem]);
        } else others.push(automaton(pattern, true));
    }
    const anyService = prefixes.get("") ?? [];
    return (action) => {
        const a = action.toLowerCase();
        if (exact.has(a)) return true;
        const colon = a.indexOf(":");
        const own = colon < 0 ? undefined : prefixes.get(a.slice(0, colon));
        return own?.some((p) => a.startsWith(p)) === true || anyService.some((p) => a.startsWith(p)) || others.some((m) => m.testFolded(a));
    };
}

/**
 * How an ARN pattern is read. `resource` (the `Resource` element): a wildcard stays inside
 * its colon-separated segment, except a `*` that ends a segment, which may run past colons.
 * `condition` (the `Arn*` operators): each of the six segments is matched on its own.
 * In both, the sixth segment (the resource id) may itself contain colons.
 */
export type ArnPatternMode = "resource" | "condition";

/** A case-sensitive matcher for an ARN pattern. */
export function arnMatcher(pattern: string, mode: ArnPatternMode): WildcardMatcher {
    return cached(`${mode === "resource" ? "r" : "c"}${pattern}`, () => {
        // The segment of each character: colons before the resource id separate segments.
        const segments = new Uint8Array(pattern.length);
        let segment = 0;
        for (let i = 0; i < pattern.length; i++) {
            segments[i] = segment;
            if (pattern.charCodeAt(i) === COLON && segment < 5) segment++;
        }
        return compile(pattern, false, (i, chars) => {
            const c = chars.charCodeAt(i);
            const inResourceId = (segments[i] ?? 0) >= 5;
            if (c === COLON && !inResourceId) return undefined;
            const endsSegment = i === chars.length - 1 || chars.charCodeAt(i + 1) === COLON;
            return {
                star: inResourceId || (mode === "resource" && endsSegment) ? LOOP_ANY : LOOP_NOT_COLON,
                one: inResourceId ? ONE_ANY : ONE_NOT_COLON,
            };
        });
    });
}

/** True when a `Resource` pattern matches the requested resource (`*` matches anything). */
export function resourceMatches(pattern: string, resource: string): boolean {
    return pattern === "*" || arnMatcher(pattern, "resource").test(resource);
}

/** True when `text` contains a wildcard. */
export function hasWildcard(text: string): boolean {
    return text.includes("*") || text.includes("?");
}

/** The text a pattern stands for when it is compared without wildcards (variables' literal markers undone). */
export function plainText(pattern: string): string {
    return pattern.replace(/\uE000/g, "*").replace(/\uE001/g, "?");
}
