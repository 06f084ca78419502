import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { readBoolean, readString, readStringMap, UNKNOWN } from "./known";
import { configSchemaOf, settingsOf } from "./settings";
import { accountName, isRetired, listNames } from "./shared";
import { RETIRED_TAG, TYPES } from "../core/names";

const accountsProtectedSettings = z.object({
    closeOnDeletionAllowed: z.array(z.string().min(1)).default([]).describe("Names of the accounts that may have `closeOnDeletion: true`."),
});

/**
 * Deleting an account resource removes the account from the organization, or closes it
 * when `closeOnDeletion` is set (suspended for 90 days). Only retired accounts may be
 * unprotected, and closing is allowed only for accounts named in the config.
 */
export const accountsProtected: ResourceValidationPolicy = {
    name: "accounts-protected",
    description: "Checks that every account is protected (retired ones excepted) and is not closed on deletion unless allowed.",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(accountsProtectedSettings),
    validateResource: (args, reportViolation) => {
        if (args.type !== TYPES.account) return;
        const name = accountName(args.props, args.name);
        const retired = isRetired(args.props);
        if (!args.opts.protect && retired === false) {
            reportViolation(
                `Account \`${name}\` must have \`protect: true\`: deleting the resource removes the account from the organization. ` +
                `Only retired accounts (tag \`${RETIRED_TAG}\` = \`true\`) may be unprotected; retire it in the org file first.`,
            );
        }
        const { closeOnDeletionAllowed } = settingsOf(args, accountsProtectedSettings);
        if (readBoolean(args.props, "closeOnDeletion") === true && !closeOnDeletionAllowed.includes(name)) {
            reportViolation(
                `Account \`${name}\` must not have \`closeOnDeletion: true\`: deleting the resource would close the AWS account. ` +
                `Set \`closeOnDeletion: false\`, or list \`${name}\` in \`closeOnDeletionAllowed\` of this policy's config.`,
            );
        }
    },
};

/** Pulumi's autonaming: the logical name, a dash and 7 random hex digits. */
function isAutoname(name: string, logicalName: string): boolean {
    return name.length === logicalName.length + 8 && name.startsWith(`${logicalName}-`) && /^[0-9a-f]{7}$/.test(name.slice(-7));
}

/** `name` replaces the account on change, and a replacement creates a brand-new AWS account. */
export const accountNameExplicit: ResourceValidationPolicy = {
    name: "account-name-explicit",
    description: "Checks that every account has an explicit name, not one autonamed by Pulumi.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== TYPES.account) return;
        const name = readString(args.props, "name");
        if (name === UNKNOWN) return;
        if (name === undefined || isAutoname(name, args.name)) {
            reportViolation(
                `Account \`${args.name}\` must set \`name\` explicitly${name === undefined ? "" : ` (it was autonamed \`${name}\`)`}: ` +
                "an autonamed account gets a random suffix, and changing the name later replaces the resource, which creates a new AWS account.",
            );
        }
    },
};

const accountEmailDomainsSettings = z.object({
    allowedDomains: z.array(z.string().min(1)).default([]).describe("Domains account emails may use (exact match, case-insensitive); empty turns the check off."),
});

/** An account's email receives its root user's password resets: it must be a mailbox the company owns. */
export const accountEmailDomains: ResourceValidationPolicy = {
    name: "account-email-domains",
    description: "Checks that account emails use only the configured domains.",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(accountEmailDomainsSettings),
    validateResource: (args, reportViolation) => {
        if (args.type !== TYPES.account) return;
        const { allowedDomains } = settingsOf(args, accountEmailDomainsSettings);
        // Unconfigured, the check is off.
        if (allowedDomains.length === 0) return;
        const email = readString(args.props, "email");
        if (email === UNKNOWN || email === undefined) return;
        const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
        if (!allowedDomains.some((d) => d.toLowerCase() === domain)) {
            reportViolation(
                `Account \`${accountName(args.props, args.name)}\` has email \`${email}\`, outside the allowed domains ${listNames(allowedDomains)}. ` +
                "Use an address in one of them (changing an account's email replaces it: fix this before the account is created).",
            );
        }
    },
};

const accountRequiredTagsSettings = z.object({
    requiredTags: z.array(z.string().min(1)).default(["managed-by"]).describe("Tag keys every account must carry, with a non-empty value."),
});

/** Tags tell whoever finds an account in the console who owns it and that code manages it. */
export const accountRequiredTags: ResourceValidationPolicy = {
    name: "account-required-tags",
    description: "Checks that every account carries the required tags.",
    enforcementLevel: "advisory",
    configSchema: configSchemaOf(accountRequiredTagsSettings),
    validateResource: (args, reportViolation) => {
        if (args.type !== TYPES.account) return;
        const { requiredTags } = settingsOf(args, accountRequiredTagsSettings);
        const tags = readStringMap(args.props, "tags");
        if (tags === UNKNOWN) return;
        const missing = requiredTags.filter((key) => (tags?.[key] ?? "") === "");
        if (missing.length > 0) {
            reportViolation(
                `Account \`${accountName(args.props, args.name)}\` must carry the tag${missing.length === 1 ? "" : "s"} ${listNames(missing)}. ` +
                `Add ${missing.length === 1 ? "it" : "them"} to the account's \`tags\` in the org file, or to \`organization.defaults.tags\` for every account.`,
            );
        }
    },
};
