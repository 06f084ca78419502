/**
 * AWS's rules for account contacts, from the Account Management API reference: the
 * `AlternateContact` and `ContactInformation` data types (length constraints and patterns).
 * Each rule returns what is wrong, or undefined.
 */

const length = (min: number, max: number) => (value: string) =>
    value.length < min || value.length > max ? `must be ${min} to ${max} characters long (it has ${value.length})` : undefined;

/** `EmailAddress` of an alternate contact: 1 to 254 characters, `local@domain.tld` in AWS's pattern. */
export function contactEmailProblem(email: string): string | undefined {
    return (
        length(1, 254)(email) ??
        (/^\s*[\w+=.#|!&-]+@[\w.-]+\.\w+\s*$/.test(email) ? undefined : "must be an email address such as `security@example.com` (letters, digits and `+=.#|!&-_` before the `@`)")
    );
}

/** `PhoneNumber` of an alternate contact: 1 to 25 digits, spaces and `()+-`. */
export function alternatePhoneProblem(phone: string): string | undefined {
    return length(1, 25)(phone) ?? (/^[\s0-9()+-]+$/.test(phone) ? undefined : "must hold only digits, spaces and `()+-`, such as `+1-555-0100`");
}

/** `PhoneNumber` of the primary contact: 1 to 20 characters, `+` then digits, spaces and `()-`. */
export function primaryPhoneProblem(phone: string): string | undefined {
    return length(1, 20)(phone) ?? (/^[+][\s0-9()-]+$/.test(phone) ? undefined : "must start with `+` and the country code, then hold only digits, spaces and `()-`, such as `+1 555 0100`");
}

/** `CountryCode` of the primary contact: ISO 3166 two letters. */
export function countryCodeProblem(code: string): string | undefined {
    return /^[A-Z]{2}$/.test(code) ? undefined : "must be an ISO 3166 two-letter country code in capitals, such as `US`";
}

/** Countries whose primary contact AWS refuses without `StateOrRegion`. */
export const STATE_REQUIRED_IN: ReadonlySet<string> = new Set(["US", "CA", "GB", "DE", "JP", "IN", "BR"]);

/** The length limits of the other fields, by the org file's key. */
export const CONTACT_FIELD_LIMITS: Readonly<Record<string, readonly [number, number]>> = {
    name: [1, 64],
    title: [1, 50],
    fullName: [1, 50],
    companyName: [1, 50],
    addressLine1: [1, 60],
    addressLine2: [1, 60],
    addressLine3: [1, 60],
    city: [1, 50],
    stateOrRegion: [1, 50],
    districtOrCounty: [1, 50],
    postalCode: [1, 20],
    websiteUrl: [1, 256],
};

/** The length rule of a field of {@link CONTACT_FIELD_LIMITS}. */
export function fieldLengthProblem(field: string, value: string): string | undefined {
    const limits = CONTACT_FIELD_LIMITS[field];
    return limits === undefined ? undefined : length(limits[0], limits[1])(value);
}
