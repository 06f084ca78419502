import {
    AttachPolicyCommand,
    CreateAccountCommand,
    CreateOrganizationalUnitCommand,
    CreateOrganizationCommand,
    CreatePolicyCommand,
    EnablePolicyTypeCommand,
    ListPoliciesForTargetCommand,
    PolicyType,
    ListRootsCommand,
    OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { motoClientConfig } from "./moto";

/**
 * Direct access to a moto organization for test setup and for looking behind the back of the
 * code under test: it talks to moto itself, never through a fault proxy.
 */
export class OrganizationFixture {
    readonly client: OrganizationsClient;
    private policyCount = 0;

    constructor(motoEndpoint: string) {
        this.client = new OrganizationsClient(motoClientConfig(motoEndpoint));
    }

    /** Creates an organization with all features and returns its root id. */
    async createOrganization(): Promise<string> {
        await this.client.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
        const roots = await this.client.send(new ListRootsCommand({}));
        const rootId = roots.Roots?.[0]?.Id;
        if (rootId === undefined) throw new Error("moto created an organization without a root");
        return rootId;
    }

    /** A new OU under `parentId`; moto, like AWS, attaches FullAWSAccess to it. */
    async createOu(parentId: string, name: string): Promise<string> {
        const created = await this.client.send(new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: name }));
        const id = created.OrganizationalUnit?.Id;
        if (id === undefined) throw new Error(`moto created OU ${name} without an id`);
        return id;
    }

    /** A new account; moto creates it at once and attaches FullAWSAccess to it. */
    async createAccount(name: string): Promise<string> {
        const created = await this.client.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
        const id = created.CreateAccountStatus?.AccountId;
        if (id === undefined) throw new Error(`moto created account ${name} without an id`);
        return id;
    }

    /** A new SCP allowing one service; returns its id. */
    async createScp(name = `Scp${++this.policyCount}`, service = "s3"): Promise<string> {
        const content = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: `${service}:*`, Resource: "*" }] });
        const created = await this.client.send(
            new CreatePolicyCommand({ Name: name, Description: name, Content: content, Type: "SERVICE_CONTROL_POLICY" }),
        );
        const id = created.Policy?.PolicySummary?.Id;
        if (id === undefined) throw new Error(`moto created policy ${name} without an id`);
        return id;
    }

    /** Enables a policy type on the root, as the organization resource does. */
    async enablePolicyType(rootId: string, type: PolicyType): Promise<void> {
        await this.client.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: type }));
    }

    /** A new policy of any type with the given document; returns its id. */
    async createPolicy(name: string, type: PolicyType, document: unknown): Promise<string> {
        const created = await this.client.send(new CreatePolicyCommand({ Name: name, Description: name, Content: JSON.stringify(document), Type: type }));
        const id = created.Policy?.PolicySummary?.Id;
        if (id === undefined) throw new Error(`moto created policy ${name} without an id`);
        return id;
    }

    /** Attaches a policy as someone outside the deployment would (console, another tool). */
    async attachOutOfBand(targetId: string, policyId: string): Promise<void> {
        await this.client.send(new AttachPolicyCommand({ TargetId: targetId, PolicyId: policyId }));
    }

    /** The ids of the policies of a type (SCPs by default) attached directly to the target, sorted (at most 100: enough for any test). */
    async attached(targetId: string, type: PolicyType = "SERVICE_CONTROL_POLICY"): Promise<string[]> {
        const page = await this.client.send(
            new ListPoliciesForTargetCommand({ TargetId: targetId, Filter: type, MaxResults: 100 }),
        );
        return (page.Policies ?? []).flatMap((p) => (p.Id === undefined ? [] : [p.Id])).sort();
    }
}
