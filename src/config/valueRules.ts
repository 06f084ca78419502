/**
 * AWS's rules for single values, as pure functions returning a problem description or
 * `undefined`. Sources: the Organizations API reference (CreateAccount, CreateOrganizationalUnit)
 * and the IAM role name rules.
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

export function tagsProblem(tags: Readonly<Record<string, string>>): string | undefined {
    const keys = Object.keys(tags);
    if (keys.length > 50) return `must have at most 50 tags (it has ${keys.length})`;
    const badKey = keys.find((k) => k.length === 0 || k.length > 128 || k.toLowerCase().startsWith("aws:"));
    if (badKey !== undefined) return `has an invalid key \`${badKey}\`: keys are 1 to 128 characters and cannot start with \`aws:\``;
    const badValue = Object.entries(tags).find(([, value]) => value.length > 256);
    if (badValue !== undefined) return `has a value over 256 characters for \`${badValue[0]}\``;
    return undefined;
}
