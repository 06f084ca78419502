/**
 * IAM wildcard patterns: `*` matches any run of characters (none included), `?` exactly one.
 * Characters that came from a policy variable must match literally even when they are `*` or
 * `?`; `substituteVariables` carries them as the two private-use code points below.
 */
export const LITERAL_STAR = "\uE000";
export const LITERAL_QUESTION = "\uE001";

const cache = new Map<string, RegExp>();

function cached(key: string, build: () => RegExp): RegExp {
    let re = cache.get(key);
    if (re === undefined) {
        re = build();
        cache.set(key, re);
    }
    return re;
}

function escapeChar(c: string): string {
    if (c === LITERAL_STAR) return "\\*";
    if (c === LITERAL_QUESTION) return "\\?";
    return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

function patternSource(pattern: string): string {
    let source = "";
    for (const c of pattern) source += c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : escapeChar(c);
    return source;
}

/** An anchored RegExp for a string pattern such as `s3:Get*` or `prod-??`. */
export function wildcardRegExp(pattern: string, ignoreCase: boolean): RegExp {
    return cached(`${ignoreCase ? "i" : "s"}${pattern}`, () => new RegExp(`^${patternSource(pattern)}$`, ignoreCase ? "i" : ""));
}

/**
 * A test of whether an action matches any of the action patterns of a statement (`s3:Get*`,
 * `*`); IAM compares actions in any case. The patterns are joined into one RegExp because
 * an allow-list can hold hundreds of them and is tested against every action asked about.
 */
export function actionPatternsMatcher(patterns: readonly string[]): (action: string) => boolean {
    if (patterns.includes("*")) return () => true;
    const re = new RegExp(`^(?:${patterns.map(patternSource).join("|")})$`, "i");
    return (action) => re.test(action);
}

/**
 * How an ARN pattern is read. `resource` (the `Resource` element): a wildcard stays inside
 * its colon-separated segment, except a `*` that ends a segment, which may run past colons.
 * `condition` (the `Arn*` operators): each of the six segments is matched on its own.
 * In both, the sixth segment (the resource id) may itself contain colons.
 */
export type ArnPatternMode = "resource" | "condition";

/** An anchored, case-sensitive RegExp for an ARN pattern. */
export function arnRegExp(pattern: string, mode: ArnPatternMode): RegExp {
    return cached(`${mode === "resource" ? "r" : "c"}${pattern}`, () => {
        let source = "";
        let segment = 0;
        // Code points, not UTF-16 units: each becomes one piece of the RegExp source.
        // eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points are what is wanted, not grapheme clusters
        const chars = [...pattern];
        chars.forEach((c, i) => {
            const inResourceId = segment >= 5;
            if (c === ":" && !inResourceId) {
                segment++;
                source += ":";
            } else if (c === "*") {
                const endsSegment = i === chars.length - 1 || chars[i + 1] === ":";
                source += inResourceId || (mode === "resource" && endsSegment) ? "[\\s\\S]*" : "[^:]*";
            } else if (c === "?") {
                source += inResourceId ? "[\\s\\S]" : "[^:]";
            } else {
                source += escapeChar(c);
            }
        });
        return new RegExp(`^${source}$`);
    });
}

/** True when a `Resource` pattern matches the requested resource (`*` matches anything). */
export function resourceMatches(pattern: string, resource: string): boolean {
    return pattern === "*" || arnRegExp(pattern, "resource").test(resource);
}

/** True when `text` contains a wildcard. */
export function hasWildcard(text: string): boolean {
    return text.includes("*") || text.includes("?");
}

/** The text a pattern stands for when it is compared without wildcards (variables' literal markers undone). */
export function plainText(pattern: string): string {
    return pattern.replace(/\uE000/g, "*").replace(/\uE001/g, "?");
}
