import * as assert from "assert";
import { AwsOrganization } from "../../components/awsOrganization";
import { captureProgram } from "../../src/plan/captureProgram";
import { CapturedResource } from "../../src/plan/types";
import { OrgModel } from "../../src/model/types";

export const TYPES = {
    organization: "aws:organizations/organization:Organization",
    ou: "aws:organizations/organizationalUnit:OrganizationalUnit",
    account: "aws:organizations/account:Account",
    policy: "aws:organizations/policy:Policy",
    attachments: "pulumi-nodejs:dynamic/aws-org:ScpAttachments",
    ouComponent: "aws-org:organization:OrganizationalUnit",
    accountComponent: "aws-org:account:Account",
} as const;

/** Builds the organization component under Pulumi's mocks and returns every resource it registered. */
export async function buildUnderMocks(model: OrgModel, stack = "test"): Promise<Resources> {
    const resources = await captureProgram({
        run: () => new AwsOrganization("aws-org", { model }),
        config: { "aws:region": "us-east-1" },
        model,
        stack,
    });
    return new Resources(resources);
}

/** Lookup helpers over captured resources, failing with the list of what exists. */
export class Resources {
    constructor(readonly all: readonly CapturedResource[]) {}

    ofType(type: string): CapturedResource[] {
        return this.all.filter((r) => r.type === type);
    }

    get(type: string, name: string): CapturedResource {
        const found = this.all.find((r) => r.type === type && r.name === name);
        assert.ok(found, `no ${type} named ${name}; have: ${this.ofType(type).map((r) => r.name).join(", ")}`);
        return found;
    }

    find(type: string, name: string): CapturedResource | undefined {
        return this.all.find((r) => r.type === type && r.name === name);
    }

    byUrn(urn: string | null): CapturedResource | undefined {
        return this.all.find((r) => r.urn === urn);
    }
}
