import * as assert from "assert";
import { buildUnderMocks, Resources, TYPES } from "../support/capture";
import { loadModel, yaml } from "../support/orgFiles";

const FEATURES = "aws:iam/organizationsFeatures:OrganizationsFeatures";

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
});
