import { Diagnostic } from "../diagnostics/diagnostic";
import { didYouMean } from "../diagnostics/suggest";
import { NodePath, YamlSource } from "./yamlSource";
import { DELEGATED_SERVICES } from "../model/delegatedServices";
import { Account, DelegatedAdministrator, FeatureSet } from "../model/types";

/**
 * `organization.delegatedAdministrators`, resolved once the accounts are read: each service one
 * that supports delegation, each account a member account of the file that can take it (not
 * the management account, which administers everything already, nor one invited or retired).
 */
export function resolveDelegatedAdministrators(
    declared: ReadonlyMap<string, string> | undefined,
    accounts: readonly Account[],
    featureSet: FeatureSet,
    source: YamlSource,
    diagnostics: Diagnostic[],
): DelegatedAdministrator[] {
    if (declared === undefined) return [];
    const at: NodePath = ["organization", "delegatedAdministrators"];
    const error = (code: string, message: string, pos = source.position(at)) => diagnostics.push({ code, severity: "error", message, ...pos });
    if (featureSet === "CONSOLIDATED_BILLING" && declared.size > 0) {
        error("delegation-without-all-features", "`organization.delegatedAdministrators` needs `featureSet: ALL`: only an organization with all features delegates services. Set `organization.featureSet: ALL` or remove the key.", source.keyPosition(["organization"], "delegatedAdministrators"));
        return [];
    }
    const byName = new Map(accounts.map((a) => [a.name, a]));
    const result: DelegatedAdministrator[] = [];
    for (const [principal, accountName] of declared) {
        const p: NodePath = [...at, principal];
        const service = DELEGATED_SERVICES.get(principal);
        if (service === undefined) {
            error(
                "unknown-delegated-service",
                `\`${principal}\` is not a service that AWS lets a member account administer for the organization.${didYouMean(principal, [...DELEGATED_SERVICES.keys()])} The services that can be delegated are listed in docs/organization-settings.md.`,
                source.keyPosition(at, principal),
            );
            continue;
        }
        const account = byName.get(accountName);
        if (account === undefined) {
            error("unknown-delegated-account", `\`${accountName}\`, the delegated administrator of ${service.service}, is not an account of the file.${didYouMean(accountName, byName.keys())}`, source.position(p));
            continue;
        }
        const refusal = account.isManagementAccount
            ? "is the management account, which administers every service already; AWS refuses to register it. Delegate to a member account"
            : account.invite
              ? "is invited and not a member yet; delegate to it once it has joined and `invite: true` is removed"
              : account.retired
                ? "is retired; delegate to an account that stays"
                : undefined;
        if (refusal !== undefined) {
            error("invalid-delegated-account", `Account \`${accountName}\`, the delegated administrator of ${service.service}, ${refusal}.`, source.position(p));
            continue;
        }
        result.push({ servicePrincipal: principal, accountName, source: source.position(p) });
    }
    return result;
}
