import { AwsOrganization } from "./components/awsOrganization";
import { awsConnection, loadStackModel, stackRegions } from "./components/stackSettings";

const model = loadStackModel();
const org = new AwsOrganization("aws-org", { model, connection: awsConnection(), regions: stackRegions(model) });

export const organizationId = org.organizationId;
export const rootId = org.rootId;
export const organizationalUnits = org.organizationalUnits;
export const accounts = org.accounts;
export const policies = org.policies;
// Organizations without Identity Center export `null`: Pulumi warns about an undefined output.
export const identityCenter = org.identityCenter ?? null;
