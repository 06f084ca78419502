import * as fs from "fs";
import * as path from "path";
import { Document, isMap, isScalar, isSeq, visit } from "yaml";
import { RawAccount, RawAlternateContacts, RawOrganizationalUnit, RawOrgFile } from "./schema";

/** Everything an org file consists of: the YAML document and the policy files beside it. */
export interface OrgFileContent {
    /** The document, in the shape of the org file (interfaces.md §2). */
    readonly document: RawOrgFile;
    /** Comment lines at the top of the file. */
    readonly header: readonly string[];
    /** Policy documents to write, by path relative to the org file (`policies/x.json`). */
    readonly policyFiles: ReadonlyMap<string, string>;
}

// Keys in the order interfaces.md §2 writes them, so regenerated files diff cleanly.
const TOP_KEYS = ["organization", "policies", "root", "organizationalUnits", "accounts", "identityCenter"];
const ORGANIZATION_KEYS = [
    "featureSet", "id", "rootId", "managementAccountId", "serviceAccessPrincipals", "enabledPolicyTypes",
    "regions", "rootAccess", "delegatedAdministrators", "resourcePolicy", "limits", "defaults",
];
const POLICY_KEYS = ["type", "file", "id", "external", "description", "tags"];
// The stable identity (interfaces.md §4.1) follows the name it stands beside.
const OU_KEYS = ["name", "key", "previousPaths", "allowReplacement", "id", "policies", "tags", "accounts", "organizationalUnits"];
const ACCOUNT_KEYS = [
    "name", "key", "previousNames", "email", "allowReplacement", "id", "policies", "tags", "roleName", "iamUserAccessToBilling", "closeOnDeletion", "invite", "retired",
    "alternateContacts", "primaryContact", "optInRegions",
];
const DEFAULTS_KEYS = ["roleName", "iamUserAccessToBilling", "closeOnDeletion", "tags", "alternateContacts", "primaryContact", "optInRegions"];
const CONTACT_KEYS = ["name", "title", "email", "phone"];

/**
 * The YAML text of an org file: keys in a fixed order, lists of SCP names and tag maps on one
 * line, a blank line between top-level sections, the header as a comment.
 */
export function renderOrgFile(content: OrgFileContent): string {
    const doc = new Document(ordered(content.document));
    doc.commentBefore = content.header.map((line) => (line === "" ? "" : ` ${line}`)).join("\n");
    visit(doc, {
        Pair(_, pair) {
            if (!isScalar(pair.key)) return;
            if ((pair.key.value === "policies" || pair.key.value === "managedPolicies" || pair.key.value === "targets") && isSeq(pair.value)) pair.value.flow = true;
            if (pair.key.value === "tags" && isMap(pair.value)) pair.value.flow = true;
            // One contact a line: name, title, email and phone belong together.
            if ((pair.key.value === "billing" || pair.key.value === "operations" || pair.key.value === "security") && isMap(pair.value)) pair.value.flow = true;
        },
    });
    if (isMap(doc.contents)) {
        doc.contents.items.forEach((pair, i) => {
            if (i > 0 && isScalar(pair.key)) pair.key.spaceBefore = true;
        });
    }
    return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Paths that `writeOrgFile` would overwrite: the org file and policy files that already exist. */
export function existingTargets(file: string, content: OrgFileContent): string[] {
    return targets(file, content).filter((f) => fs.existsSync(f));
}

/** `writeOrgFile` without `force` found files it would overwrite. */
export class OrgFileExistsError extends Error {
    constructor(readonly existing: readonly string[]) {
        super(`Not overwriting ${existing.map((f) => `\`${f}\``).join(", ")}; pass --force to replace ${existing.length === 1 ? "it" : "them"}, or choose another --out.`);
        this.name = "OrgFileExistsError";
    }
}

/**
 * Writes the org file and its policy files (creating folders as needed) and returns the
 * paths written. Without `force`, nothing is written when any of them exists already
 * (`OrgFileExistsError`). Every file is first written into a temporary folder beside the org
 * file, then renamed into place once all of them are written, after checking that each place
 * can take a file: a failure leaves the old files as they were, never a mix of old and new.
 */
export function writeOrgFile(file: string, content: OrgFileContent, force = false): string[] {
    const existing = existingTargets(file, content);
    if (!force && existing.length > 0) throw new OrgFileExistsError(existing);
    const absolute = path.resolve(file);
    const dir = path.dirname(absolute);
    // The org file first in the list, and last into place: it names the policy files.
    const files = [
        { target: absolute, text: renderOrgFile(content) },
        ...[...content.policyFiles].map(([relative, text]) => ({ target: path.resolve(dir, relative), text: text.endsWith("\n") ? text : `${text}\n` })),
    ];
    for (const { target } of files) placeProblem(target);
    fs.mkdirSync(dir, { recursive: true });
    const staging = fs.mkdtempSync(path.join(dir, ".aws-org-write-"));
    try {
        const staged = files.map(({ target, text }, i) => {
            const at = path.join(staging, String(i));
            fs.writeFileSync(at, text, { flag: "wx" });
            return { at, target };
        });
        for (const { at, target } of staged.reverse()) {
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.renameSync(at, target);
        }
    } finally {
        fs.rmSync(staging, { recursive: true, force: true });
    }
    return files.map((f) => f.target);
}

/** Throws when `target` cannot be replaced by a file: it, or a folder on its way, is something else. */
function placeProblem(target: string): void {
    const stats = fs.lstatSync(target, { throwIfNoEntry: false });
    if (stats !== undefined && !stats.isFile()) throw new Error(`Cannot write \`${target}\`: it is ${stats.isDirectory() ? "a directory" : "not a regular file"}. Move it away or choose another --out; nothing was written.`);
    for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
        const folder = statOrNothing(dir);
        if (folder !== undefined) {
            if (!folder.isDirectory()) throw new Error(`Cannot write \`${target}\`: \`${dir}\` is not a directory. Move it away or choose another --out; nothing was written.`);
            return;
        }
        if (path.dirname(dir) === dir) return;
    }
}

