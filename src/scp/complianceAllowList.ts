import * as fs from "fs";
import * as path from "path";
import { AWS_LIMITS } from "../../policypacks/aws-org-guardrails/core/awsLimits";

/*
 * Allow-list SCPs for compliance programs: the IAM service prefixes of the services AWS lists
 * for a program (data/compliance/<program>.json, each entry dated and sourced), intersected
 * when several programs apply, plus the few services every account needs to be operated at all.
 */

/** The programs there is data for, as `--program` names them. */
export const COMPLIANCE_PROGRAMS = ["hipaa", "pci"] as const;
export type ComplianceProgram = (typeof COMPLIANCE_PROGRAMS)[number];

/** One service as the program's source lists it. */
export interface ComplianceService {
    /** The name the source gives it. */
    readonly name: string;
    /** Its IAM service prefixes; empty when the IAM catalogue has none for it. */
    readonly prefixes: readonly string[];
    /** Where the entry comes from, and the day it was checked there. */
    readonly source: string;
    readonly checked: string;
    readonly note?: string;
}

export interface ComplianceData {
    readonly program: ComplianceProgram;
    /** What AWS calls the list, e.g. "HIPAA eligible services". */
    readonly title: string;
    /** AWS's page for the program. */
    readonly page: string;
    /** The date of the list the entries were taken from. */
    readonly asOf: string;
    readonly checked: string;
    /** What was checked, when, where, and what could not be. */
    readonly provenance: readonly string[];
    readonly services: readonly ComplianceService[];
}

/**
 * Services an account needs whatever it runs, so an allow-list keeps them even when a program's
 * list lacks one: without them nobody can sign in to the account through a role, repair it, or
 * hear from AWS about it. docs/compliance.md gives the reasons one by one.
 */
export const OPERATING_SERVICES: readonly { readonly prefix: string; readonly why: string }[] = [
    { prefix: "sts", why: "assuming the access role and Identity Center's roles is how anyone reaches the account" },
    { prefix: "iam", why: "the access role's own repairs (the guardrail `accounts-keep-access`) and every role a workload runs as" },
    { prefix: "organizations", why: "services and tools in the account read which organization it belongs to" },
    { prefix: "account", why: "the account's contacts and opt-in Regions" },
    { prefix: "health", why: "AWS's notices of events and scheduled changes that affect the account" },
    { prefix: "support", why: "support cases, including the quota increases a workload needs" },
];

const DATA_DIR = path.join(__dirname, "data", "compliance");

/** The bundled data of a program. */
export function complianceData(program: ComplianceProgram): ComplianceData {
    return JSON.parse(fs.readFileSync(path.join(DATA_DIR, `${program}.json`), "utf8")) as ComplianceData;
}

/** The distinct IAM prefixes of a program's services, sorted. */
export function programPrefixes(data: ComplianceData): readonly string[] {
    return [...new Set(data.services.flatMap((s) => s.prefixes))].sort();
}

export interface ComplianceAllowList {
    readonly programs: readonly ComplianceProgram[];
    /** The prefixes every program lists. */
    readonly programPrefixes: readonly string[];
    /** The operating services added because at least one program lacks them. */
    readonly added: readonly string[];
    /** The SCP, minified, ending in a newline. */
    readonly text: string;
}

/** The statement id, e.g. `AllowHipaaAndPciServices`. */
function sid(programs: readonly ComplianceProgram[]): string {
    return `Allow${programs.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("And")}Services`;
}

/**
 * The allow-list SCP for `programs` (in the order given, duplicates ignored): `Allow` of
 * `prefix:*` for each prefix in every program's list and each operating service, on any
 * resource. It replaces `FullAWSAccess` where it is attached: an action it does not name is
 * denied there. Throws when the document would exceed the SCP size limit.
 */
export function complianceAllowList(programs: readonly ComplianceProgram[]): ComplianceAllowList {
    const chosen = [...new Set(programs)];
    const [first, ...rest] = chosen.map((p) => new Set(programPrefixes(complianceData(p))));
    if (first === undefined) throw new Error("complianceAllowList needs at least one program");
    const common = [...first].filter((prefix) => rest.every((set) => set.has(prefix))).sort();
    const added = OPERATING_SERVICES.map((s) => s.prefix).filter((p) => !common.includes(p));
    const actions = [...new Set([...common, ...added])].sort().map((p) => `${p}:*`);
    const policy = { Version: "2012-10-17", Statement: [{ Sid: sid(chosen), Effect: "Allow", Action: actions, Resource: "*" }] };
    const text = `${JSON.stringify(policy)}\n`;
    if (text.trimEnd().length > AWS_LIMITS.scpMaxChars) {
        throw new Error(`The allow-list for ${chosen.join(" and ")} has ${String(text.trimEnd().length)} characters, over the SCP limit of ${String(AWS_LIMITS.scpMaxChars)}.`);
    }
    return { programs: chosen, programPrefixes: common, added, text };
}
