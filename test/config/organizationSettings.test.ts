import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DELEGATED_SERVICES } from "../../src/model/delegatedServices";
import { assertDiagnostics, loadModel, loadYaml, yaml } from "../support/orgFiles";

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
