/**
 * The services whose administration the management account can delegate to a member account
 * (`RegisterDelegatedAdministrator`), by service principal.
 *
 * Source: AWS Organizations User Guide, "AWS services that you can use with AWS Organizations"
 * (organizations/latest/userguide/orgs_integrate_services_list.html), the services marked in
 * its column "Supports delegated administrator", each with the service principal its own
 * integration page in that guide names. AWS adds services to that table: a principal missing
 * here is refused until it is added, with its source.
 */
export interface DelegatedService {
    /** The service, as the table names it. */
    readonly service: string;
    /**
     * The service's own call that designates its administrator, where the service has one: it
     * works Region by Region, and a registration in Organizations alone does not turn the
     * account into the service's administrator.
     */
    readonly designatedBy?: string;
}

export const DELEGATED_SERVICES: ReadonlyMap<string, DelegatedService> = new Map<string, DelegatedService>([
    ["access-analyzer.amazonaws.com", { service: "IAM Access Analyzer" }],
    ["account.amazonaws.com", { service: "AWS Account Management" }],
    ["auditmanager.amazonaws.com", { service: "AWS Audit Manager", designatedBy: "auditmanager:RegisterOrganizationAdminAccount" }],
    ["backup.amazonaws.com", { service: "AWS Backup" }],
    ["cloudtrail.amazonaws.com", { service: "AWS CloudTrail", designatedBy: "cloudtrail:RegisterOrganizationDelegatedAdmin" }],
    ["compute-optimizer.amazonaws.com", { service: "AWS Compute Optimizer" }],
    ["config.amazonaws.com", { service: "AWS Config" }],
    ["config-multiaccountsetup.amazonaws.com", { service: "AWS Config (rules and conformance packs)" }],
    ["detective.amazonaws.com", { service: "Amazon Detective", designatedBy: "detective:EnableOrganizationAdminAccount" }],
    ["devops-guru.amazonaws.com", { service: "Amazon DevOps Guru" }],
    ["fms.amazonaws.com", { service: "AWS Firewall Manager", designatedBy: "fms:AssociateAdminAccount" }],
    ["guardduty.amazonaws.com", { service: "Amazon GuardDuty", designatedBy: "guardduty:EnableOrganizationAdminAccount" }],
    ["health.amazonaws.com", { service: "AWS Health" }],
    ["iam.amazonaws.com", { service: "AWS Identity and Access Management (centralized root access)" }],
    ["inspector2.amazonaws.com", { service: "Amazon Inspector", designatedBy: "inspector2:EnableDelegatedAdminAccount" }],
    ["ipam.amazonaws.com", { service: "Amazon VPC IP Address Manager", designatedBy: "ec2:EnableIpamOrganizationAdminAccount" }],
    ["license-manager.amazonaws.com", { service: "AWS License Manager" }],
    ["macie.amazonaws.com", { service: "Amazon Macie", designatedBy: "macie2:EnableOrganizationAdminAccount" }],
    ["member.org.stacksets.cloudformation.amazonaws.com", { service: "AWS CloudFormation StackSets" }],
    ["reachabilityanalyzer.networkinsights.amazonaws.com", { service: "VPC Reachability Analyzer" }],
    ["reporting.trustedadvisor.amazonaws.com", { service: "AWS Trusted Advisor" }],
    ["resource-explorer-2.amazonaws.com", { service: "AWS Resource Explorer" }],
    ["securityhub.amazonaws.com", { service: "AWS Security Hub", designatedBy: "securityhub:EnableOrganizationAdminAccount" }],
    ["securitylake.amazonaws.com", { service: "Amazon Security Lake", designatedBy: "securitylake:RegisterDataLakeDelegatedAdministrator" }],
    ["servicecatalog.amazonaws.com", { service: "AWS Service Catalog" }],
    ["ssm.amazonaws.com", { service: "AWS Systems Manager" }],
    ["sso.amazonaws.com", { service: "AWS IAM Identity Center" }],
    ["storage-lens.s3.amazonaws.com", { service: "Amazon S3 Storage Lens" }],
    ["wellarchitected.amazonaws.com", { service: "AWS Well-Architected Tool" }],
]);
