import * as assert from "assert";
import { deployedFromPlan } from "../../src/plan/changes";
import { organizationFromState } from "../../src/plan/stateOrganization";
import { RCP_FULL_AWS_ACCESS_ID } from "../../policypacks/aws-org-guardrails/core/policyTypes";
import { FULL_AWS_ACCESS_ID } from "../../src/model/types";
import { buildUnderMocks } from "../support/capture";
import { loadModel, yaml } from "../support/orgFiles";
import { present } from "../support/present";

const RCP = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] });

describe("organizationFromState: the organization a state describes", function () {
    this.timeout(60_000);

    it("gives a target the ids of its SCP set and of its sets of other types, each policy its type, and the delegated administrators", async () => {
        const plan = await buildUnderMocks(loadModel(
            yaml`
                organization:
                  featureSet: ALL
                  delegatedAdministrators: { guardduty.amazonaws.com: app }
                policies:
                  AllowS3: { file: policies/allow-s3.json }
                  Tls: { type: RCP, file: policies/tls.json }
                organizationalUnits:
                  - name: Apps
                    policies: [AllowS3, RCPFullAWSAccess, Tls]
                    accounts: [{ name: app, email: app@example.com }]
            `,
            { "policies/tls.json": RCP },
        ));
        const org = present(organizationFromState(deployedFromPlan(plan.all)));
        const apps = present(org.organizationalUnits.find((o) => o.path === "Apps"));
        const ids = new Map(org.policies.map((p) => [p.name, p.id]));
        assert.deepStrictEqual([...apps.policyIds].sort(), [present(ids.get("AllowS3")), RCP_FULL_AWS_ACCESS_ID, present(ids.get("Tls"))].sort());
        assert.ok(!apps.policyIds.includes(FULL_AWS_ACCESS_ID), "the OU's SCP set replaces the default");
        assert.deepStrictEqual(org.policies.filter((p) => !p.awsManaged).map((p) => [p.name, p.type]), [["AllowS3", undefined], ["Tls", "RESOURCE_CONTROL_POLICY"]]);
        const app = present(org.accounts.find((a) => a.name === "app"));
        assert.deepStrictEqual(app.policyIds, [FULL_AWS_ACCESS_ID], "an account without sets keeps the AWS default");
        assert.deepStrictEqual(org.delegatedAdministrators, [{ accountId: app.id, servicePrincipal: "guardduty.amazonaws.com" }]);
    });
});
