import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { at } from "../policypacks/aws-org-guardrails/core/at";

/** The domain of the generated accounts' emails. */
export const BENCH_EMAIL_DOMAIN = "bench.example";

export interface GeneratedOrgSize {
    readonly accounts: number;
    readonly ous: number;
    readonly scps: number;
    /** A later version of the same organization: its first accounts moved to the next OU, its first SCPs narrowed. */
    readonly change?: { readonly movedAccounts: number; readonly changedScps: number };
}

const SERVICES = ["s3", "ec2", "dynamodb", "lambda", "kms", "logs", "cloudwatch", "sqs", "sns", "rds", "ecs", "ecr", "iam", "sts"];

interface GeneratedOu {
    name: string;
    policies?: string[];
    accounts: { name: string; email: string }[];
    organizationalUnits: GeneratedOu[];
}

/**
 * Writes a synthetic org file (and its SCPs) of the given size into `dir` and returns its path.
 * OUs form a tree of top-level groups with nested children, never deeper than 3 levels; every
 * fifth OU uses an allow-list, and the root keeps FullAWSAccess plus a deny-list. Accounts'
 * emails are at `bench.example`.
 */
export function generateOrgFile(dir: string, size: GeneratedOrgSize): string {
    fs.mkdirSync(path.join(dir, "policies"), { recursive: true });
    const library: Record<string, { file: string }> = {};
    const allowLists: string[] = [];
    const denyLists: string[] = [];
    for (let i = 0; i < size.scps; i++) {
        const allow = i % 2 === 0;
        const name = `${allow ? "Allow" : "Deny"}Set${i}`;
        const all = SERVICES.filter((_, s) => (s + i) % 3 !== 0);
        // A changed SCP allows (or denies) one service less.
        const services = i < (size.change?.changedScps ?? 0) ? all.slice(1) : all;
        // An allow-list keeps IAM and STS, as `accounts-keep-access` demands of a real one.
        const statement = allow
            ? { Effect: "Allow", Action: [...new Set([...services, "iam", "sts"])].map((s) => `${s}:*`), Resource: "*" }
            : { Effect: "Deny", Action: [`${at(services, 0)}:*`, `${at(services, 1)}:*`], Condition: { StringNotEquals: { "aws:RequestedRegion": "us-east-1" } }, Resource: "*" };
        fs.writeFileSync(path.join(dir, "policies", `${name}.json`), JSON.stringify({ Version: "2012-10-17", Statement: [statement] }, null, 2));
        library[name] = { file: `policies/${name}.json` };
        (allow ? allowLists : denyLists).push(name);
    }
    const ous: GeneratedOu[] = [];
    const flat: GeneratedOu[] = [];
    const topLevel = Math.max(1, Math.round(Math.sqrt(size.ous)));
    for (let i = 0; i < size.ous; i++) {
        const ou: GeneratedOu = { name: `unit-${i}`, accounts: [], organizationalUnits: [] };
        if (i % 5 === 0 && allowLists.length > 0) ou.policies = [at(allowLists, i % allowLists.length)];
        else if (i % 3 === 0 && denyLists.length > 0) ou.policies = ["FullAWSAccess", at(denyLists, i % denyLists.length)];
        if (i < topLevel) ous.push(ou);
        else {
            // Nest under an OU of the level above; parents come earlier in `flat`, so depth stays small.
            const parent = at(flat, (i - topLevel) % Math.min(flat.length, topLevel * 3));
            parent.organizationalUnits.push(ou);
        }
        flat.push(ou);
    }
    const rootAccounts: { name: string; email: string }[] = [];
    for (let a = 0; a < size.accounts; a++) {
        const account = { name: `account-${a}`, email: `aws+account-${a}@${BENCH_EMAIL_DOMAIN}` };
        const moved = a < (size.change?.movedAccounts ?? 0) ? 1 : 0;
        if (flat.length === 0) rootAccounts.push(account);
        else at(flat, (a + moved) % flat.length).accounts.push(account);
    }
    const doc = {
        organization: { featureSet: "ALL", limits: { scpsPerTarget: 10, accounts: Math.max(10, size.accounts + 1) }, defaults: { tags: { "managed-by": "pulumi" } } },
        policies: library,
        root: { policies: ["FullAWSAccess", ...denyLists.slice(0, 1)] },
        organizationalUnits: ous,
        accounts: rootAccounts,
    };
    const file = path.join(dir, "org.yaml");
    fs.writeFileSync(file, stringify(doc));
    return file;
}
