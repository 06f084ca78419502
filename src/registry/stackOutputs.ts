import { findNodeAtLocation, Node as JsonNode } from "jsonc-parser";
import * as path from "path";
import { AccountFacts, entriesFromFacts, managementNote, PENDING_NOTE, RegistryEntry } from "./accountRegistry";
import { ProfileOptions } from "./switchRole";
import { clipMessage } from "../diagnostics/clip";
import { Diagnostic } from "../diagnostics/diagnostic";
import { LineIndex } from "../diagnostics/textPosition";
import { FILE_SIZE_LIMITS, readSourceFile, SourceFile } from "../files/readSourceFile";
import { parseJsonText } from "../../policypacks/aws-org-guardrails/core/jsonText";

/** The registry read back from `pulumi stack output --json`, or every problem found in it. */
export interface OutputsRegistry {
    readonly entries: readonly RegistryEntry[];
    readonly diagnostics: readonly Diagnostic[];
}

const HOW_TO = "save it with `pulumi stack output --json > FILE` from a stack deployed with this program";

/**
 * Reads a stack outputs file named on the command line (`--from-outputs`), as every file is
 * read (a regular file under its size limit; see `readSourceFile`), then its registry.
 */
export function readStackOutputs(file: string, options: ProfileOptions): OutputsRegistry {
    const read = readStackOutputsText(file);
    if ("refused" in read) return { entries: [], diagnostics: [read.refused] };
    return registryFromOutputs(path.resolve(file), read.text, options);
}

/** The text of a stack outputs file, read as every file is (a regular file under its size limit). */
export function readStackOutputsText(file: string): SourceFile {
    return readSourceFile({
        path: file,
        label: `Stack outputs file \`${file}\``,
        maxBytes: FILE_SIZE_LIMITS.stackOutputs,
        missingHint: `create it with \`pulumi stack output --json > ${file}\``,
    });
}

/**
 * Reads the `accounts` output of a deployed stack. The links and profiles are rebuilt from
 * the ids, roles and colours in it, so `--source-profile` and `--region` apply here too.
 */
export function registryFromOutputs(file: string, text: string, options: ProfileOptions): OutputsRegistry {
    const found = readRegistry(file, text, options);
    return { entries: found.entries, diagnostics: found.diagnostics.map((d) => ({ ...d, message: clipMessage(d.message) })) };
}

function readRegistry(file: string, text: string, options: ProfileOptions): OutputsRegistry {
    const diagnostics: Diagnostic[] = [];
    const lines = new LineIndex(file, text);
    const at = (node: JsonNode | undefined, code: string, message: string): void => {
        diagnostics.push({ code, severity: "error", message, ...lines.position(node?.offset ?? 0) });
    };
    const json = parseJsonText(text);
    const tree = json.tree;
    const problem = json.problems[0];
    if (problem !== undefined || tree === undefined) {
        const what =
            problem === undefined || problem.detail === "empty"
                ? "the file is empty"
                : problem.kind === "duplicate-key"
                  ? `the key \`${problem.detail}\` appears twice in one object`
                  : problem.detail;
        diagnostics.push({ code: "outputs-not-json", severity: "error", message: `Stack outputs are not valid JSON (${what}); ${HOW_TO}.`, ...lines.position(problem?.offset ?? 0) });
        return { entries: [], diagnostics };
    }
    const accounts = tree.type === "object" ? findNodeAtLocation(tree, ["accounts"]) : undefined;
    if (accounts === undefined || accounts.type !== "object") {
        at(accounts ?? tree, "outputs-no-accounts", `Expected an object with an \`accounts\` output mapping account names to their registry; ${HOW_TO}.`);
        return { entries: [], diagnostics };
    }
    const facts: AccountFacts[] = [];
    const older: { name: string; node: JsonNode }[] = [];
    for (const prop of accounts.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (key === undefined || value === undefined) continue;
        if (value.type === "object" && findNodeAtLocation(value, ["joined"]) === undefined && findNodeAtLocation(value, ["roleName"]) === undefined) {
            older.push({ name: String(key.value), node: value });
            continue;
        }
        const account = accountFacts(String(key.value), value, at);
        if (account !== undefined) facts.push(account);
    }
    const [firstOlder] = older;
    if (firstOlder !== undefined) {
        // One message, not one per account: the whole file predates the registry.
        const names = older.slice(0, 3).map((o) => `\`${o.name}\``).join(", ") + (older.length > 3 ? ", …" : "");
        at(
            firstOlder.node,
            "outputs-without-registry",
            `${older.length} account${older.length === 1 ? "" : "s"} (${names}) ${older.length === 1 ? "has" : "have"} no \`joined\` or \`roleName\`: these outputs were saved before the stack exported the account registry. Run \`pulumi up\` to refresh them, or read the org file with --stack.`,
        );
    }
    return { entries: entriesFromFacts(facts, options), diagnostics };
}

type At = (node: JsonNode | undefined, code: string, message: string) => void;

function accountFacts(name: string, node: JsonNode, at: At): AccountFacts | undefined {
    const label = `Account \`${name}\``;
    if (node.type !== "object") {
        at(node, "outputs-invalid-account", `${label} must be an object with \`id\`, \`email\`, \`ouPath\`, \`joined\` and \`roleName\`.`);
        return undefined;
    }
    const invalid: string[] = [];
    const field = <T>(key: string, check: (v: unknown) => v is T, expected: string): T | undefined => {
        const v = findNodeAtLocation(node, [key]);
        const value: unknown = v?.value ?? (v?.type === "null" ? null : undefined);
        if (check(value)) return value;
        invalid.push(key);
        at(v ?? node, "outputs-invalid-account", `${label}: \`${key}\` must be ${expected}${v === undefined ? ", and it is missing" : `, got \`${JSON.stringify(value)}\``}.`);
        return undefined;
    };
    const id = field("id", isIdOrNull, "a 12-digit account id or null");
    const email = field("email", isString, "a string");
    const ouPath = field("ouPath", isStringOrNull, "an OU path or null");
    const joined = field("joined", isJoinMethod, "`created` or `adopted`");
    const roleName = field("roleName", isString, "a string");
    const url = field("switchRoleUrl", isStringOrNull, "a URL or null");
    const note: unknown = findNodeAtLocation(node, ["note"])?.value;
    if (invalid.length > 0 || email === undefined || roleName === undefined || joined === undefined) return undefined;
    return {
        name,
        id: id ?? null,
        email,
        ouPath: ouPath ?? null,
        joined,
        roleName,
        // The management account is the one deployed account the program gives no link to.
        isManagementAccount: id !== null && url === null,
        // The pending and management notes are derived again from the id; keep the others.
        notes: typeof note === "string" ? note.split("; ").filter((n) => n !== PENDING_NOTE && n !== managementNote(roleName)) : [],
    };
}

function isString(v: unknown): v is string {
    return typeof v === "string";
}

function isStringOrNull(v: unknown): v is string | null {
    return v === null || typeof v === "string";
}

function isIdOrNull(v: unknown): v is string | null {
    return v === null || (typeof v === "string" && /^\d{12}$/.test(v));
}

function isJoinMethod(v: unknown): v is "created" | "adopted" {
    return v === "created" || v === "adopted";
}
