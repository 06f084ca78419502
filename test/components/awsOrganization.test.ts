import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { loadOrgModel } from "../../src/config/loadOrgFile";
import { captureProgram } from "../../src/plan/captureProgram";
import { buildUnderMocks, Resources, TYPES } from "../support/capture";
import { loadModel, writeOrgFiles, yaml } from "../support/orgFiles";
import { present } from "../support/present";

const PROD = path.join(__dirname, "..", "..", "config", "prod.yaml");

describe("AwsOrganization component: the prod example under mocks", () => {
    let res: Resources;
    before(async () => {
        res = await buildUnderMocks(loadOrgModel(PROD), "prod");
    });

    it("creates the organization with all features, SCPs and the policy types its library uses enabled, protected", () => {
        const org = res.get(TYPES.organization, "organization");
        assert.strictEqual(org.inputs.featureSet, "ALL");
        assert.deepStrictEqual(org.inputs.enabledPolicyTypes, ["SERVICE_CONTROL_POLICY", "BACKUP_POLICY", "RESOURCE_CONTROL_POLICY", "TAG_POLICY"]);
        assert.deepStrictEqual(org.inputs.awsServiceAccessPrincipals, ["cloudtrail.amazonaws.com", "config.amazonaws.com", "iam.amazonaws.com", "guardduty.amazonaws.com", "securityhub.amazonaws.com", "account.amazonaws.com"]);
        assert.strictEqual(org.options.protect, true);
        assert.strictEqual(org.options.import, undefined);
    });

    it("builds the HIPAA / PCI / General tree with HIPAA/PCI nested under HIPAA", () => {
        assert.deepStrictEqual(res.ofType(TYPES.ou).map((r) => r.name).sort(), ["General", "HIPAA", "HIPAA/PCI", "PCI"]);
        const nested = res.get(TYPES.ou, "HIPAA/PCI");
        assert.strictEqual(nested.inputs.name, "PCI");
        const hipaa = res.get(TYPES.ou, "HIPAA");
        assert.deepStrictEqual(nested.propertyDependencies.parentId, [hipaa.urn], "HIPAA/PCI is created inside HIPAA");
        assert.match(String(nested.inputs.parentId), /^ou-[a-z0-9]{4}-[a-z0-9]{8}$/);
        assert.deepStrictEqual(hipaa.propertyDependencies.parentId, [res.get(TYPES.organization, "organization").urn], "top-level OUs sit on the root");
        assert.match(String(hipaa.inputs.parentId), /^r-[a-z0-9]{4}$/);
        const component = present(res.byUrn(nested.parentUrn));
        assert.strictEqual(component.type, TYPES.ouComponent);
        assert.strictEqual(res.byUrn(component.parentUrn)?.name, "HIPAA");
    });

    it("puts every account in its OU with explicit name, email, role and billing access", () => {
        const account = res.get(TYPES.account, "patient-payments-prod");
        const ou = res.get(TYPES.ou, "HIPAA/PCI");
        assert.deepStrictEqual(account.propertyDependencies.parentId, [ou.urn]);
        assert.deepStrictEqual(
            { name: account.inputs.name, email: account.inputs.email, roleName: account.inputs.roleName, billing: account.inputs.iamUserAccessToBilling, close: account.inputs.closeOnDeletion },
            { name: "patient-payments-prod", email: "aws+patient-payments-prod@healthco.example", roleName: "OrganizationAccountAccessRole", billing: "DENY", close: false },
        );
        assert.deepStrictEqual(account.inputs.tags, { "managed-by": "pulumi", company: "healthco", team: "patient-payments", environment: "prod" });
        assert.deepStrictEqual(account.options.customTimeouts, { create: "60m" });
        assert.strictEqual(res.ofType(TYPES.account).length, 35);
    });

    it("protects the organization, the root's SCP set and every account", () => {
        assert.ok(res.ofType(TYPES.account).every((a) => a.options.protect), "every account is protected");
        assert.strictEqual(res.get(TYPES.attachments, "root").options.protect, true);
    });

    it("creates the policy library with minified documents; FullAWSAccess is never created", () => {
        assert.deepStrictEqual(res.ofType(TYPES.policy).map((p) => [p.name, p.inputs.type]).sort(), [
            ["AllowHipaaServices", "SERVICE_CONTROL_POLICY"],
            ["AllowPciServices", "SERVICE_CONTROL_POLICY"],
            ["DenyLeaveOrganization", "SERVICE_CONTROL_POLICY"],
            ["DenyRootUser", "SERVICE_CONTROL_POLICY"],
            ["HipaaDailyBackup", "BACKUP_POLICY"],
            ["HipaaDataPerimeter", "RESOURCE_CONTROL_POLICY"],
            ["HipaaRequiredTags", "TAG_POLICY"],
        ]);
        const deny = res.get(TYPES.policy, "DenyLeaveOrganization");
        assert.strictEqual(deny.inputs.type, "SERVICE_CONTROL_POLICY");
        assert.strictEqual(deny.inputs.content, '{"Version":"2012-10-17","Statement":[{"Sid":"DenyLeaveOrganization","Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}');
    });

    it("sets the exact SCP set on the root, HIPAA, HIPAA/PCI and PCI, and none where the AWS default stays", () => {
        const root = res.get(TYPES.attachments, "root");
        assert.deepStrictEqual(root.inputs.policyNames, ["FullAWSAccess", "DenyLeaveOrganization", "DenyRootUser"]);
        const ids = root.inputs.policyIds as string[];
        assert.strictEqual(ids[0], "p-FullAWSAccess");
        assert.match(present(ids[1]), /^p-[a-z0-9]{8}$/);
        const hipaa = res.get(TYPES.attachments, "ou/HIPAA");
        assert.deepStrictEqual(hipaa.inputs.policyNames, ["AllowHipaaServices"], "FullAWSAccess is detached from HIPAA");
        assert.deepStrictEqual(res.get(TYPES.attachments, "ou/HIPAA/PCI").inputs.policyNames, ["AllowPciServices"]);
        assert.deepStrictEqual(res.get(TYPES.attachments, "ou/PCI").inputs.policyNames, ["AllowPciServices"]);
        assert.deepStrictEqual(res.get(TYPES.attachments, "RCP:ou/HIPAA").inputs.policyNames, ["RCPFullAWSAccess", "HipaaDataPerimeter"]);
        assert.deepStrictEqual(res.get(TYPES.attachments, "TAG:ou/HIPAA").inputs.policyNames, ["HipaaRequiredTags"]);
        assert.deepStrictEqual(res.get(TYPES.attachments, "BACKUP:ou/HIPAA").inputs.policyNames, ["HipaaDailyBackup"]);
        assert.deepStrictEqual(hipaa.propertyDependencies.targetId, [res.get(TYPES.ou, "HIPAA").urn], "the set targets the HIPAA OU");
        assert.match(String(hipaa.inputs.targetId), /^ou-[a-z0-9]{4}-[a-z0-9]{8}$/);
        assert.strictEqual(res.find(TYPES.attachments, "ou/General"), undefined);
        assert.strictEqual(res.find(TYPES.attachments, "account/patient-payments-prod"), undefined);
    });

    it("adopts accounts that have an id with import, no roleName and ignored unreadable fields", () => {
        const legacy = res.get(TYPES.account, "legacy-site");
        assert.strictEqual(legacy.options.import, "222222222222");
        assert.strictEqual(legacy.inputs.roleName, undefined);
        assert.strictEqual(legacy.inputs.iamUserAccessToBilling, undefined);
        assert.deepStrictEqual(legacy.options.ignoreChanges, ["roleName", "iamUserAccessToBilling"]);
        assert.deepStrictEqual(legacy.options.dependsOn, [], "adopted accounts are not created, so they wait for nothing");
        assert.strictEqual(res.get(TYPES.account, "management").options.import, "111111111111");
    });

    it("registers, as plain outputs, the facts the guardrails read: the Regions, each account's access role, the management account", () => {
        assert.deepStrictEqual(res.get("aws-org:index:Organization", "aws-org").outputs?.regions, ["us-east-1"]);
        const facts = (name: string) => {
            const outputs = res.get(TYPES.accountComponent, name).outputs ?? {};
            return [outputs.roleName, outputs.managementAccount];
        };
        assert.deepStrictEqual(facts("patient-payments-prod"), ["OrganizationAccountAccessRole", false]);
        // An adopted account's resource leaves roleName unset: its component still says it.
        assert.deepStrictEqual(facts("legacy-site"), ["OrganizationAccountAccessRole", false]);
        assert.deepStrictEqual(facts("management"), ["OrganizationAccountAccessRole", true]);
    });
});

