/** The IAM policy language's document shape, as SCPs (and other policies) write it. */

export type StringOrList = string | readonly string[];

/** The value of one condition key: a scalar, or a list of them (IAM accepts mixed lists). */
export type ConditionValue = string | boolean | number | readonly (string | boolean | number)[];

/** One statement, as the IAM policy language writes it (validated shape). */
export interface PolicyStatement {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    /** RCPs only, where it is always `*`. */
    readonly Principal?: "*";
    readonly Action?: StringOrList;
    readonly NotAction?: StringOrList;
    readonly Resource?: StringOrList;
    readonly NotResource?: StringOrList;
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, ConditionValue>>>>;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly PolicyStatement[];
}

/** A policy to evaluate: its name (for results) and its document. */
export interface NamedPolicy {
    readonly name: string;
    readonly document: PolicyDocument;
}

/** A string-or-list element as a list. */
export function asList(v: StringOrList | undefined): readonly string[] {
    if (v === undefined) return [];
    return typeof v === "string" ? [v] : v;
}
