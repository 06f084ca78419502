import { Diagnostic } from "../diagnostics/diagnostic";
import { RawAlternateContacts, RawPrimaryContact } from "./schema";
import { alternatePhoneProblem, contactEmailProblem, countryCodeProblem, fieldLengthProblem, primaryPhoneProblem, STATE_REQUIRED_IN } from "./contactRules";
import { NodePath, YamlSource } from "./yamlSource";
import { ALTERNATE_CONTACT_TYPES, AlternateContact, AlternateContacts, PrimaryContact } from "../model/types";

/** Reads contacts where the file writes them (the defaults or one account), reporting each bad field at its place. */
export class ContactReader {
    constructor(
        private readonly source: YamlSource,
        private readonly diagnostics: Diagnostic[],
    ) {}

    /** The alternate contacts written at `at`, each checked; `of` names whose they are in messages. */
    alternateContacts(raw: RawAlternateContacts | undefined, at: NodePath, of: string): AlternateContacts {
        if (raw === undefined) return {};
        const result: Partial<Record<(typeof ALTERNATE_CONTACT_TYPES)[number], AlternateContact>> = {};
        for (const type of ALTERNATE_CONTACT_TYPES) {
            const c = raw[type];
            if (c === undefined) continue;
            const p: NodePath = [...at, type];
            const label = `the ${type} contact of ${of}`;
            this.field([...p, "name"], c.name, fieldLengthProblem("name", c.name), label);
            this.field([...p, "title"], c.title, fieldLengthProblem("title", c.title), label);
            this.field([...p, "email"], c.email, contactEmailProblem(c.email), label);
            this.field([...p, "phone"], c.phone, alternatePhoneProblem(c.phone), label);
            result[type] = { name: c.name, title: c.title, email: c.email, phone: c.phone, source: this.source.position(p) };
        }
        return result;
    }

    /** The primary contact written at `at`, each field checked, and the state where AWS needs one. */
    primaryContact(raw: RawPrimaryContact | undefined, at: NodePath, of: string): PrimaryContact | undefined {
        if (raw === undefined) return undefined;
        const label = `the primary contact of ${of}`;
        for (const [key, value] of Object.entries(raw) as [keyof RawPrimaryContact, string | undefined][]) {
            if (value === undefined) continue;
            const problem = key === "phone" ? primaryPhoneProblem(value) : key === "countryCode" ? countryCodeProblem(value) : fieldLengthProblem(key, value);
            this.field([...at, key], value, problem, label);
        }
        if (raw.stateOrRegion === undefined && STATE_REQUIRED_IN.has(raw.countryCode)) {
            this.diagnostics.push({
                code: "invalid-contact",
                severity: "error",
                message: `${capitalize(label)} needs \`stateOrRegion\`: AWS requires it for addresses in \`${raw.countryCode}\`.`,
                ...this.source.position(at),
            });
        }
        return { ...stripUndefined(raw), source: this.source.position(at) };
    }

    private field(p: NodePath, value: string, problem: string | undefined, label: string): void {
        if (problem === undefined) return;
        const key = String(p[p.length - 1]);
        this.diagnostics.push({ code: "invalid-contact", severity: "error", message: `\`${key}\` of ${label} (\`${value}\`) ${problem}.`, ...this.source.position(p) });
    }
}

function capitalize(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}

function stripUndefined(raw: RawPrimaryContact): Omit<PrimaryContact, "source"> {
    // zod leaves an omitted optional key out, or undefined: either way it is not part of the contact.
    return Object.fromEntries((Object.entries(raw) as [string, string | undefined][]).filter(([, v]) => v !== undefined)) as Omit<PrimaryContact, "source">;
}
