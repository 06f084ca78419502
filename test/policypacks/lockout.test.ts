import * as assert from "assert";
import { asPreview, assertViolations, change, check, happyOrganization, TYPES, UNKNOWN_STRING } from "./guardrailFixture";
import { accountsKeepAccess } from "../../policypacks/aws-org-guardrails/policies";
import { CapturedResource } from "../../src/plan/types";

const DENY_ALL = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "DenyAll", Effect: "Deny", Action: "*", Resource: "*" }] });

/** `resources` with one more SCP in the library, as the program registers it. */
function withScp(resources: readonly CapturedResource[], name: string, content: string): CapturedResource[] {
    const library = resources.find((r) => r.type === "aws-org:scp:PolicyLibrary");
    assert.ok(library);
    const policy: CapturedResource = {
        type: TYPES.policy,
        name,
        urn: `${library.urn.replace(/::scps$/, "")}$${TYPES.policy}::${name}`,
        parentUrn: library.urn,
        custom: true,
        inputs: { name, content, type: "SERVICE_CONTROL_POLICY" },
        options: { protect: false, dependsOn: [], retainOnDelete: false, ignoreChanges: [], aliases: [], replaceOnChanges: [] },
        dependencies: [],
        propertyDependencies: {},
    };
    return [...resources, policy];
}

/** The stack with `scp` added to the SCP set `set` (`root`, `ou/HIPAA`). */
function attach(resources: readonly CapturedResource[], set: string, scp: string, content: string): CapturedResource[] {
    const stack = withScp(resources, scp, content);
    const current = stack.find((r) => r.name === set && r.type === TYPES.scpAttachments);
    assert.ok(current);
    const names = current.inputs.policyNames as string[];
    const ids = current.inputs.policyIds as string[];
    return change(stack, TYPES.scpAttachments, set, { inputs: { policyNames: [...names, scp], policyIds: [...ids, `p-${scp.toLowerCase()}00000000`] } });
}

const onlyLockout = (stack: readonly CapturedResource[], config?: object) => check(stack, config, [accountsKeepAccess]);

const ALL_ACTIONS = "`sts:AssumeRole`, `iam:GetRole`, `iam:UpdateAssumeRolePolicy`, `iam:AttachRolePolicy`, `iam:PutRolePolicy` and `iam:DetachRolePolicy`";