describe("AwsOrganization component: adoption", () => {
    it("adopts OUs and SCPs that carry an id, keeps other policy types, and leaves invited accounts out until they join", async () => {
        const res = await buildUnderMocks(
            loadModel(yaml`
                organization: { id: o-abcdefghij, enabledPolicyTypes: [TAG_POLICY] }
                policies:
                  AllowS3: { file: policies/allow-s3.json, id: p-abcdefgh }
                organizationalUnits:
                  - { name: A, id: ou-ab12-12345678, policies: [AllowS3] }
                accounts:
                  - { name: joining, email: joining@example.com, id: "666666666666", invite: true }
            `),
        );
        const org = res.get(TYPES.organization, "organization");
        assert.strictEqual(org.options.import, "o-abcdefghij");
        assert.deepStrictEqual(org.inputs.enabledPolicyTypes, ["SERVICE_CONTROL_POLICY", "TAG_POLICY"]);
        assert.strictEqual(res.get(TYPES.ou, "A").options.import, "ou-ab12-12345678");
        assert.strictEqual(res.get(TYPES.policy, "AllowS3").options.import, "p-abcdefgh");
        assert.strictEqual(res.find(TYPES.account, "joining"), undefined);
    });
});

describe("AwsOrganization component: logical names", () => {
    const forward = yaml`
        policies:
          AllowS3: { file: policies/allow-s3.json }
        organizationalUnits:
          - name: A
            policies: [AllowS3]
            accounts:
              - { name: a1, email: a1@example.com }
              - { name: a2, email: a2@example.com, id: "333333333333" }
            organizationalUnits:
              - name: Inner
                accounts: [{ name: i1, email: i1@example.com, policies: [AllowS3] }]
          - name: B
            accounts: [{ name: b1, email: b1@example.com }]
        accounts: [{ name: r1, email: r1@example.com }]
    `;
    const reversed = yaml`
        accounts: [{ name: r1, email: r1@example.com }]
        organizationalUnits:
          - name: B
            accounts: [{ name: b1, email: b1@example.com }]
          - name: A
            organizationalUnits:
              - name: Inner
                accounts: [{ name: i1, email: i1@example.com, policies: [AllowS3] }]
            accounts:
              - { name: a2, email: a2@example.com, id: "333333333333" }
              - { name: a1, email: a1@example.com }
            policies: [AllowS3]
        policies:
          AllowS3: { file: policies/allow-s3.json }
    `;

    it("do not change when OUs and accounts are reordered in the file", async () => {
        const snapshot = (r: Resources) =>
            r.all
                .map((x) => ({ urn: x.urn, inputs: x.inputs, options: x.options }))
                .sort((a, b) => a.urn.localeCompare(b.urn));
        const a = await buildUnderMocks(loadModel(forward));
        const b = await buildUnderMocks(loadModel(reversed));
        assert.deepStrictEqual(snapshot(b), snapshot(a));
        assert.ok(a.find(TYPES.attachments, "account/i1"), "an account with its own list gets its own SCP set");
    });
});

