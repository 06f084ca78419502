import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DELEGATED_SERVICES } from "../../src/model/delegatedServices";
import { assertDiagnostics, loadModel, loadYaml, yaml } from "../support/orgFiles";
import { present } from "../support/present";

describe("loadOrgFile: organization.rootAccess", () => {
    it("enables what the file says, and adds IAM's trusted access after the listed services", () => {
        const model = loadModel("organization:\n  serviceAccessPrincipals: [cloudtrail.amazonaws.com]\n  rootAccess: { credentialsManagement: true, rootSessions: true }\n");
        assert.deepStrictEqual(model.organization.rootAccess, { credentialsManagement: true, rootSessions: true });
        assert.deepStrictEqual(model.organization.serviceAccessPrincipals, ["cloudtrail.amazonaws.com", "iam.amazonaws.com"]);
    });

    it("keeps IAM once when the file lists it already", () => {
        const model = loadModel("organization:\n  serviceAccessPrincipals: [iam.amazonaws.com]\n  rootAccess: { rootSessions: true }\n");
        assert.deepStrictEqual(model.organization.rootAccess, { credentialsManagement: false, rootSessions: true });
        assert.deepStrictEqual(model.organization.serviceAccessPrincipals, ["iam.amazonaws.com"]);
    });

    it("leaves both off, and trusted access as listed, when omitted or all false", () => {
        for (const text of ["organization: {}\n", "organization:\n  rootAccess: { credentialsManagement: false }\n"]) {
            const model = loadModel(text);
            assert.deepStrictEqual(model.organization.rootAccess, { credentialsManagement: false, rootSessions: false });
            assert.deepStrictEqual(model.organization.serviceAccessPrincipals, []);
        }
    });

    it("rejects root access without all features, at the key", () => {
        const r = loadYaml("organization:\n  featureSet: CONSOLIDATED_BILLING\n  rootAccess: { credentialsManagement: true }\n");
        assert.strictEqual(r.model, undefined);
        assertDiagnostics(r, [{ code: "root-access-without-all-features", line: 3, column: 3, message: /^`organization.rootAccess` needs `featureSet: ALL`/ }]);
    });

    it("rejects an unknown feature and a value that is not a boolean, where they are written", () => {
        const r = loadYaml("organization:\n  rootAccess: { credentialsManagement: yes, passwords: false }\n");
        assert.strictEqual(r.model, undefined);
        assert.deepStrictEqual(r.diagnostics.map((d) => [d.line, d.column]), [[2, 40], [2, 45]]);
        assert.match(r.diagnostics.map((d) => d.message).join("\n"), /passwords/);
    });
});

