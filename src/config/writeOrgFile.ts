import * as fs from "fs";
import * as path from "path";
import { Document, isMap, isScalar, isSeq, visit } from "yaml";
import { RawAccount, RawOrganizationalUnit, RawOrgFile } from "./schema";

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
const ORGANIZATION_KEYS = ["featureSet", "id", "rootId", "managementAccountId", "serviceAccessPrincipals", "enabledPolicyTypes", "limits", "defaults"];
const POLICY_KEYS = ["file", "id", "description", "tags"];
const OU_KEYS = ["name", "id", "policies", "tags", "accounts", "organizationalUnits"];
const ACCOUNT_KEYS = ["name", "email", "id", "policies", "tags", "roleName", "iamUserAccessToBilling", "closeOnDeletion", "invite", "retired"];

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

/**
 * Writes the org file and its policy files (creating folders as needed) and returns the
 * paths written. Without `force`, nothing is written when any of them exists already.
 */
export function writeOrgFile(file: string, content: OrgFileContent, force = false): string[] {
    const existing = existingTargets(file, content);
    if (!force && existing.length > 0) {
        throw new Error(`Not overwriting ${existing.map((f) => `\`${f}\``).join(", ")}; pass --force to replace ${existing.length === 1 ? "it" : "them"}, or choose another --out.`);
    }
    const absolute = path.resolve(file);
    const dir = path.dirname(absolute);
    for (const [relative, text] of content.policyFiles) {
        const target = path.resolve(dir, relative);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, text.endsWith("\n") ? text : `${text}\n`);
    }
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(absolute, renderOrgFile(content));
    return targets(file, content);
}

function targets(file: string, content: OrgFileContent): string[] {
    const absolute = path.resolve(file);
    return [absolute, ...[...content.policyFiles.keys()].map((relative) => path.resolve(path.dirname(absolute), relative))];
}

function ordered(doc: RawOrgFile): Record<string, unknown> {
    const policies = doc.policies === undefined ? undefined : Object.fromEntries(Object.entries(doc.policies).map(([name, entry]) => [name, pick(entry, POLICY_KEYS)]));
    return pick(
        {
            ...doc,
            organization: doc.organization === undefined ? undefined : pick(doc.organization, ORGANIZATION_KEYS),
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
    return pick(account, ACCOUNT_KEYS);
}

/** The defined values of `o`: `keys` in that order, then any other key alphabetically. */
function pick(o: object, keys: readonly string[]): Record<string, unknown> {
    const source = o as Record<string, unknown>;
    const others = Object.keys(source).filter((k) => !keys.includes(k)).sort();
    return Object.fromEntries([...keys, ...others].filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}