describe("AwsOrganization component: moving accounts", () => {
    it("keeps an account's URN when it moves between the root, an OU, a nested OU and retirement", async () => {
        const place = async (where: string) => {
            const res = await buildUnderMocks(loadModel(where));
            return res.get(TYPES.account, "mover").urn;
        };
        const account = "{ name: mover, email: mover@example.com, id: \"777777777777\" }";
        const urns = new Set([
            await place(`accounts: [${account}]\n`),
            await place(`organizationalUnits:\n  - name: A\n    accounts: [${account}]\n`),
            await place(`organizationalUnits:\n  - name: A\n    organizationalUnits:\n      - name: B\n        accounts: [${account}]\n`),
            await place(`accounts: [{ name: mover, email: mover@example.com, id: "777777777777", retired: true }]\n`),
        ]);
        assert.strictEqual(urns.size, 1, [...urns].join("\n"));
    });
});

describe("AwsOrganization component: account creation concurrency", () => {
    /** Round in which each created account can start: one after the account it waits for. */
    function rounds(res: Resources): Map<string, number> {
        const created = res.ofType(TYPES.account).filter((a) => a.options.import === undefined);
        const byUrn = new Map(created.map((a) => [a.urn, a]));
        const round = new Map<string, number>();
        const roundOf = (urn: string): number => {
            const known = round.get(urn);
            if (known !== undefined) return known;
            const deps = present(byUrn.get(urn)).options.dependsOn.filter((d) => byUrn.has(d));
            const r = deps.length === 0 ? 1 : 1 + Math.max(...deps.map(roundOf));
            round.set(urn, r);
            return r;
        };
        created.forEach((a) => roundOf(a.urn));
        return round;
    }

    function organizationWith(accounts: number, limit?: number): string {
        const list = Array.from({ length: accounts }, (_, i) => `  - { name: acct-${String(i).padStart(2, "0")}, email: acct-${i}@example.com }`).join("\n");
        return `${limit ? `organization: { limits: { concurrentAccountCreations: ${limit} } }\n` : ""}accounts:\n${list}\n  - { name: adopted, email: old@example.com, id: "444444444444" }\n`;
    }

    it("creates 50 new accounts in ⌈50/5⌉ = 10 rounds, never more than 5 at once", async () => {
        const res = await buildUnderMocks(loadModel(organizationWith(50)));
        const perRound = new Map<number, number>();
        for (const r of rounds(res).values()) perRound.set(r, (perRound.get(r) ?? 0) + 1);
        assert.strictEqual(Math.max(...perRound.keys()), 10);
        assert.ok([...perRound.values()].every((n) => n <= 5), `accounts per round: ${[...perRound.values()].join(",")}`);
    });

    it("follows limits.concurrentAccountCreations", async () => {
        const res = await buildUnderMocks(loadModel(organizationWith(7, 2)));
        const perRound = new Map<number, number>();
        for (const r of rounds(res).values()) perRound.set(r, (perRound.get(r) ?? 0) + 1);
        assert.deepStrictEqual([...perRound.entries()].sort(), [[1, 2], [2, 2], [3, 2], [4, 1]]);
    });
});