describe("loadOrgFile: organization.delegatedAdministrators", () => {
    const ACCOUNTS = yaml`
        root: {}
        accounts:
          - { name: security, email: security@example.com }
          - { name: management, email: mgmt@example.com, id: "111111111111" }
          - { name: joining, email: joining@example.com, id: "333333333333", invite: true }
    `;

    it("keeps each delegation with its account, and adds each service's trusted access", () => {
        const model = loadModel(`organization:\n  serviceAccessPrincipals: [guardduty.amazonaws.com]\n  delegatedAdministrators:\n    guardduty.amazonaws.com: security\n    securityhub.amazonaws.com: security\n${ACCOUNTS}`);
        assert.deepStrictEqual(
            model.organization.delegatedAdministrators.map((d) => [d.servicePrincipal, d.accountName, d.source.line]),
            [["guardduty.amazonaws.com", "security", 4], ["securityhub.amazonaws.com", "security", 5]],
        );
        assert.deepStrictEqual(model.organization.serviceAccessPrincipals, ["guardduty.amazonaws.com", "securityhub.amazonaws.com"]);
    });

    it("rejects a service that cannot be delegated at its key, with the closest one", () => {
        const r = loadYaml(`organization:\n  delegatedAdministrators:\n    guarduty.amazonaws.com: security\n${ACCOUNTS}`);
        assert.strictEqual(r.model, undefined);
        assertDiagnostics(r, [{ code: "unknown-delegated-service", line: 3, column: 5, message: /^`guarduty.amazonaws.com` is not a service .* Did you mean `guardduty.amazonaws.com`\?/ }]);
    });

    it("rejects an account the file does not have, the management account and an invited one, at the value", () => {
        const r = loadYaml(`organization:\n  managementAccountId: "111111111111"\n  delegatedAdministrators:\n    guardduty.amazonaws.com: securty\n    securityhub.amazonaws.com: management\n    access-analyzer.amazonaws.com: joining\n${ACCOUNTS}`);
        assert.strictEqual(r.model, undefined);
        assertDiagnostics(r, [
            { code: "unknown-delegated-account", line: 4, column: 30, message: /^`securty`, the delegated administrator of Amazon GuardDuty, is not an account of the file\. Did you mean `security`\?$/ },
            { code: "invalid-delegated-account", line: 5, column: 32, message: /is the management account/ },
            { code: "invalid-delegated-account", line: 6, column: 36, message: /is invited and not a member yet/ },
        ]);
    });

    it("documents every service that can be delegated, with its own designation call", () => {
        const docs = fs.readFileSync(path.join(__dirname, "../../docs/organization-settings.md"), "utf8");
        for (const [principal, s] of DELEGATED_SERVICES) {
            assert.ok(docs.includes(`| \`${principal}\` | ${s.service} | ${s.designatedBy === undefined ? "–" : `\`${s.designatedBy}\``} |`), `${principal} is not in docs/organization-settings.md`);
        }
    });

    it("rejects delegation without all features", () => {
        const r = loadYaml(`organization:\n  featureSet: CONSOLIDATED_BILLING\n  delegatedAdministrators:\n    guardduty.amazonaws.com: security\n${ACCOUNTS}`);
        assert.strictEqual(r.model, undefined);
        assertDiagnostics(r, [{ code: "delegation-without-all-features", line: 3, column: 3 }]);
    });
});

describe("loadOrgFile: alternate and primary contacts", () => {
    const SEC = "{ name: Sec Team, title: CISO, email: sec@example.com, phone: \"+1-555-0100\" }";
    const OPS = "{ name: Ops, title: On call, email: ops@example.com, phone: \"+1 (555) 0101\" }";
    const ADDRESS = "{ fullName: Jane Doe, companyName: HealthCo, addressLine1: 1 Main St, city: Springfield, stateOrRegion: IL, postalCode: \"62701\", countryCode: US, phone: \"+1 555 0100\" }";

    it("gives every account the defaults, each type an account sets replaced by its own, and adds Account Management's trusted access", () => {
        const model = loadModel(yaml`
            organization:
              defaults:
                alternateContacts: { security: ${SEC}, operations: ${OPS} }
                primaryContact: ${ADDRESS}
            root: {}
            accounts:
              - { name: shop, email: shop@example.com }
              - name: lab
                email: lab@example.com
                alternateContacts: { operations: { name: Lab, title: Lead, email: lab-ops@example.com, phone: "555 0199" } }
        `);
        const [shop, lab] = [present(model.allAccounts[0], "shop"), present(model.allAccounts[1], "lab")];
        assert.deepStrictEqual(Object.keys(shop.alternateContacts).sort(), ["operations", "security"]);
        assert.strictEqual(shop.alternateContacts.security?.email, "sec@example.com");
        assert.strictEqual(lab.alternateContacts.security?.email, "sec@example.com");
        const labOps = present(lab.alternateContacts.operations, "lab's operations contact");
        assert.deepStrictEqual([labOps.name, labOps.source.line], ["Lab", 10]);
        assert.strictEqual(shop.primaryContact?.city, "Springfield");
        assert.deepStrictEqual(model.organization.serviceAccessPrincipals, ["account.amazonaws.com"]);
    });

    it("needs no trusted access when only the management account has contacts", () => {
        const model = loadModel(`organization:\n  managementAccountId: "111111111111"\nroot: {}\naccounts:\n  - { name: mgmt, email: mgmt@example.com, id: "111111111111", alternateContacts: { security: ${SEC} } }\n`);
        assert.deepStrictEqual(model.organization.serviceAccessPrincipals, []);
    });

    it("rejects what AWS refuses, each at its field: email, phone, lengths, country, the state AWS needs", () => {
        const r = loadYaml(yaml`
            organization:
              defaults:
                alternateContacts:
                  security: { name: Sec, title: "", email: sec@example, phone: "+1 555 0100 ext. 4" }
            root: {}
            accounts:
              - name: shop
                email: shop@example.com
                primaryContact: { fullName: Jane, addressLine1: 1 Main St, city: Springfield, postalCode: "62701", countryCode: us, phone: "555 0100" }
              - name: lab
                email: lab@example.com
                primaryContact: { fullName: Jane, addressLine1: 1 Main St, city: Springfield, postalCode: "62701", countryCode: US, phone: "+1 555 0100" }
        `);
        assert.strictEqual(r.model, undefined);
        assertDiagnostics(r, [
            { code: "invalid-contact", line: 4, column: 37, message: /^`title` of the security contact of every account \(`defaults`\) \(``\) must be 1 to 50 characters long \(it has 0\)\.$/ },
            { code: "invalid-contact", line: 4, column: 48, message: /^`email` of the security contact .* must be an email address/ },
            { code: "invalid-contact", line: 4, column: 68, message: /^`phone` of the security contact .* must hold only digits, spaces and `\(\)\+-`/ },
            { code: "invalid-contact", line: 9, column: 117, message: /^`countryCode` of the primary contact of account `shop` \(`us`\) must be an ISO 3166 two-letter country code in capitals/ },
            { code: "invalid-contact", line: 9, column: 128, message: /^`phone` of the primary contact of account `shop` \(`555 0100`\) must start with `\+`/ },
            { code: "invalid-contact", line: 12, column: 21, message: /^The primary contact of account `lab` needs `stateOrRegion`: AWS requires it for addresses in `US`\.$/ },
        ]);
    });

    it("rejects a contact type AWS does not have and a contact without its phone", () => {
        const r = loadYaml(`organization:\n  defaults:\n    alternateContacts:\n      legal: ${SEC}\n      billing: { name: B, title: T, email: b@example.com }\nroot: {}\n`);
        assert.strictEqual(r.model, undefined);
        assert.deepStrictEqual(r.diagnostics.map((d) => d.line), [4, 5]);
        assert.match(present(r.diagnostics[0]).message, /legal/);
        assert.match(present(r.diagnostics[1]).message, /phone/);
    });
});
