import * as assert from "assert";
import { buildUnderMocks } from "../support/capture";
import { assertDiagnostics, loadModel, loadYaml, yaml } from "../support/orgFiles";
import { present } from "../support/present";

const REGION = "aws:account/region:Region";

describe("loadOrgFile: optInRegions", () => {
    it("enables the defaults' Regions in every account; an account's own list or map replaces them", () => {
        const model = loadModel(yaml`
            organization:
              defaults:
                optInRegions: [af-south-1, me-south-1]
            root: {}
            accounts:
              - { name: shop, email: shop@example.com }
              - { name: lab, email: lab@example.com, optInRegions: { ap-east-1: true, af-south-1: false } }
        `);
        const [shop, lab] = [present(model.allAccounts[0]), present(model.allAccounts[1])];
        assert.deepStrictEqual(shop.optInRegions.map((r) => [r.region, r.enabled, r.source.line]), [["af-south-1", true, 3], ["me-south-1", true, 3]]);
        assert.deepStrictEqual(lab.optInRegions.map((r) => [r.region, r.enabled]), [["ap-east-1", true], ["af-south-1", false]]);
        assert.deepStrictEqual(model.organization.serviceAccessPrincipals, ["account.amazonaws.com"]);
    });

    it("rejects an unknown Region with the closest one, a Region that is not opt-in, and a Region given twice, at their place", () => {
        const r = loadYaml(yaml`
            organization:
              defaults:
                optInRegions: [af-sout-1, eu-west-1, me-south-1, me-south-1]
            root: {}
            accounts:
              - { name: lab, email: lab@example.com, optInRegions: { us-east-1: false } }
        `);
        assert.strictEqual(r.model, undefined);
        assertDiagnostics(r, [
            { code: "unknown-region", line: 3, column: 20, message: /^`af-sout-1` in the `optInRegions` of every account \(`defaults`\) is not an AWS Region\. Did you mean `af-south-1`\?$/ },
            { code: "region-not-opt-in", line: 3, column: 31, message: /`eu-west-1` .* is not an opt-in Region: AWS enables it in every account and it cannot be enabled\./ },
            { code: "duplicate-region", line: 3, column: 54 },
            { code: "region-not-opt-in", line: 6, column: 58, message: /`us-east-1` in the `optInRegions` of account `lab` .* cannot be disabled\./ },
        ]);
    });
});

describe("AwsOrganization component: opt-in Regions under mocks", () => {
    it("enables each Region in each account, one at a time per account, the management account in its own context", async () => {
        const res = await buildUnderMocks(loadModel(yaml`
            organization:
              managementAccountId: "111111111111"
              defaults:
                optInRegions: [af-south-1, me-south-1]
            root: {}
            accounts:
              - { name: management, email: m@example.com, id: "111111111111" }
              - { name: shop, email: shop@example.com }
        `));
        const first = res.get(REGION, "shop/region/af-south-1");
        const second = res.get(REGION, "shop/region/me-south-1");
        assert.deepStrictEqual([first.inputs.regionName, first.inputs.enabled], ["af-south-1", true]);
        assert.deepStrictEqual(first.propertyDependencies.accountId, [res.get("aws:organizations/account:Account", "shop").urn]);
        assert.ok(second.options.dependsOn.includes(first.urn), "the account's second Region waits for its first");
        assert.strictEqual(res.get(REGION, "management/region/af-south-1").inputs.accountId, undefined);
    });

    it("spreads accounts over at most 50 chains, so that no more Region requests run at once than AWS accepts", async () => {
        const accounts = Array.from({ length: 120 }, (_, i) => `  - { name: a${i}, email: a${i}@example.com }`).join("\n");
        const res = await buildUnderMocks(loadModel(`organization:\n  defaults:\n    optInRegions: [af-south-1]\nroot: {}\naccounts:\n${accounts}\n`));
        const regions = res.ofType(REGION);
        assert.strictEqual(regions.length, 120);
        const starts = regions.filter((r) => !r.options.dependsOn.some((d) => regions.some((o) => o.urn === d)));
        assert.strictEqual(starts.length, 50);
        assert.ok(res.get(REGION, "a50/region/af-south-1").options.dependsOn.includes(res.get(REGION, "a0/region/af-south-1").urn));
    });
});
