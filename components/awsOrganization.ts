import * as awsOrganizations from "@pulumi/aws/organizations";
import * as pulumi from "@pulumi/pulumi";
import { Account } from "./account";
import { IdentityCenter, IdentityCenterOutput } from "./identityCenter";
import { OrganizationalUnit } from "./organizationalUnit";
import { organizationSettings } from "./organizationSettings";
import { delegatedAdministrators } from "./delegatedAdministrators";
import { optInRegions } from "./accountRegions";
import { PolicyLibrary } from "./policyLibrary";
import { attachTargetPolicies, AwsConnection } from "./targetPolicies";
import { creationChains } from "../src/model/creationChains";
import { AccountOutput, accountOutputs } from "../src/registry/accountRegistry";
import { organizationRegions } from "../src/model/organizationRegions";
import { OrgModel } from "../src/model/types";
import { at } from "../policypacks/aws-org-guardrails/core/at";
import { FACTS } from "../policypacks/aws-org-guardrails/core/names";

export interface AwsOrganizationArgs {
    /** The validated organization model (see `loadOrgModel`). */
    readonly model: OrgModel;
    /** Credentials for the SCP attachment resources; the standard AWS chain when omitted. */
    readonly connection?: AwsConnection;
    /** The Regions the organization uses. Default: `organization.regions`, else `us-east-1`. */
    readonly regions?: readonly string[];
}

/** What the stack exports for each account: how to find it and how to reach it, plus its ARN. */
export type AccountStackOutput = AccountOutput & { readonly arn: string };

/**
 * The whole organization: the organization itself (feature set, SCPs enabled), the SCP
 * library, the root's exact SCP set, the OU tree and the member accounts.
 */
export class AwsOrganization extends pulumi.ComponentResource {
    public readonly organizationId: pulumi.Output<string>;
    public readonly rootId: pulumi.Output<string>;
    /** OU id by path. */
    public readonly organizationalUnits: pulumi.Output<Record<string, string>>;
    public readonly accounts: pulumi.Output<Record<string, AccountStackOutput>>;
    /** SCP id by name. */
    public readonly policies: pulumi.Output<Record<string, string>>;
    /** The account components by name, for callers that add their own outputs. */
    public readonly accountResources: ReadonlyMap<string, Account>;
    /** Where to sign in and the permission sets' ARNs; undefined without `identityCenter` in the file. */
    public readonly identityCenter?: pulumi.Output<IdentityCenterOutput>;

    constructor(name: string, args: AwsOrganizationArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("aws-org:index:Organization", name, {}, opts);
        const { model } = args;
        const connection = args.connection ?? {};
        const settings = model.organization;
        const allFeatures = settings.featureSet === "ALL";

        const organization = new awsOrganizations.Organization(
            "organization",
            {
                featureSet: settings.featureSet,
                // Other policy types stay enabled as the file says; leaving them out would disable them.
                enabledPolicyTypes: allFeatures ? ["SERVICE_CONTROL_POLICY", ...settings.enabledPolicyTypes] : undefined,
                awsServiceAccessPrincipals: settings.serviceAccessPrincipals.length > 0 ? [...settings.serviceAccessPrincipals] : undefined,
            },
            // Deleting the organization resource would call DeleteOrganization.
            { parent: this, protect: true, import: settings.id },
        );
        this.organizationId = organization.id;
        // An organization has exactly one root.
        const rootId = organization.roots.apply((roots) => at(roots, 0).id);
        this.rootId = rootId;

        const orgSettings = organizationSettings(settings, organization, this);
        const library = new PolicyLibrary("scps", { policies: model.policies, otherPolicies: model.otherPolicies, rcpsEnabled: settings.enabledPolicyTypes.includes("RESOURCE_CONTROL_POLICY"), organization }, { parent: this });
        if (allFeatures) {
            attachTargetPolicies("root", { targetName: "root", key: "root" }, model.root, rootId, library, connection, { parent: this, protect: true });
        }

        const units = new Map<string, OrganizationalUnit>();
        for (const ou of model.organizationalUnits) {
            const unit = new OrganizationalUnit(ou.key, { ou, parentId: rootId, library, connection, organization: this }, { parent: this });
            for (const [path, u] of unit.byPath) units.set(path, u);
        }

        const accounts = new Map<string, Account>();
        // Created accounts in creation order, so each one's predecessor already exists; then adopted ones.
        const ordered = [
            ...creationChains(model),
            // An invited account joins only when its owner accepts; until the file drops `invite: true`,
            // importing it would fail the whole deployment, so it is left out.
            ...model.allAccounts.filter((a) => a.joined === "adopted" && !a.invite).map((account) => ({ account, after: undefined })),
        ];
        for (const { account, after } of ordered) {
            const ou = account.ouPath === null ? undefined : units.get(account.ouPath);
            const component = new Account(
                account.key,
                {
                    account,
                    parentId: ou?.id ?? rootId,
                    library,
                    connection,
                    after: after === undefined ? undefined : accounts.get(after.name)?.resource,
                    // Created once root credentials management is on, a new account has no root credentials at all.
                    prerequisites: orgSettings.rootAccess === undefined ? [] : [orgSettings.rootAccess],
                },
                // Always the organization, never the OU: a Pulumi parent is part of the URN, and
                // moving an account to another OU must stay an in-place MoveAccount, not a new account.
                { parent: this, aliases: account.previousNames.map((n) => ({ name: n })) },
            );
            accounts.set(account.name, component);
        }
        this.accountResources = accounts;
        const declared = new Map(model.allAccounts.map((a) => [a.name, a]));
        const delegates = new Map([...accounts].map(([name, c]) => [name, { id: c.id, adoptedId: declared.get(name)?.id }]));
        delegatedAdministrators(settings, delegates, organization, this);
        optInRegions(model.allAccounts.flatMap((account) => {
            const component = accounts.get(account.name);
            return component === undefined ? [] : [{ account, component }];
        }));

        if (model.identityCenter !== undefined) {
            const accountIds = new Map([...accounts].map(([n, c]) => [n, c.id]));
            this.identityCenter = new IdentityCenter("identity-center", { model: model.identityCenter, accountIds, accountIdentities: new Map(model.allAccounts.map((a) => [a.name, a])) }, { parent: this }).output;
        }

        this.organizationalUnits = pulumi.output(Object.fromEntries([...units].map(([path, u]) => [path, u.id])));
        const byName = (pick: (c: Account) => pulumi.Output<string>) => pulumi.all(Object.fromEntries([...accounts].map(([n, c]) => [n, pick(c)])));
        this.accounts = pulumi.all([byName((c) => c.id), byName((c) => c.arn)]).apply(([ids, arns]) =>
            Object.fromEntries(
                // `arns` has a key for each account this component manages, and only those.
                Object.entries(accountOutputs(model, ids)).flatMap(([n, o]) => {
                    const arn = arns[n];
                    return arn === undefined ? [] : [[n, { ...o, arn }]];
                }),
            ),
        );
        this.policies = pulumi.output(Object.fromEntries(library.policyIds));
        this.registerOutputs({
            organizationId: this.organizationId,
            rootId: this.rootId,
            organizationalUnits: this.organizationalUnits,
            accounts: this.accounts,
            policies: this.policies,
            // A plain value for the guardrails, known during a preview (docs/guardrails.md).
            [FACTS.regions]: [...(args.regions ?? organizationRegions(model))],
            identityCenter: this.identityCenter,
        });
    }
}
