import * as assert from "assert";
import { IAMClient } from "@aws-sdk/client-iam";
import { detectDrift } from "../../src/aws/drift";
import { LiveOrganization } from "../../src/aws/liveOrganization";
import { orgFileFromLive } from "../../src/aws/orgFileFromLive";
import { readLiveRootAccess } from "../../src/aws/readLiveRootAccess";
import { loadModel } from "../support/orgFiles";
import { present } from "../support/present";

// moto 5.2.1 has no `iam:ListOrganizationsFeatures`: the client below answers it in place of
// AWS with the response shape of the IAM API reference, so that the reading is tested; import
// and drift are pure functions of what it reads.

function iamAnswering(features: string[]): IAMClient {
    const client = new IAMClient({ region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
    client.middlewareStack.add(() => () => Promise.resolve({ output: { OrganizationId: "o-abcdefghij", EnabledFeatures: features, $metadata: {} }, response: {} }), { step: "initialize", name: "answerInPlaceOfAws" });
    return client;
}

const LIVE: LiveOrganization = {
    id: "o-abcdefghij",
    featureSet: "ALL",
    managementAccountId: "111111111111",
    rootId: "r-ab12",
    enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"],
    serviceAccessPrincipals: ["iam.amazonaws.com"],
    rootPolicyIds: ["p-FullAWSAccess"],
    policies: [{ id: "p-FullAWSAccess", name: "FullAWSAccess", description: "", content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', awsManaged: true }],
    organizationalUnits: [],
    accounts: [{ id: "111111111111", name: "management", email: "m@example.com", state: "ACTIVE", parentId: "r-ab12", ouPath: null, policyIds: ["p-FullAWSAccess"] }],
    delegatedAdministrators: [],
};

describe("centralized root access: import and drift", () => {
    it("reads which features IAM has enabled", async () => {
        assert.deepStrictEqual(await readLiveRootAccess(iamAnswering(["RootCredentialsManagement"])), { credentialsManagement: true, rootSessions: false });
        assert.deepStrictEqual(await readLiveRootAccess(iamAnswering([])), { credentialsManagement: false, rootSessions: false });
    });

    it("imports the features that are on, and nothing when none is", () => {
        const on = orgFileFromLive({ ...LIVE, rootAccess: { credentialsManagement: true, rootSessions: true } });
        assert.deepStrictEqual(on.document.organization.rootAccess, { credentialsManagement: true, rootSessions: true });
        const half = orgFileFromLive({ ...LIVE, rootAccess: { credentialsManagement: false, rootSessions: true } });
        assert.deepStrictEqual(half.document.organization.rootAccess, { credentialsManagement: undefined, rootSessions: true });
        assert.strictEqual(orgFileFromLive({ ...LIVE, rootAccess: { credentialsManagement: false, rootSessions: false } }).document.organization.rootAccess, undefined);
    });

    it("reports a feature on one side only, at the organization", () => {
        const model = loadModel('organization:\n  id: o-abcdefghij\n  rootId: r-ab12\n  managementAccountId: "111111111111"\n  rootAccess: { credentialsManagement: true }\nroot: {}\naccounts:\n  - { name: management, email: m@example.com, id: "111111111111" }\n');
        const drift = detectDrift(model, { ...LIVE, rootAccess: { credentialsManagement: false, rootSessions: true } });
        assert.deepStrictEqual(drift.map((d) => d.kind), ["root-access", "root-access"]);
        assert.match(present(drift[0]).message, /^`RootCredentialsManagement` is on in the file \(`rootAccess.credentialsManagement`\) but off in AWS\.$/);
        assert.match(present(drift[0]).fix, /`pulumi up` enables it/);
        assert.match(present(drift[1]).message, /^`RootSessions` is on in AWS but not in the file\.$/);
        assert.strictEqual(present(drift[0]).source?.line, model.organization.source.line);
        assert.deepStrictEqual(detectDrift(model, { ...LIVE, rootAccess: { credentialsManagement: true, rootSessions: false } }), []);
    });
});
