import * as assert from "assert";
import { assertDiagnostics, loadYaml, yaml } from "../support/orgFiles";

const ORG = yaml`
    policies:
      AllowS3: { file: policies/allow-s3.json }
    organizationalUnits:
      - name: Apps
        accounts:
          - { name: app-dev, email: app-dev@example.com }
          - { name: app-prod, email: app-prod@example.com }
        organizationalUnits:
          - name: Data
            accounts:
              - { name: lake, email: lake@example.com }
      - name: Sandbox
        accounts:
          - { name: play, email: play@example.com }
    accounts:
      - { name: tools, email: tools@example.com }
`;

/** The organization above with an `identityCenter:` section (indented by the caller as top-level YAML). */
const withIdentity = (section: string, files: Record<string, string> = {}) => loadYaml(`${ORG}${section}`, files);

const DENY_BILLING = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "ce:*", Resource: "*" }] }, null, 2);

describe("identityCenter in the org file", () => {
    it("resolves managed policies to their ARNs with paths, adds the ready permission sets used, and expands OUs to every account below", () => {
        const r = withIdentity(
            yaml`
            identityCenter:
              permissionSets:
                Dev: { managedPolicies: [PowerUserAccess, job-function/ViewOnlyAccess], inlinePolicy: policies/deny.json, sessionDuration: PT8H }
              groups: [devs, { name: admins, create: true, description: Platform }]
              assignments:
                - { group: devs, permissionSet: Dev, targets: [Apps, app-dev] }
                - { group: admins, permissionSet: AdminWithoutBilling, targets: [/] }
            `,
            { "policies/deny.json": DENY_BILLING },
        );
        assertDiagnostics(r, []);
        const ic = r.model?.identityCenter;
        assert.ok(ic);
        const dev = ic.permissionSets.get("Dev");
        assert.deepStrictEqual(dev?.managedPolicies.map((p) => p.arn), ["arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"]);
        assert.strictEqual(dev.sessionDuration, "PT8H");
        assert.strictEqual(dev.inlinePolicy?.content, JSON.stringify(JSON.parse(DENY_BILLING)));
        assert.deepStrictEqual([...ic.permissionSets.keys()], ["Dev", "AdminWithoutBilling"]);
        assert.deepStrictEqual([...ic.groups.values()].map((g) => [g.name, g.create]), [["devs", false], ["admins", true]]);
        // Apps covers Apps/Data too; app-dev, named twice, is assigned once.
        assert.deepStrictEqual(ic.assignments.map((a) => `${a.group} ${a.permissionSet} ${a.account} via ${a.via}`), [
            "devs Dev app-dev via Apps",
            "devs Dev app-prod via Apps",
            "devs Dev lake via Apps",
            "admins AdminWithoutBilling app-dev via /",
            "admins AdminWithoutBilling app-prod via /",
            "admins AdminWithoutBilling lake via /",
            "admins AdminWithoutBilling play via /",
            "admins AdminWithoutBilling tools via /",
        ]);
    });

    it("names the closest AWS managed policy for a typo, and the exact name for a case mistake, at the list entry", () => {
        const r = withIdentity(yaml`
            identityCenter:
              permissionSets:
                Audit: { managedPolicies: [ReadOnlyAcess, securityaudit, service-role/ViewOnlyAccess] }
        `);
        assertDiagnostics(r, [
            { code: "unknown-managed-policy", line: 19, column: 32, message: /^`ReadOnlyAcess` on permission set `Audit` is not an AWS managed policy \(1594 known, as of 2026-08-26\)\. Did you mean `ReadOnlyAccess`\?$/ },
            { code: "unknown-managed-policy", line: 19, column: 47, message: /Did you mean `SecurityAudit`\? Policy names are case-sensitive\./ },
            { code: "unknown-managed-policy", line: 19, column: 62, message: /`service-role\/ViewOnlyAccess` on permission set `Audit` is not an AWS managed policy .* AWS keeps `ViewOnlyAccess` at `job-function\/ViewOnlyAccess`: write that, or the name alone\.$/ },
        ]);
        assert.strictEqual(r.model, undefined);
    });

    it("checks names, durations, relay states and the managed policy quota against AWS's rules", () => {
        const eleven = ["AmazonS3ReadOnlyAccess", "AmazonEC2ReadOnlyAccess", "AmazonRDSReadOnlyAccess", "AmazonSQSReadOnlyAccess", "AmazonSNSReadOnlyAccess", "AWSLambda_ReadOnlyAccess", "CloudWatchReadOnlyAccess", "AmazonDynamoDBReadOnlyAccess", "IAMReadOnlyAccess", "AmazonVPCReadOnlyAccess", "AWSCloudTrail_ReadOnlyAccess"];
        const r = withIdentity(yaml`
            identityCenter:
              permissionSets:
                Has Space: { managedPolicies: [ReadOnlyAccess] }
                Long: { managedPolicies: [ReadOnlyAccess], sessionDuration: PT13H }
                Short: { managedPolicies: [ReadOnlyAccess], sessionDuration: 1h, relayState: "http://console.aws.amazon.com/" }
                Many: { managedPolicies: [${eleven.join(", ")}] }
        `);
        assertDiagnostics(r, [
            { code: "invalid-permission-set-name", line: 19, column: 5, message: /^Permission set name `Has Space` must be 1 to 32 letters, digits or `\+=,\.@_-` \(no spaces\)\.$/ },
            { code: "invalid-session-duration", line: 20, column: 65, message: /`PT13H` of permission set `Long` is outside Identity Center's range of 1 to 12 hours/ },
            { code: "invalid-session-duration", line: 21, column: 66, message: /`1h` of permission set `Short` is not an ISO 8601 duration/ },
            { code: "invalid-relay-state", line: 21, column: 82, message: /must be an `https:\/\/` URL of the AWS console/ },
            { code: "too-many-managed-policies", line: 22, column: 5, message: /has 11 managed and customer managed policies; an IAM role takes at most 10/ },
        ]);
    });

    it("lints the inline policy like an SCP, at its position in the policy file", () => {
        const policy = '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObjet", "Resource": "*" }]\n}\n';
        const r = withIdentity(
            yaml`
            identityCenter:
              permissionSets:
                Reader: { inlinePolicy: policies/reader.json }
                Gone: { inlinePolicy: policies/missing.json }
            `,
            { "policies/reader.json": policy },
        );
        assertDiagnostics(r, [
            { code: "policy-file-missing", line: 20, column: 27, message: /^Inline policy file `policies\/missing\.json` of permission set `Gone` does not exist/ },
            { code: "scp-unknown-action", line: 3, column: 48, file: r.file.replace("org.yaml", "policies/reader.json"), message: /^Inline policy of permission set `Reader`: Unknown action `s3:GetObjet`.*Did you mean `s3:GetObject`\?/ },
        ]);
    });

    it("reports unknown groups, permission sets and targets with the closest name, and empty targets", () => {
        const r = withIdentity(yaml`
            identityCenter:
              permissionSets:
                Dev: { managedPolicies: [PowerUserAccess] }
              groups: [developers]
              assignments:
                - { group: developer, permissionSet: Dev, targets: [Apps] }
                - { group: developers, permissionSet: Devv, targets: [Apps] }
                - { group: developers, permissionSet: ReadOnlyAcess, targets: [Apps] }
                - { group: developers, permissionSet: Dev, targets: [Apps/Dta, app-dve] }
                - { group: developers, permissionSet: Dev, targets: [] }
        `);
        assertDiagnostics(r, [
            { code: "unknown-group", line: 22, column: 16, message: /^Group `developer` is not in `identityCenter\.groups`\. Did you mean `developers`\?$/ },
            { code: "unknown-permission-set", line: 23, column: 43, message: /^Permission set `Devv` is neither in `identityCenter\.permissionSets` nor a ready one\. Did you mean `Dev`\?$/ },
            { code: "unknown-permission-set", line: 24, column: 43, message: /Did you mean `ReadOnlyAccess`\?$/ },
            { code: "unknown-target", line: 25, column: 58, message: /^Target `Apps\/Dta` is neither an account nor an OU path of this file\. Did you mean `Apps\/Data`\?$/ },
            { code: "unknown-target", line: 25, column: 68, message: /Did you mean `app-dev`\?$/ },
            { code: "empty-targets", line: 26, column: 57 },
        ]);
    });

    it("refuses a ready permission set given policies of its own, a duplicate group and Identity Center without all features", () => {
        const r = loadYaml(yaml`
            organization: { featureSet: CONSOLIDATED_BILLING }
            accounts:
              - { name: tools, email: tools@example.com }
            identityCenter:
              permissionSets:
                Admin: { ready: AdminWithoutBilling, managedPolicies: [ReadOnlyAccess], sessionDuration: PT4H }
                Other: { ready: AdminWithoutBiling }
              groups: [ops, ops]
        `);
        assertDiagnostics(r, [
            { code: "identity-center-without-all-features", line: 4, column: 1 },
            { code: "ready-with-policies", line: 6, column: 42, message: /is the ready `AdminWithoutBilling`, which brings its own policies; remove `managedPolicies`/ },
            { code: "unknown-ready-permission-set", line: 7, column: 21, message: /Did you mean `AdminWithoutBilling`\?$/ },
            { code: "duplicate-group", line: 8, column: 17, message: /^Group `ops` is listed twice \(first at line 8, column 12\)/ },
        ]);
    });

    it("keeps a ready permission set's policies and takes the session and description given beside `ready`", () => {
        const r = withIdentity(yaml`
            identityCenter:
              permissionSets:
                Platform: { ready: AdminWithoutBilling, sessionDuration: PT4H }
              groups: [ops]
              assignments:
                - { group: ops, permissionSet: Platform, targets: [tools] }
        `);
        assertDiagnostics(r, []);
        const ps = r.model?.identityCenter?.permissionSets.get("Platform");
        assert.strictEqual(ps?.ready, "AdminWithoutBilling");
        assert.strictEqual(ps.sessionDuration, "PT4H");
        assert.deepStrictEqual(ps.managedPolicies.map((p) => p.name), ["AdministratorAccess"]);
        assert.ok(ps.inlinePolicy?.content.includes('"ce:*"'));
    });

    it("words shape errors of a name-or-map entry as the two forms it may take", () => {
        const r = withIdentity(yaml`
            identityCenter:
              groups: [{ nam: ops }]
        `);
        assertDiagnostics(r, [{ code: "invalid-value", line: 18, column: 12, message: /^`identityCenter\.groups\[0\]`: must be a group name or `\{ name, create, description \}`\.$/ }]);
    });
});