describe("the program (index.ts)", () => {
    const program = path.join(__dirname, "..", "..", "index.ts");

    // Each run loads the program afresh; Node's module cache is a dictionary of loaded files.
    const forgetProgram = () => {
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- removing an entry is how a module is loaded again
        delete require.cache[require.resolve(program)];
    };

    beforeEach(forgetProgram);

    it("registers no resource at all when the org file has an error, and names the problem", async () => {
        const file = writeOrgFiles("accounts:\n  - { name: a, email: not-an-email }\n");
        const registered: string[] = [];
        await assert.rejects(
            captureProgram({
                run: () => {
                    pulumi.runtime.registerStackTransformation((args) => {
                        registered.push(args.name);
                        return undefined;
                    });
                    return import(program);
                },
                config: { "aws-org:orgFile": file },
                stack: "dev",
            }),
            (e: Error) => /org\.yaml:2:23: Email `not-an-email` of account `a` must contain exactly one `@`/.test(e.message),
        );
        assert.deepStrictEqual(registered, []);
    });

    it("registers the file's Regions, else the stack's Region and us-east-1", async () => {
        const regionsOf = async (config: Record<string, string>) => {
            forgetProgram();
            const resources = await captureProgram({ run: () => import(program), config, stack: "prod" });
            return new Resources(resources).get("aws-org:index:Organization", "aws-org").outputs?.regions;
        };
        assert.deepStrictEqual(await regionsOf({ "aws-org:orgFile": PROD, "aws:region": "eu-west-1" }), ["eu-west-1", "us-east-1"]);
        const declared = writeOrgFiles("organization:\n  regions: [eu-central-1]\n");
        assert.deepStrictEqual(await regionsOf({ "aws-org:orgFile": declared, "aws:region": "eu-west-1" }), ["eu-central-1"]);
    });

    it("gives the SCP attachment resources the stack's AWS profile and role", async () => {
        const roleArn = "arn:aws:iam::111111111111:role/deployer";
        const resources = await captureProgram({
            run: () => import(program),
            config: { "aws-org:orgFile": PROD, "aws:profile": "mgmt", "aws:assumeRoles": JSON.stringify([{ roleArn }]) },
            stack: "prod",
        });
        const root = new Resources(resources).get(TYPES.attachments, "root");
        assert.deepStrictEqual([root.inputs.profile, root.inputs.roleArn], ["mgmt", roleArn]);
    });

    it("exports rootId, organizationalUnits, accounts, policies and identityCenter for the stack's org file", async () => {
        let outputs: Record<string, unknown> = {};
        const resources = await captureProgram({
            run: async () => {
                outputs = (await import(program)) as Record<string, unknown>;
                return outputs;
            },
            config: { "aws-org:orgFile": PROD },
            stack: "prod",
        });
        assert.ok(resources.length > 80);
        assert.deepStrictEqual(Object.keys(outputs).filter((k) => k !== "default").sort(), ["accounts", "identityCenter", "organizationId", "organizationalUnits", "policies", "rootId"]);
        const value = <T>(o: unknown) => new Promise<T>((resolve) => (o as pulumi.Output<T>).apply(resolve));
        const identity = await value<{ portalUrl: string; permissionSets: Record<string, string>; assignments: unknown[] }>(outputs.identityCenter);
        assert.match(identity.portalUrl, /^https:\/\/d-[0-9a-f]{10}\.awsapps\.com\/start$/);
        assert.deepStrictEqual(Object.keys(identity.permissionSets), ["Developer", "AdminWithoutBilling", "ReadOnlyAccess", "BillingOnly"]);
        assert.strictEqual(identity.assignments.length, 87);
        // The registry row of an account the program creates: every field is set.
        const accounts = await value<Record<string, { id: string; arn: string; ouPath: string; switchRoleUrl: string; awsConfigProfile: string }>>(outputs.accounts);
        const payments = present(accounts["patient-payments-prod"]);
        assert.match(payments.id, /^\d{12}$/);
        assert.strictEqual(payments.arn.endsWith(`/${payments.id}`), true);
        assert.strictEqual(payments.ouPath, "HIPAA/PCI");
        assert.match(payments.switchRoleUrl, new RegExp(`account=${payments.id}&roleName=OrganizationAccountAccessRole`));
        assert.match(payments.awsConfigProfile, new RegExp(`role_arn = arn:aws:iam::${payments.id}:role/OrganizationAccountAccessRole`));
        const ous = await value<Record<string, string>>(outputs.organizationalUnits);
        assert.deepStrictEqual(Object.keys(ous).sort(), ["General", "HIPAA", "HIPAA/PCI", "PCI"]);
        assert.match(await value<string>(outputs.rootId), /^r-[a-z0-9]{4}$/);
    });
});
