import * as net from "net";
import { at } from "./at";
import { arnMatcher, plainText, wildcardMatcher } from "./wildcard";

/** How one context value compares with one policy value. */
type ValueTest = (contextValue: string, policyValue: string) => boolean;

/** A condition operator without its `ForAnyValue:`/`ForAllValues:` prefix or `IfExists` suffix. */
export interface BaseOperator {
    readonly name: string;
    /** A negated operator (`StringNotEquals`, `NotIpAddress`, …) holds when no policy value matches. */
    readonly negated: boolean;
    /** True when policy variables (`${aws:username}`) are replaced in its values. */
    readonly variables: boolean;
    /** The positive comparison; undefined for `Null`, which tests presence. */
    readonly test?: ValueTest;
}

/** A condition operator as written in a policy, e.g. `ForAnyValue:StringLikeIfExists`. */
export interface ConditionOperator {
    readonly base: BaseOperator;
    readonly set?: "ForAnyValue" | "ForAllValues";
    readonly ifExists: boolean;
}

function numberOf(text: string): number | undefined {
    const n = Number(text);
    return text.trim() !== "" && Number.isFinite(n) ? n : undefined;
}

/** A date as IAM reads it: ISO 8601, or seconds since the epoch. */
function timeOf(text: string): number | undefined {
    const seconds = /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : undefined;
    if (seconds !== undefined) return seconds * 1000;
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
}

function compareWith(parse: (text: string) => number | undefined, ok: (a: number, b: number) => boolean): ValueTest {
    return (c, p) => {
        const a = parse(c);
        const b = parse(p);
        return a !== undefined && b !== undefined && ok(a, b);
    };
}

const subnets = new Map<string, net.BlockList | null>();

/** An address or CIDR block (`203.0.113.0/24`, `2001:db8::/32`; a bare address is one host). */
function subnetOf(cidr: string): net.BlockList | null {
    let found = subnets.get(cidr);
    if (found === undefined) {
        const parts = cidr.trim().split("/");
        const address = at(parts, 0);
        const bits = parts[1];
        const family = net.isIP(address);
        const prefix = bits === undefined ? (family === 6 ? 128 : 32) : numberOf(bits);
        found = null;
        if (parts.length <= 2 && family !== 0 && prefix !== undefined && Number.isInteger(prefix) && prefix >= 0 && prefix <= (family === 6 ? 128 : 32)) {
            found = new net.BlockList();
            found.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
        }
        subnets.set(cidr, found);
    }
    return found;
}

const inSubnet: ValueTest = (c, p) => {
    const family = net.isIP(c.trim());
    const subnet = subnetOf(p);
    return family !== 0 && subnet !== null && subnet.check(c.trim(), family === 6 ? "ipv6" : "ipv4");
};

const stringEquals: ValueTest = (c, p) => c === plainText(p);
const stringEqualsIgnoreCase: ValueTest = (c, p) => c.toLowerCase() === plainText(p).toLowerCase();
const stringLike: ValueTest = (c, p) => wildcardMatcher(p, false).test(c);
const arnLike: ValueTest = (c, p) => arnMatcher(p, "condition").test(c);
const numeric = (ok: (a: number, b: number) => boolean) => compareWith(numberOf, ok);
const date = (ok: (a: number, b: number) => boolean) => compareWith(timeOf, ok);
const bool: ValueTest = (c, p) => {
    const a = c.toLowerCase();
    return (a === "true" || a === "false") && a === p.toLowerCase();
};

function op(name: string, test: ValueTest | undefined, negated = false, variables = false): BaseOperator {
    return { name, test, negated, variables };
}

const BASE_OPERATORS: readonly BaseOperator[] = [
    op("StringEquals", stringEquals, false, true),
    op("StringNotEquals", stringEquals, true, true),
    op("StringEqualsIgnoreCase", stringEqualsIgnoreCase, false, true),
    op("StringNotEqualsIgnoreCase", stringEqualsIgnoreCase, true, true),
    op("StringLike", stringLike, false, true),
    op("StringNotLike", stringLike, true, true),
    op("NumericEquals", numeric((a, b) => a === b)),
    op("NumericNotEquals", numeric((a, b) => a === b), true),
    op("NumericLessThan", numeric((a, b) => a < b)),
    op("NumericLessThanEquals", numeric((a, b) => a <= b)),
    op("NumericGreaterThan", numeric((a, b) => a > b)),
    op("NumericGreaterThanEquals", numeric((a, b) => a >= b)),
    op("DateEquals", date((a, b) => a === b)),
    op("DateNotEquals", date((a, b) => a === b), true),
    op("DateLessThan", date((a, b) => a < b)),
    op("DateLessThanEquals", date((a, b) => a <= b)),
    op("DateGreaterThan", date((a, b) => a > b)),
    op("DateGreaterThanEquals", date((a, b) => a >= b)),
    op("Bool", bool),
    op("BinaryEquals", stringEquals),
    op("IpAddress", inSubnet),
    op("NotIpAddress", inSubnet, true),
    op("ArnEquals", arnLike, false, true),
    op("ArnLike", arnLike, false, true),
    op("ArnNotEquals", arnLike, true, true),
    op("ArnNotLike", arnLike, true, true),
    op("Null", undefined),
];

const BY_LOWER_NAME = new Map(BASE_OPERATORS.map((o) => [o.name.toLowerCase(), o]));

/** Every operator name a policy may use, without prefixes or suffixes (for suggestions). */
export const CONDITION_OPERATOR_NAMES: readonly string[] = BASE_OPERATORS.map((o) => o.name);

/**
 * Reads an operator such as `ForAllValues:StringNotLikeIfExists` (in any case). Returns
 * undefined for an operator IAM does not know; `Null` takes neither a set prefix nor `IfExists`.
 */
export function parseConditionOperator(written: string): ConditionOperator | undefined {
    let rest = written;
    let set: ConditionOperator["set"];
    const colon = rest.indexOf(":");
    if (colon >= 0) {
        const prefix = rest.slice(0, colon).toLowerCase();
        if (prefix === "foranyvalue") set = "ForAnyValue";
        else if (prefix === "forallvalues") set = "ForAllValues";
        else return undefined;
        rest = rest.slice(colon + 1);
    }
    const ifExists = rest.toLowerCase().endsWith("ifexists");
    const base = BY_LOWER_NAME.get((ifExists ? rest.slice(0, -"ifexists".length) : rest).toLowerCase());
    if (base === undefined || (base.test === undefined && (ifExists || set !== undefined))) return undefined;
    return { base, set, ifExists };
}