describe("guardrails: accounts-keep-access", () => {
    it("passes an organization whose SCPs leave every access role what it needs", () => {
        assertViolations(onlyLockout(happyOrganization()), []);
    });

    it("fails when a deny-all SCP sits on the root beside FullAWSAccess, naming every account, the actions, the level and the statement", () => {
        const stack = attach(happyOrganization(), "root", "DenyAllRetired", DENY_ALL);
        const violations = onlyLockout(stack);
        assertViolations(violations, [{ policy: "accounts-keep-access", enforcementLevel: "mandatory", resource: "root" }]);
        assert.strictEqual(
            violations[0]?.message,
            `The access role of accounts \`hipaa-prod\`, \`pci-prod\` and \`legacy-site\` (\`OrganizationAccountAccessRole\`) would lose the essential actions ${ALL_ACTIONS} in us-east-1: ` +
                "SCP `DenyAllRetired` (statement `DenyAll`) at the root denies them. Nobody could then reach these accounts to repair them. " +
                "Attach that SCP lower down, or give its statement a condition that spares the access role (`aws:PrincipalArn`), or list the accounts in `exemptAccounts` " +
                "(or their OU in `exemptOrganizationalUnits`) of this policy's config if that is intended.",
        );
    });

    it("fails when an allow-list leaves out IAM, naming the accounts below it and the level without an Allow", () => {
        const stack = change(happyOrganization(), TYPES.policy, "AllowHipaaServices", {
            inputs: { content: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:*", "sts:*"], Resource: "*" }] }) },
        });
        assertViolations(onlyLockout(stack), [
            {
                policy: "accounts-keep-access",
                resource: "ou/HIPAA",
                message: /^The access role of accounts `hipaa-prod` and `pci-prod` .* would lose the essential actions `iam:GetRole`, .* no SCP attached at OU `HIPAA` allows them \(`AllowHipaaServices`\)\. .*Allow them in an SCP attached there/,
            },
        ]);
    });

    it("judges each Region the organization uses, and IAM in us-east-1, where its endpoint is", () => {
        const denyOutsideEu = JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Sid: "EuOnly", Effect: "Deny", NotAction: ["iam:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1"] } } }],
        });
        const stack = attach(happyOrganization(), "root", "EuOnly", denyOutsideEu).map((r) => (r.type === TYPES.organizationComponent ? { ...r, outputs: { regions: ["eu-west-1", "us-east-1"] } } : r));
        assertViolations(onlyLockout(stack), [{ policy: "accounts-keep-access", resource: "root", message: /would lose the essential action `sts:AssumeRole` in us-east-1: SCP `EuOnly` \(statement `EuOnly`\)/ }]);
        const euOnly = stack.map((r) => (r.type === TYPES.organizationComponent ? { ...r, outputs: { regions: ["eu-west-1"] } } : r));
        assertViolations(onlyLockout(euOnly), []);
    });

    it("evaluates the access role the account component names, as principal and resource", () => {
        const spareTheRole = JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Sid: "OnlyTheRole", Effect: "Deny", Action: "iam:*", Resource: "*", Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/OrganizationAccountAccessRole" } } }],
        });
        const stack = attach(happyOrganization(), "root", "OnlyTheRole", spareTheRole);
        assertViolations(onlyLockout(stack), []);
        const otherRole = stack.map((r) => (r.type === TYPES.accountComponent && r.name === "pci-prod" ? { ...r, outputs: { ...r.outputs, roleName: "Admin" } } : r));
        assertViolations(onlyLockout(otherRole), [{ policy: "accounts-keep-access", message: /^The access role of account `pci-prod` \(`Admin`\) would lose the essential actions `iam:GetRole`/ }]);
    });

    describe("exemptions", () => {
        const locked = () => attach(happyOrganization(), "ou/HIPAA", "DenyAllRetired", DENY_ALL);

        it("spares the accounts and the OUs (with those below) the config names", () => {
            assertViolations(onlyLockout(locked(), { "accounts-keep-access": { exemptAccounts: ["hipaa-prod"] } }), [{ policy: "accounts-keep-access", message: /of account `pci-prod`/ }]);
            assertViolations(onlyLockout(locked(), { "accounts-keep-access": { exemptOrganizationalUnits: ["HIPAA"] } }), []);
            assertViolations(onlyLockout(locked(), { "accounts-keep-access": { exemptOrganizationalUnits: ["HIPAA/PCI"] } }), [{ policy: "accounts-keep-access", message: /of account `hipaa-prod`/ }]);
        });

        it("spares a retired account, the management account, and by default the Retired and Quarantine OUs", () => {
            const retired = change(locked(), TYPES.account, "hipaa-prod", { inputs: { tags: { "aws-org:retired": "true" } } });
            const management = retired.map((r) => (r.type === TYPES.accountComponent && r.name === "pci-prod" ? { ...r, outputs: { ...r.outputs, managementAccount: true } } : r));
            assertViolations(onlyLockout(management), []);
            for (const name of ["Retired", "Quarantine"]) {
                const renamed = change(locked(), TYPES.organizationalUnit, "HIPAA", { inputs: { name } });
                assertViolations(onlyLockout(renamed), []);
            }
        });
    });

    it("checks the actions the config lists instead", () => {
        const denyRead = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:GetObject", Resource: "*" }] });
        const stack = attach(happyOrganization(), "root", "NoReads", denyRead);
        assertViolations(onlyLockout(stack), []);
        assertViolations(onlyLockout(stack, { "accounts-keep-access": { essentialActions: ["s3:GetObject"] } }), [
            { policy: "accounts-keep-access", message: /would lose the essential action `s3:GetObject` in us-east-1: SCP `NoReads` \(statement `0`\) at the root/ },
        ]);
    });

    describe("during a preview", () => {
        it("still finds the lockout while every id is unknown: names and contents decide", () => {
            assertViolations(onlyLockout(asPreview(attach(happyOrganization(), "root", "DenyAllRetired", DENY_ALL))), [
                { policy: "accounts-keep-access", resource: "root", message: /accounts `hipaa-prod`, `pci-prod` and `legacy-site`.*`DenyAllRetired`/ },
            ]);
        });

        it("reports nothing for a valid organization whose ids are unknown", () => {
            assertViolations(onlyLockout(asPreview(happyOrganization())), []);
        });

        it("does not blame an SCP whose content is not known yet, nor an account whose tags are not", () => {
            const unknownContent = change(attach(happyOrganization(), "root", "DenyAllRetired", DENY_ALL), TYPES.policy, "DenyAllRetired", { inputs: { content: UNKNOWN_STRING } });
            assertViolations(onlyLockout(asPreview(unknownContent)), []);
            const unknownTags = change(attach(happyOrganization(), "ou/HIPAA", "DenyAllRetired", DENY_ALL), TYPES.account, "hipaa-prod", { inputs: { tags: UNKNOWN_STRING } });
            assertViolations(onlyLockout(asPreview(unknownTags)), [{ policy: "accounts-keep-access", message: /of account `pci-prod`/ }]);
        });
    });
});
