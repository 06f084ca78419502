import * as assert from "assert";
import { assertDiagnostics, loadModel, loadYaml } from "../support/orgFiles";

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
