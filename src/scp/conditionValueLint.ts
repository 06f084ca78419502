import * as net from "net";
import { Node as JsonNode } from "jsonc-parser";
import { AWS_REGIONS, isAwsRegion, unknownRegionHint } from "./awsRegions";
import { ConditionEntry, conditionEntries, valueNodes } from "./conditionEntries";
import { lookUpConditionKey } from "./conditionKeys";
import { propertyValue } from "../../policypacks/aws-org-guardrails/core/policyTree";
import { ScpProblem } from "../../policypacks/aws-org-guardrails/core/scpDocument";
import { hasWildcard, wildcardMatcher } from "../../policypacks/aws-org-guardrails/core/wildcard";

/** What an operator compares: its values must be of this kind. */
type Family = "string" | "number" | "date" | "boolean" | "null" | "ip" | "arn" | "binary";

function familyOf(base: string): Family {
    if (base.startsWith("Numeric")) return "number";
    if (base.startsWith("Date")) return "date";
    if (base === "Bool") return "boolean";
    // `Null` asks whether the key is present, whatever its type; its values are booleans too.
    if (base === "Null") return "null";
    if (base === "IpAddress" || base === "NotIpAddress") return "ip";
    if (base.startsWith("Arn")) return "arn";
    return base === "BinaryEquals" ? "binary" : "string";
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function isDate(text: string): boolean {
    return /^\d+$/.test(text) || (ISO_DATE.test(text) && !Number.isNaN(Date.parse(text)));
}

function isCidr(text: string): boolean {
    const [address = "", bits, extra] = text.split("/");
    const family = net.isIP(address);
    if (family === 0 || extra !== undefined) return false;
    return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
}

/** Why a value does not suit its operator, as the end of "`x` is not …"; undefined when it does. */
function valueProblem(family: Family, node: JsonNode, variables: boolean): string | undefined {
    const text = String(node.value);
    // A policy variable is replaced at request time: only its result could be judged.
    if (variables && typeof node.value === "string" && text.includes("${")) return undefined;
    switch (family) {
        case "number":
            return node.type === "number" || /^-?\d+(\.\d+)?$/.test(text) ? undefined : "a number";
        case "date":
            return isDate(text) ? undefined : "an ISO 8601 date (`2026-12-31T23:59:59Z`) or seconds since 1970";
        case "boolean":
        case "null":
            return /^(true|false)$/i.test(text) ? undefined : "`true` or `false`";
        case "ip":
            return isCidr(text) ? undefined : "an IP address or CIDR block (`203.0.113.0/24`, `2001:db8::/32`)";
        case "arn":
            return text === "*" || (text.startsWith("arn:") && text.split(":").length >= 6) ? undefined : "an ARN (`arn:aws:iam::*:role/admin`)";
        default:
            return undefined;
    }
}

const FAMILY_WORD: Readonly<Record<Family, string>> = {
    string: "strings",
    number: "numbers",
    date: "dates",
    boolean: "booleans",
    null: "booleans",
    ip: "IP addresses",
    arn: "ARNs",
    binary: "binary values",
};

/** The catalogue's value types each family compares; `undefined`: not checked (strings compare anything). */
const KEY_TYPES: Partial<Record<Family, readonly string[]>> = {
    number: ["Numeric"],
    date: ["Date"],
    boolean: ["Bool"],
    ip: ["IPAddress"],
};

/** The operators that compare a catalogue type, for the message. */
const OPERATOR_FOR_TYPE: Readonly<Record<string, string>> = {
    String: "a `String…` operator",
    ARN: "an `Arn…` operator",
    Bool: "`Bool`",
    Numeric: "a `Numeric…` operator",
    Date: "a `Date…` operator",
    IPAddress: "`IpAddress` or `NotIpAddress`",
};

/** AWS documents `aws:EpochTime` for both date and numeric operators. */
const NUMERIC_DATES = new Set(["aws:epochtime"]);

function keyTypeProblem(entry: ConditionEntry, family: Family): string | undefined {
    const expected = KEY_TYPES[family];
    const found = lookUpConditionKey(entry.key);
    if (expected === undefined || (found.kind !== "global" && found.kind !== "service")) return undefined;
    const type = found.key.type.replace(/^ArrayOf/, "");
    if (expected.includes(type) || (family === "number" && NUMERIC_DATES.has(entry.key.toLowerCase()))) return undefined;
    const operator = String(entry.operatorNode.value);
    const use = OPERATOR_FOR_TYPE[type];
    return `\`${operator}\` compares ${FAMILY_WORD[family]}, but \`${entry.key}\` holds a ${type} value: the comparison never succeeds.${use === undefined ? "" : ` Use ${use}.`}`;
}

function regionProblem(base: string, text: string): string | undefined {
    if (text.includes("${")) return undefined;
    if (base.includes("Like") && hasWildcard(text)) {
        const matcher = wildcardMatcher(text, false);
        return AWS_REGIONS.some((r) => matcher.test(r.code)) ? undefined : `\`${text}\` matches no AWS Region, so it never matches.`;
    }
    const known = base.includes("IgnoreCase") ? isAwsRegion(text.toLowerCase()) : isAwsRegion(text);
    return known ? undefined : `\`${text}\` is not an AWS Region, so it never matches.${unknownRegionHint(text)}`;
}

function emptyListMessage(entry: ConditionEntry): string {
    const operator = String(entry.operatorNode.value);
    const effect: unknown = propertyValue(entry.statement, "Effect")?.value;
    const outcome = entry.operator?.set === "ForAllValues"
        ? "it then matches only requests without the key"
        : `it never matches, so this statement ${effect === "Deny" ? "denies" : "allows"} nothing`;
    return `Condition \`${operator}\` lists no value for \`${entry.key}\`: AWS accepts an empty list, but ${outcome} (IAM Access Analyzer reports it as "empty array condition"). List the values to compare with.`;
}

/**
 * Checks the values of every condition: each suits its operator (numbers for `Numeric…`,
 * dates for `Date…`, `true`/`false` for `Bool` and `Null`, addresses or CIDR blocks for
 * `IpAddress`, ARNs for `Arn…`), the operator suits the key's type where the catalogue knows it,
 * no list is empty, and a Region compared with `aws:RequestedRegion` exists. `…IfExists` and
 * the `ForAnyValue:`/`ForAllValues:` prefixes are judged by the operator they qualify.
 */
export function lintConditionValues(tree: JsonNode): ScpProblem[] {
    const problems: ScpProblem[] = [];
    for (const entry of conditionEntries(tree)) {
        if (entry.operator === undefined) continue;
        const base = entry.operator.base.name;
        const family = familyOf(base);
        if (entry.valueNode.type === "array" && (entry.valueNode.children ?? []).length === 0) {
            problems.push({ code: "scp-empty-condition-values", message: emptyListMessage(entry), offset: entry.valueNode.offset });
            continue;
        }
        const mismatch = keyTypeProblem(entry, family);
        if (mismatch !== undefined) problems.push({ code: "scp-condition-operator-mismatch", message: mismatch, offset: entry.operatorNode.offset });
        const regions = family === "string" && entry.key.toLowerCase() === "aws:requestedregion";
        for (const node of valueNodes(entry.valueNode)) {
            const expected = valueProblem(family, node, entry.operator.base.variables);
            if (expected !== undefined) {
                problems.push({
                    code: "scp-condition-value-type",
                    message: `\`${String(entry.operatorNode.value)}\` compares ${FAMILY_WORD[family]}: ${JSON.stringify(node.value)} is not ${expected}, so it never matches.`,
                    offset: node.offset,
                });
                continue;
            }
            const region = regions ? regionProblem(base, String(node.value)) : undefined;
            if (region !== undefined) problems.push({ code: "scp-unknown-region", message: region, offset: node.offset });
        }
    }
    return problems;
}
