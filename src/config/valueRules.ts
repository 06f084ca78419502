/**
 * AWS's rules for single values, as pure functions returning a problem description or
 * `undefined`. Sources: the Organizations API reference (CreateAccount, CreateOrganizationalUnit,
 * CreatePolicy, EnableAWSServiceAccess, the Tag data type: the length constraints and patterns
 * of their parameters) and the IAM role name rules.
 */

const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

export function emailProblem(email: string): string | undefined {
    if (email.length < 6 || email.length > 64) return `must be 6 to 64 characters long (it has ${email.length})`;
    if (!/^[\x21-\x7E]+$/.test(email)) return "must contain only ASCII letters, digits and symbols, without spaces";
    const [local, domain, ...more] = email.split("@");
    if (local === undefined || domain === undefined || more.length > 0) return "must contain exactly one `@`";
    if (local.length === 0) return "needs a name before the `@`";
    if (!/^[^.].*\.[^.]+$/.test(domain) || domain.includes("..")) return "needs a domain with a dot after the `@`, such as `example.com`";
    return undefined;
}

export function accountNameProblem(name: string): string | undefined {
    if (name.length === 0) return "must not be empty";
    if (name.length > 50) return `must be at most 50 characters (it has ${name.length})`;
    if (!PRINTABLE_ASCII.test(name)) return "must contain only printable ASCII characters";
    return undefined;
}

/**
 * A `key:` is a Pulumi logical name, the last part of a URN (`…::TYPE::NAME`): `::` would
 * split it. Printable ASCII keeps it readable in every tool that shows URNs.
 */
export function keyProblem(key: string): string | undefined {
    if (key.length === 0) return "must not be empty";
    if (key.length > 128) return `must be at most 128 characters (it has ${key.length})`;
    if (!PRINTABLE_ASCII.test(key)) return "must contain only printable ASCII characters";
    if (key.includes("::")) return "must not contain `::`, which separates the parts of a Pulumi URN";
    return undefined;
}

export function accountIdProblem(id: string): string | undefined {
    return /^\d{12}$/.test(id) ? undefined : "must be exactly 12 digits";
}

export function ouNameProblem(name: string): string | undefined {
    if (name.length === 0) return "must not be empty";
    if (name.length > 128) return `must be at most 128 characters (it has ${name.length})`;
    // OUs are addressed by path (`HIPAA/PCI`), so a slash in a name would make paths ambiguous.
    if (name.includes("/")) return "must not contain `/`, which separates OU paths";
    return undefined;
}

export function roleNameProblem(name: string): string | undefined {
    return /^[\w+=,.@-]{1,64}$/.test(name) ? undefined : "must be 1 to 64 letters, digits or `+=,.@_-`";
}

export function organizationIdProblem(id: string): string | undefined {
    return /^o-[a-z0-9]{10,32}$/.test(id) ? undefined : "must look like `o-` followed by 10 to 32 lowercase letters or digits";
}

export function rootIdProblem(id: string): string | undefined {
    return /^r-[0-9a-z]{4,32}$/.test(id) ? undefined : "must look like `r-` followed by 4 to 32 lowercase letters or digits";
}

export function ouIdProblem(id: string): string | undefined {
    return /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/.test(id) ? undefined : "must look like `ou-xxxx-xxxxxxxx`";
}

export function policyIdProblem(id: string): string | undefined {
    return /^p-[0-9a-zA-Z_]{8,128}$/.test(id) ? undefined : "must look like `p-` followed by 8 to 128 letters, digits or `_`";
}

/** A problem with a set of tags, and the key it is about when there is one. */
export interface TagProblem {
    readonly problem: string;
    readonly key?: string;
}

/** Letters, separators (spaces), numbers and `_.:/=+-@`: AWS's pattern for tag keys and values. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * AWS's Tag rules: at most 50 tags; keys 1 to 128 characters, values 0 to 256, both of
 * letters, spaces, digits and `_.:/=+-@`; the `aws:` prefix is AWS's own. `__proto__` is refused
 * too: Pulumi passes tags to AWS as plain objects, which cannot hold that key.
 */
export function tagsProblem(tags: Readonly<Record<string, string>>): TagProblem | undefined {
    const keys = Object.keys(tags);
    if (keys.length > 50) return { problem: `must have at most 50 tags (it has ${keys.length})` };
    for (const key of keys) {
        if (key.length === 0 || key.length > 128) return { key, problem: `has an invalid key \`${key}\`: keys are 1 to 128 characters` };
        if (key.toLowerCase().startsWith("aws:")) return { key, problem: `has an invalid key \`${key}\`: keys cannot start with \`aws:\`, which AWS keeps for its own tags` };
        if (!TAG_TEXT.test(key)) return { key, problem: `has an invalid key \`${key}\`: keys hold only letters, digits, spaces and \`_.:/=+-@\`` };
        if (key === "__proto__") return { key, problem: "has the key `__proto__`, which Pulumi cannot pass to AWS (tags travel as plain objects, where it is not a key); rename it" };
        const value = tags[key] ?? "";
        if (value.length > 256) return { key, problem: `has a value over 256 characters for \`${key}\`` };
        if (!TAG_TEXT.test(value)) return { key, problem: `has an invalid value for \`${key}\`: values hold only letters, digits, spaces and \`_.:/=+-@\`` };
    }
    return undefined;
}

/** CreatePolicy: a name of 1 to 128 ASCII characters. */
export function policyNameProblem(name: string): string | undefined {
    if (name.length === 0 || name.length > 128) return "must be 1 to 128 characters";
    if (/[\u0080-\uffff]/.test(name)) return "must contain only ASCII characters";
    return undefined;
}

/** CreatePolicy: a description of at most 512 characters. */
export function policyDescriptionProblem(description: string): string | undefined {
    return description.length > 512 ? `must be at most 512 characters (it has ${description.length})` : undefined;
}

/**
 * EnableAWSServiceAccess: a service principal of 1 to 128 characters among letters, digits and
 * `+=,.@_-`, in the shape AWS gives every one of them, `service.amazonaws.com`.
 */
export function servicePrincipalProblem(principal: string): string | undefined {
    if (principal.length === 0) return "must not be empty";
    if (principal.length > 128) return `must be at most 128 characters (it has ${principal.length})`;
    if (!/^[\w+=,.@-]*$/.test(principal)) return "must contain only letters, digits and `+=,.@_-`";
    if (!/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/.test(principal)) return "must be a service principal such as `cloudtrail.amazonaws.com`";
    return undefined;
}
