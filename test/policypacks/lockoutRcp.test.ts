import * as assert from "assert";
import { assertViolations, check } from "./guardrailFixture";
import { accountsKeepAccess } from "../../policypacks/aws-org-guardrails/policies";
import { buildUnderMocks } from "../support/capture";
import { loadModel, yaml } from "../support/orgFiles";

const rcp = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Perimeter", Effect: "Deny", Principal: "*", Resource: "*", ...statement }] });

/** The program's resources for an org whose HIPAA OU carries the RCP `content`. */
async function stackWith(content: string) {
    const model = loadModel(
        yaml`
            policies:
              Perimeter: { type: RCP, file: policies/rcp.json }
            organizationalUnits:
              - name: HIPAA
                policies: [Perimeter]
                accounts: [{ name: records, email: records@example.com }]
              - name: General
                accounts: [{ name: web, email: web@example.com }]
        `,
        { "policies/rcp.json": content },
    );
    return (await buildUnderMocks(model)).all;
}

describe("guardrails: accounts-keep-access with RCPs", () => {
    it("fails when an RCP denies the access role sts:AssumeRole, naming the RCP and the level", async () => {
        const violations = check(await stackWith(rcp({ Action: "sts:AssumeRole" })), undefined, [accountsKeepAccess]);
        assertViolations(violations, [{ policy: "accounts-keep-access", resource: "RCP:ou/HIPAA", message: /^The access role of account `records` .* would lose the essential action `sts:AssumeRole` in us-east-1: RCP `Perimeter` \(statement `Perimeter`\) at OU `HIPAA` denies it\. .*Attach that RCP lower down/ }]);
        assert.ok(!violations.some((v) => v.message.includes("`web`")), "an account without the RCP keeps its access");
    });

    it("passes a data perimeter that denies only principals outside the organization", async () => {
        const perimeter = rcp({ Action: "sts:AssumeRole", Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "${aws:ResourceOrgID}" } } });
        assertViolations(check(await stackWith(perimeter), undefined, [accountsKeepAccess]), []);
    });

    it("ignores RCPs on services they cannot restrict for the access role: IAM is not one", async () => {
        assertViolations(check(await stackWith(rcp({ Action: "s3:*" })), undefined, [accountsKeepAccess]), []);
    });
});
