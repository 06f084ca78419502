import * as assert from "assert";
import { buildUnderMocks, Resources, TYPES } from "../support/capture";
import { loadModel, yaml } from "../support/orgFiles";

const FEATURES = "aws:iam/organizationsFeatures:OrganizationsFeatures";
const DELEGATION = "aws:organizations/delegatedAdministrator:DelegatedAdministrator";
const CONTACT = "aws:account/alternativeContact:AlternativeContact";
const PRIMARY = "aws:account/primaryContact:PrimaryContact";

describe("AwsOrganization component: organization settings under mocks", () => {
    describe("rootAccess", () => {
        let res: Resources;
        before(async () => {
            res = await buildUnderMocks(
                loadModel(yaml`
                    organization:
                      rootAccess: { credentialsManagement: true, rootSessions: true }
                    root: {}
                    accounts:
                      - { name: new-one, email: new-one@example.com }
                      - { name: joined, email: joined@example.com, id: "222222222222" }
                `),
            );
        });

        it("enables both IAM features once the organization trusts IAM", () => {
            const features = res.get(FEATURES, "root-access");
            assert.deepStrictEqual(features.inputs.enabledFeatures, ["RootCredentialsManagement", "RootSessions"]);
            const organization = res.get(TYPES.organization, "organization");
            assert.deepStrictEqual(organization.inputs.awsServiceAccessPrincipals, ["iam.amazonaws.com"]);
            assert.deepStrictEqual(features.options.dependsOn, [organization.urn]);
        });

        it("creates new accounts after the features, so that they never get root credentials; adopted ones wait for nothing", () => {
            const features = res.get(FEATURES, "root-access");
            assert.deepStrictEqual(res.get(TYPES.account, "new-one").options.dependsOn, [features.urn]);
            assert.deepStrictEqual(res.get(TYPES.account, "joined").options.dependsOn, []);
        });
    });

    it("registers no IAM features when the file leaves root access off", async () => {
        const res = await buildUnderMocks(loadModel("organization:\n  rootAccess: { rootSessions: false }\nroot: {}\n"));
        assert.deepStrictEqual(res.ofType(FEATURES), []);
        assert.strictEqual(res.get(TYPES.organization, "organization").inputs.awsServiceAccessPrincipals, undefined);
    });

    it("enables only the feature the file names", async () => {
        const res = await buildUnderMocks(loadModel("organization:\n  rootAccess: { rootSessions: true }\nroot: {}\n"));
        assert.deepStrictEqual(res.get(FEATURES, "root-access").inputs.enabledFeatures, ["RootSessions"]);
    });

    describe("delegatedAdministrators", () => {
        const file = (id: string) => yaml`
            organization:
              ${id}
              delegatedAdministrators:
                guardduty.amazonaws.com: security
                access-analyzer.amazonaws.com: audit
            root: {}
            accounts:
              - { name: security, email: security@example.com }
              - { name: audit, email: audit@example.com, id: "444444444444" }
        `;

        it("registers each delegate by its service principal, with the account's id, after the organization", async () => {
            const res = await buildUnderMocks(loadModel(file("featureSet: ALL")));
            const guardduty = res.get(DELEGATION, "delegated-admin/guardduty.amazonaws.com");
            const security = res.get(TYPES.account, "security");
            const organization = res.get(TYPES.organization, "organization");
            assert.strictEqual(guardduty.inputs.servicePrincipal, "guardduty.amazonaws.com");
            assert.match(String(guardduty.inputs.accountId), /^\d{12}$/);
            assert.deepStrictEqual(guardduty.propertyDependencies.accountId, [security.urn]);
            assert.deepStrictEqual(guardduty.options.dependsOn, [organization.urn]);
            assert.strictEqual(guardduty.options.deleteBeforeReplace, true, "the old delegate is deregistered before another account is registered");
            assert.deepStrictEqual(organization.inputs.awsServiceAccessPrincipals, ["guardduty.amazonaws.com", "access-analyzer.amazonaws.com"]);
            const analyzer = res.get(DELEGATION, "delegated-admin/access-analyzer.amazonaws.com");
            assert.strictEqual(analyzer.inputs.accountId, "444444444444");
            assert.strictEqual(analyzer.options.import, undefined, "a new organization has no delegation to adopt");
        });

        it("adopts an adopted organization's delegation to an adopted account, and creates the one to a new account", async () => {
            const res = await buildUnderMocks(loadModel(file("id: o-abcdefghij")));
            assert.strictEqual(res.get(DELEGATION, "delegated-admin/access-analyzer.amazonaws.com").options.import, "444444444444/access-analyzer.amazonaws.com");
            assert.strictEqual(res.get(DELEGATION, "delegated-admin/guardduty.amazonaws.com").options.import, undefined);
        });
    });

    describe("contacts", () => {
        let res: Resources;
        before(async () => {
            res = await buildUnderMocks(
                loadModel(yaml`
                    organization:
                      managementAccountId: "111111111111"
                      defaults:
                        alternateContacts:
                          security: { name: Sec Team, title: CISO, email: sec@example.com, phone: "+1-555-0100" }
                    root: {}
                    accounts:
                      - { name: management, email: mgmt@example.com, id: "111111111111" }
                      - name: shop
                        email: shop@example.com
                        alternateContacts: { billing: { name: Shop Billing, title: Finance, email: bill@example.com, phone: "+1-555-0102" } }
                        primaryContact: { fullName: Jane Doe, addressLine1: 1 Main St, city: Springfield, stateOrRegion: IL, postalCode: "62701", countryCode: US, phone: "+1 555 0100" }
                `),
            );
        });

        it("sets each account's alternate contacts under its component, with the account's id", () => {
            const security = res.get(CONTACT, "shop/contact/security");
            assert.deepStrictEqual(
                { ...security.inputs, accountId: undefined },
                { accountId: undefined, alternateContactType: "SECURITY", name: "Sec Team", title: "CISO", emailAddress: "sec@example.com", phoneNumber: "+1-555-0100" },
            );
            assert.deepStrictEqual(security.propertyDependencies.accountId, [res.get(TYPES.account, "shop").urn]);
            assert.strictEqual(res.byUrn(security.parentUrn)?.type, TYPES.accountComponent);
            assert.strictEqual(res.get(CONTACT, "shop/contact/billing").inputs.alternateContactType, "BILLING");
        });

        it("changes the management account's contacts in its own context, without an account id", () => {
            const own = res.get(CONTACT, "management/contact/security");
            assert.strictEqual(own.inputs.accountId, undefined);
            assert.strictEqual(res.find(CONTACT, "management/contact/billing"), undefined);
        });

        it("sets the primary contact where the file gives one, and trusts Account Management", () => {
            const primary = res.get(PRIMARY, "shop/contact/primary");
            assert.deepStrictEqual([primary.inputs.fullName, primary.inputs.countryCode, primary.inputs.phoneNumber, primary.inputs.stateOrRegion], ["Jane Doe", "US", "+1 555 0100", "IL"]);
            assert.strictEqual(res.find(PRIMARY, "management/contact/primary"), undefined);
            assert.deepStrictEqual(res.get(TYPES.organization, "organization").inputs.awsServiceAccessPrincipals, ["account.amazonaws.com"]);
        });
    });
});