/** The stats of `file`, or undefined when it, or a folder on its way, does not exist as such. */
function statOrNothing(file: string): fs.Stats | undefined {
    try {
        return fs.statSync(file);
    } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (code === "ENOENT" || code === "ENOTDIR") return undefined;
        throw e;
    }
}

function targets(file: string, content: OrgFileContent): string[] {
    const absolute = path.resolve(file);
    return [absolute, ...[...content.policyFiles.keys()].map((relative) => path.resolve(path.dirname(absolute), relative))];
}

function ordered(doc: RawOrgFile): Record<string, unknown> {
    const policies = doc.policies === undefined ? undefined : new Map([...doc.policies].map(([name, entry]) => [name, pick(entry, POLICY_KEYS)]));
    return pick(
        {
            ...doc,
            organization: pick({ ...doc.organization, defaults: doc.organization.defaults === undefined ? undefined : orderedDefaults(doc.organization.defaults) }, ORGANIZATION_KEYS),
            policies,
            organizationalUnits: doc.organizationalUnits?.map(orderedOu),
            accounts: doc.accounts?.map(orderedAccount),
        },
        TOP_KEYS,
    );
}

function orderedOu(ou: RawOrganizationalUnit): Record<string, unknown> {
    return pick({ ...ou, accounts: ou.accounts?.map(orderedAccount), organizationalUnits: ou.organizationalUnits?.map(orderedOu) }, OU_KEYS);
}

function orderedAccount(account: RawAccount): Record<string, unknown> {
    return pick({ ...account, alternateContacts: orderedContacts(account.alternateContacts) }, ACCOUNT_KEYS);
}

function orderedDefaults(defaults: NonNullable<RawOrgFile["organization"]["defaults"]>): Record<string, unknown> {
    return pick({ ...defaults, alternateContacts: orderedContacts(defaults.alternateContacts) }, DEFAULTS_KEYS);
}

function orderedContacts(contacts: RawAlternateContacts | undefined): Record<string, unknown> | undefined {
    if (contacts === undefined) return undefined;
    const entries = Object.entries(contacts) as [string, object | undefined][];
    return pick(Object.fromEntries(entries.map(([type, c]) => [type, c === undefined ? undefined : pick(c, CONTACT_KEYS)])), ["billing", "operations", "security"]);
}

/** The defined values of `o`: `keys` in that order, then any other key alphabetically. */
function pick(o: object, keys: readonly string[]): Record<string, unknown> {
    const source = o as Record<string, unknown>;
    const others = Object.keys(source).filter((k) => !keys.includes(k)).sort();
    return Object.fromEntries([...keys, ...others].filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}
