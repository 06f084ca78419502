import { z } from "zod";
import { identityCenterSchema } from "./identityCenterSchema";
import { namedMap } from "./namedMap";
import { OTHER_POLICY_API_NAMES, POLICY_TYPES } from "../../policypacks/aws-org-guardrails/core/policyTypes";

/**
 * The shape of the org file (docs/org-file.md). Value rules that span objects or need AWS
 * knowledge (emails, duplicates, depth, SCP documents) are checked afterwards in `rules/`;
 * this schema only fixes which keys exist and their types. Objects are strict: an unknown
 * key is an error, never silently ignored.
 */

const tags = namedMap(z.string());
const policies = z.array(z.string());

const limits = z.strictObject({
    scpsPerTarget: z.number().int().min(1).optional(),
    scpMaxChars: z.number().int().min(1).optional(),
    ouMaxDepth: z.number().int().min(1).optional(),
    concurrentAccountCreations: z.number().int().min(1).optional(),
    accounts: z.number().int().min(1).optional(),
});

const billing = z.enum(["ALLOW", "DENY"]);

const alternateContact = z.strictObject({
    name: z.string(),
    title: z.string(),
    email: z.string(),
    phone: z.string(),
});

const alternateContacts = z.strictObject({
    billing: alternateContact.optional(),
    operations: alternateContact.optional(),
    security: alternateContact.optional(),
});

const primaryContact = z.strictObject({
    fullName: z.string(),
    companyName: z.string().optional(),
    addressLine1: z.string(),
    addressLine2: z.string().optional(),
    addressLine3: z.string().optional(),
    city: z.string(),
    stateOrRegion: z.string().optional(),
    districtOrCounty: z.string().optional(),
    postalCode: z.string(),
    countryCode: z.string(),
    phone: z.string(),
    websiteUrl: z.string().optional(),
});

/** A list of Regions to enable, or Region -> enabled (`false` disables). */
const optInRegions = z.union([z.array(z.string()), namedMap(z.boolean())]);
export type RawOptInRegions = z.infer<typeof optInRegions>;

export type RawAlternateContacts = z.infer<typeof alternateContacts>;
export type RawPrimaryContact = z.infer<typeof primaryContact>;

const defaults = z.strictObject({
    roleName: z.string().optional(),
    iamUserAccessToBilling: billing.optional(),
    closeOnDeletion: z.boolean().optional(),
    tags: tags.optional(),
    alternateContacts: alternateContacts.optional(),
    primaryContact: primaryContact.optional(),
    optInRegions: optInRegions.optional(),
});

/**
 * Policy types besides SCPs that the organization keeps enabled (SCPs are always enabled with
 * ALL), by API name; the types of the policy library are enabled without being listed.
 */
export const OTHER_POLICY_TYPES = [...OTHER_POLICY_API_NAMES].sort() as [string, ...string[]];

const rootAccess = z.strictObject({
    credentialsManagement: z.boolean().optional(),
    rootSessions: z.boolean().optional(),
});

const organization = z.strictObject({
    featureSet: z.enum(["ALL", "CONSOLIDATED_BILLING"]).optional(),
    enabledPolicyTypes: z.array(z.enum(OTHER_POLICY_TYPES)).optional(),
    id: z.string().optional(),
    rootId: z.string().optional(),
    managementAccountId: z.string().optional(),
    serviceAccessPrincipals: z.array(z.string()).optional(),
    regions: z.array(z.string()).optional(),
    rootAccess: rootAccess.optional(),
    delegatedAdministrators: namedMap(z.string()).optional(),
    resourcePolicy: z.strictObject({ file: z.string() }).optional(),
    limits: limits.optional(),
    defaults: defaults.optional(),
});

const scpEntry = z.strictObject({
    /** Default `SCP`. */
    type: z.enum(POLICY_TYPES).optional(),
    /** Required unless `external` (checked by the library loader, which knows both). */
    file: z.string().optional(),
    id: z.string().optional(),
    /** Managed by someone else (Control Tower, LZA): attached as it is, never edited or detached. */
    external: z.boolean().optional(),
    description: z.string().optional(),
    tags: tags.optional(),
});

/** Stable identity (docs/org-file.md, "Stable identity"): the logical name and the names it had before. */
const previous = z.array(z.string());

const account = z.strictObject({
    name: z.string(),
    email: z.string(),
    id: z.string().optional(),
    policies: policies.optional(),
    tags: tags.optional(),
    roleName: z.string().optional(),
    iamUserAccessToBilling: billing.optional(),
    closeOnDeletion: z.boolean().optional(),
    invite: z.boolean().optional(),
    retired: z.boolean().optional(),
    alternateContacts: alternateContacts.optional(),
    primaryContact: primaryContact.optional(),
    optInRegions: optInRegions.optional(),
    key: z.string().optional(),
    previousNames: previous.optional(),
    allowReplacement: z.boolean().optional(),
});

export type RawAccount = z.infer<typeof account>;

export interface RawOrganizationalUnit {
    key?: string | undefined;
    name: string;
    previousPaths?: string[] | undefined;
    allowReplacement?: boolean | undefined;
    id?: string | undefined;
    policies?: string[] | undefined;
    tags?: Map<string, string> | undefined;
    accounts?: RawAccount[] | undefined;
    organizationalUnits?: RawOrganizationalUnit[] | undefined;
}

const organizationalUnit: z.ZodType<RawOrganizationalUnit> = z.strictObject({
    name: z.string(),
    id: z.string().optional(),
    policies: policies.optional(),
    tags: tags.optional(),
    accounts: z.array(account).optional(),
    key: z.string().optional(),
    previousPaths: previous.optional(),
    allowReplacement: z.boolean().optional(),
    get organizationalUnits() {
        return z.array(organizationalUnit).optional();
    },
});

/**
 * `organization` and `root` are required even when they hold nothing (`organization: {}`,
 * `root: {}`): a file without them is empty or cut short, and must not plan a brand-new
 * organization.
 */
export const orgFileSchema = z.strictObject({
    organization,
    policies: namedMap(scpEntry).optional(),
    root: z.strictObject({ policies: policies.optional() }),
    organizationalUnits: z.array(organizationalUnit).optional(),
    accounts: z.array(account).optional(),
    identityCenter: identityCenterSchema.optional(),
    removed: z
        .strictObject({
            accounts: z.array(z.string()).optional(),
            organizationalUnits: z.array(z.string()).optional(),
        })
        .optional(),
});

export type RawOrgFile = z.infer<typeof orgFileSchema>;
