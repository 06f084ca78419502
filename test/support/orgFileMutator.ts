import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";

/**
 * Mutated org files for fuzz tests: the example files (`config/*.yaml` and their policies)
 * with a few edits each, chosen by fast-check so that a failing case shrinks to its smallest
 * set of edits. Used by the loader's fuzz test, and reusable for the commands' contract.
 */

/** An org file and the files beside it, by path relative to the org file's folder. */
export interface OrgFileCase {
    readonly orgYaml: string;
    readonly files: Readonly<Record<string, string>>;
}

/** One edit: `target` 0 is the org file, n the n-th other file; positions are fractions of the text. */
export interface Mutation {
    readonly kind: "delete-line" | "duplicate-line" | "swap-lines" | "truncate" | "insert" | "replace-value" | "replace-char" | "indent" | "dedent";
    readonly target: number;
    readonly at: number;
    readonly other: number;
    readonly token: string;
}

const CONFIG = path.join(__dirname, "..", "..", "config");

/** `config/<stack>.yaml` with the policy files it names, as cases. */
export function exampleCases(): OrgFileCase[] {
    const policies = Object.fromEntries(fs.readdirSync(path.join(CONFIG, "policies")).map((f) => [`policies/${f}`, fs.readFileSync(path.join(CONFIG, "policies", f), "utf8")]));
    return ["dev.yaml", "prod.yaml"].map((f) => ({ orgYaml: fs.readFileSync(path.join(CONFIG, f), "utf8"), files: policies }));
}

/** What a hostile or broken edit writes: YAML and JSON syntax, prototype names, huge and deep values, paths out of the project. */
const TOKENS = [
    "&a",
    "*a",
    "&a [x, x, x, x, x, x, x, x, x, x]",
    "[*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
    "<<: *a",
    "[",
    "]",
    "{",
    "}",
    ":",
    "- ",
    '"',
    "'",
    "#",
    ",",
    "\t",
    "\uFEFF",
    "\u0000",
    "~",
    "null",
    "!!binary aGk=",
    "!custom x",
    "__proto__",
    "constructor",
    "prototype",
    "012345678901",
    "1e309",
    "-0",
    "0x1F",
    "true",
    "aws:tag",
    "",
    "x".repeat(300),
    "y".repeat(70_000),
    "[".repeat(300),
    "{".repeat(300),
    "- ".repeat(200),
    "/dev/zero",
    "/etc/passwd",
    "/proc/self/environ",
    "../../../../etc/hosts",
    "policies",
    "s3:*?*?*?*?*?*?*?*?*?*?#",
    '"Action": "s3:*", "Action": "iam:*"',
    '"Statement": {}',
    '"Effect": "Deny", "Effect": "Allow"',
    '"Principal": "*"',
    "FullAWSAccess",
    "DenyAllRetired",
    "Retired",
    "invite: true",
    "retired: true",
    "ouMaxDepth: 455",
    "scpsPerTarget: 0",
];

const KINDS: readonly Mutation["kind"][] = ["delete-line", "duplicate-line", "swap-lines", "truncate", "insert", "replace-value", "replace-char", "indent", "dedent"];

/** One edit. */
export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
    kind: fc.constantFrom(...KINDS),
    target: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }),
    at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    other: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    token: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }),
});

/** A base case and one to six edits of it. */
export const orgFileCaseArbitrary: fc.Arbitrary<OrgFileCase> = fc
    .tuple(fc.constantFrom(...exampleCases()), fc.array(mutationArbitrary, { minLength: 1, maxLength: 6 }))
    .map(([base, mutations]) => mutations.reduce(mutate, base));

/** `base` with one edit applied. */
export function mutate(base: OrgFileCase, m: Mutation): OrgFileCase {
    const names = Object.keys(base.files).sort();
    const name = m.target === 0 ? undefined : names[(m.target - 1) % names.length];
    const text = name === undefined ? base.orgYaml : (base.files[name] ?? "");
    const edited = editText(text, m);
    return name === undefined ? { ...base, orgYaml: edited } : { ...base, files: { ...base.files, [name]: edited } };
}

function editText(text: string, m: Mutation): string {
    const lines = text.split("\n");
    const line = Math.floor(m.at * lines.length);
    const otherLine = Math.floor(m.other * lines.length);
    const offset = Math.floor(m.at * text.length);
    const set = (i: number, value: string) => lines.map((l, j) => (j === i ? value : l)).join("\n");
    const current = lines[line] ?? "";
    switch (m.kind) {
        case "delete-line":
            return lines.filter((_, i) => i !== line).join("\n");
        case "duplicate-line":
            return [...lines.slice(0, line + 1), current, ...lines.slice(line + 1)].join("\n");
        case "swap-lines":
            return lines.map((l, i) => (i === line ? (lines[otherLine] ?? l) : i === otherLine ? current : l)).join("\n");
        case "truncate":
            return text.slice(0, offset);
        case "insert":
            return `${text.slice(0, offset)}${m.token}${text.slice(offset)}`;
        case "replace-value": {
            const colon = current.indexOf(": ");
            return colon < 0 ? set(line, `${current} ${m.token}`) : set(line, `${current.slice(0, colon + 2)}${m.token}`);
        }
        case "replace-char":
            return `${text.slice(0, offset)}${m.token.slice(0, 1)}${text.slice(offset + 1)}`;
        case "indent":
            return set(line, `  ${current}`);
        case "dedent":
            return set(line, current.replace(/^ {1,2}/, ""));
    }
}

/** Writes a case into a fresh temporary folder; returns the org file's path. */
export function writeCase(c: OrgFileCase): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-fuzz-"));
    for (const [name, text] of Object.entries(c.files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    const file = path.join(dir, "org.yaml");
    fs.writeFileSync(file, c.orgYaml);
    return file;
}
