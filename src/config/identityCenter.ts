import * as path from "path";
import { RawIdentityCenter, RawPermissionSet } from "./identityCenterSchema";
import { NodePath, YamlSource } from "./yamlSource";
import { Diagnostic } from "../diagnostics/diagnostic";
import { didYouMean } from "../diagnostics/suggest";
import { LineIndex } from "../diagnostics/textPosition";
import { allowedRootsFor } from "../files/allowedRoots";
import { FILE_SIZE_LIMITS, readSourceFile } from "../files/readSourceFile";
import { awsManagedPolicy, awsManagedPolicyNames, managedPolicyCaseMatch, managedPolicyDataInfo } from "../identity/managedPolicies";
import { isReadyPermissionSet, READY_PERMISSION_SETS, readyPermissionSet } from "../identity/readyPermissionSets";
import * as rules from "./identityCenterRules";
import { lintScp } from "../scp/scpLint";
import { checkScpText } from "../../policypacks/aws-org-guardrails/core/scpDocument";
import {
    AccountAssignment,
    AssignmentRule,
    CustomerManagedPolicyRef,
    IdentityCenterModel,
    IdentityGroup,
    InlinePolicy,
    ManagedPolicyRef,
    PermissionSet,
    PermissionsBoundary,
} from "../model/identityCenter";
import { Account, OrgModel } from "../model/types";

/** AWS's default: a role takes 10 managed policies unless the IAM quota is raised (to 20 at most). */
const DEFAULT_MANAGED_POLICIES = 10;
const MAX_MANAGED_POLICIES = 20;
const DEFAULT_SESSION = "PT1H";

/**
 * Adds `identityCenter:` to a model whose organization is complete (retired accounts moved):
 * resolves managed policies, reads and lints inline policies, checks AWS's rules for names and
 * durations, and expands assignments to accounts. Returns undefined when it found an error.
 */
export function withIdentityCenter(model: OrgModel, raw: RawIdentityCenter | undefined, source: YamlSource, diagnostics: Diagnostic[]): OrgModel | undefined {
    if (raw === undefined) return model;
    const builder = new IdentityCenterBuilder(model, raw, source);
    const identityCenter = builder.build();
    diagnostics.push(...builder.diagnostics);
    if (builder.diagnostics.some((d) => d.severity === "error")) return undefined;
    return { ...model, identityCenter };
}

const AT = ["identityCenter"] as const;

class IdentityCenterBuilder {
    readonly diagnostics: Diagnostic[] = [];
    private readonly limit: number;

    constructor(
        private readonly model: OrgModel,
        private readonly raw: RawIdentityCenter,
        private readonly source: YamlSource,
    ) {
        this.limit = raw.managedPoliciesPerPermissionSet ?? DEFAULT_MANAGED_POLICIES;
    }

    build(): IdentityCenterModel {
        const raw = this.raw;
        if (this.model.organization.featureSet !== "ALL") {
            this.error([...AT], "identity-center-without-all-features", "Identity Center for an organization needs `featureSet: ALL`; set `organization.featureSet: ALL` or remove `identityCenter`.", true);
        }
        if (raw.managedPoliciesPerPermissionSet !== undefined && raw.managedPoliciesPerPermissionSet > MAX_MANAGED_POLICIES) {
            this.error([...AT, "managedPoliciesPerPermissionSet"], "invalid-value", `\`identityCenter.managedPoliciesPerPermissionSet\` is ${raw.managedPoliciesPerPermissionSet}; Identity Center allows at most ${MAX_MANAGED_POLICIES} managed policies on a permission set.`);
        }
        this.check([...AT, "region"], raw.region, rules.regionProblem, "invalid-region", `\`identityCenter.region\` \`${raw.region ?? ""}\``);
        this.check([...AT, "startUrl"], raw.startUrl, rules.startUrlProblem, "invalid-start-url", `\`identityCenter.startUrl\` \`${raw.startUrl ?? ""}\``);
        const permissionSets = new Map<string, PermissionSet>();
        for (const [name, entry] of raw.permissionSets ?? []) {
            const ps = this.permissionSet(name, entry);
            if (ps !== undefined) permissionSets.set(name, ps);
        }
        const groups = this.groups();
        const assignmentRules = this.rules(permissionSets, groups);
        return {
            region: raw.region,
            startUrl: raw.startUrl,
            permissionSets,
            groups,
            rules: assignmentRules,
            assignments: this.expand(assignmentRules),
            managedPoliciesPerPermissionSet: this.limit,
            source: this.source.position([...AT]),
        };
    }

    private permissionSet(name: string, entry: RawPermissionSet): PermissionSet | undefined {
        const at: NodePath = [...AT, "permissionSets", name];
        const keyPos = this.source.keyPosition([...AT, "permissionSets"], name);
        const label = `permission set \`${name}\``;
        const nameProblem = rules.permissionSetNameProblem(name);
        if (nameProblem !== undefined) this.push("error", "invalid-permission-set-name", `Permission set name \`${name}\` ${nameProblem}.`, keyPos);
        this.check([...at, "arn"], entry.arn, rules.permissionSetArnProblem, "invalid-permission-set-arn", `\`arn\` of ${label}`);
        this.check([...at, "description"], entry.description, rules.descriptionProblem, "invalid-description", `The description of ${label}`);
        this.check([...at, "relayState"], entry.relayState, rules.relayStateProblem, "invalid-relay-state", `\`relayState\` of ${label}`);
        const sessionDuration = entry.sessionDuration ?? DEFAULT_SESSION;
        this.check([...at, "sessionDuration"], entry.sessionDuration, rules.sessionDurationProblem, "invalid-session-duration", `\`sessionDuration\` \`${sessionDuration}\` of ${label}`);
        const own = { arn: entry.arn, sessionDuration, relayState: entry.relayState, source: keyPos };

        if (entry.ready !== undefined) {
            if (!isReadyPermissionSet(entry.ready)) {
                this.error([...at, "ready"], "unknown-ready-permission-set", `\`ready: ${entry.ready}\` of ${label} is not a ready permission set.${didYouMean(entry.ready, READY_PERMISSION_SETS) || ` Expected one of ${READY_PERMISSION_SETS.map((r) => `\`${r}\``).join(", ")}.`}`);
                return undefined;
            }
            const ownPolicies = (["managedPolicies", "customerManagedPolicies", "inlinePolicy", "permissionsBoundary"] as const).filter((k) => entry[k] !== undefined);
            for (const key of ownPolicies) {
                this.error([...at, key], "ready-with-policies", `${capitalize(label)} is the ready \`${entry.ready}\`, which brings its own policies; remove \`${key}\`, or remove \`ready\` and list every policy.`, true);
            }
            const ready = readyPermissionSet(entry.ready, name, keyPos);
            return { ...ready, ...own, description: entry.description ?? ready.description };
        }

        const managedPolicies = this.managedPolicies([...at, "managedPolicies"], entry.managedPolicies ?? [], label);
        const customerManagedPolicies = (entry.customerManagedPolicies ?? []).flatMap((c, i) => {
            const ref = this.customerManaged([...at, "customerManagedPolicies", i], typeof c === "string" ? { name: c } : c, label);
            return ref === undefined ? [] : [ref];
        });
        const seenCustomer = new Set<string>();
        customerManagedPolicies.forEach((c, i) => {
            const key = `${c.path}${c.name}`;
            if (seenCustomer.has(key)) this.error([...at, "customerManagedPolicies", i], "duplicate-policy", `Customer managed policy \`${key}\` is listed twice on ${label}.`);
            seenCustomer.add(key);
        });
        const count = managedPolicies.length + customerManagedPolicies.length;
        if (count > this.limit) {
            this.error(at, "too-many-managed-policies", `${capitalize(label)} has ${count} managed and customer managed policies; an IAM role takes at most ${this.limit} (\`identityCenter.managedPoliciesPerPermissionSet\`; up to ${MAX_MANAGED_POLICIES} once the IAM quota "Managed policies per role" is raised in every account). Merge some into the inline policy.`, true);
        }
        const inlinePolicy = entry.inlinePolicy === undefined ? undefined : this.inlinePolicy([...at, "inlinePolicy"], entry.inlinePolicy, label);
        const permissionsBoundary = this.boundary([...at, "permissionsBoundary"], entry.permissionsBoundary, label);
        if ((entry.managedPolicies ?? []).length === 0 && (entry.customerManagedPolicies ?? []).length === 0 && entry.inlinePolicy === undefined) {
            this.push("warning", "empty-permission-set", `${capitalize(label)} has no policy, so it allows nothing; give it \`managedPolicies\`, \`customerManagedPolicies\` or an \`inlinePolicy\`.`, keyPos);
        }
        return {
            name,
            description: entry.description,
            managedPolicies,
            customerManagedPolicies,
            inlinePolicy,
            permissionsBoundary,
            ...own,
        };
    }

    private managedPolicies(at: NodePath, names: readonly string[], label: string): ManagedPolicyRef[] {
        const seen = new Set<string>();
        return names.flatMap((written, i) => {
            const ref = this.managedPolicy([...at, i], written, `on ${label}`);
            if (ref === undefined) return [];
            if (seen.has(ref.arn)) {
                this.error([...at, i], "duplicate-policy", `Managed policy \`${written}\` is listed twice on ${label}.`);
                return [];
            }
            seen.add(ref.arn);
            return [ref];
        });
    }

    private managedPolicy(at: NodePath, written: string, where: string): ManagedPolicyRef | undefined {
        const found = awsManagedPolicy(written);
        if (found !== undefined) return { name: found.name, arn: found.arn, document: found.document };
        const info = managedPolicyDataInfo();
        const sameCase = managedPolicyCaseMatch(written);
        const name = written.slice(written.lastIndexOf("/") + 1);
        let hint: string;
        if (sameCase?.name === name) hint = ` AWS keeps \`${name}\` at \`${sameCase.arn.slice(sameCase.arn.indexOf(":policy/") + ":policy/".length)}\`: write that, or the name alone.`;
        else if (sameCase !== undefined) hint = ` Did you mean \`${sameCase.name}\`? Policy names are case-sensitive.`;
        else hint = didYouMean(name, awsManagedPolicyNames());
        this.error(at, "unknown-managed-policy", `\`${written}\` ${where} is not an AWS managed policy (${info.count} known, as of ${info.newestUpdate}).${hint || " For a policy of your own in each account, use `customerManagedPolicies`."}`);
        return undefined;
    }

    private customerManaged(at: NodePath, raw: { name: string; path?: string | undefined }, label: string): CustomerManagedPolicyRef | undefined {
        const nameProblem = rules.customerPolicyNameProblem(raw.name);
        const pathProblem = raw.path === undefined ? undefined : rules.policyPathProblem(raw.path);
        const nameAt = typeof this.source.document.getIn(at) === "string" ? at : [...at, "name"];
        if (nameProblem !== undefined) this.error(nameAt, "invalid-policy-name", `Customer managed policy name \`${raw.name}\` on ${label} ${nameProblem}.`);
        if (pathProblem !== undefined) this.error([...at, "path"], "invalid-policy-path", `Path \`${raw.path ?? ""}\` of customer managed policy \`${raw.name}\` ${pathProblem}.`);
        if (nameProblem !== undefined || pathProblem !== undefined) return undefined;
        return { name: raw.name, path: raw.path ?? "/" };
    }

    private boundary(at: NodePath, raw: RawPermissionSet["permissionsBoundary"], label: string): PermissionsBoundary | undefined {
        if (raw === undefined) return undefined;
        if ("managedPolicy" in raw) {
            const ref = this.managedPolicy([...at, "managedPolicy"], raw.managedPolicy, `(the permissions boundary of ${label})`);
            return ref === undefined ? undefined : { kind: "managed", policy: ref };
        }
        const ref = this.customerManaged(at, { name: raw.customerManagedPolicy, path: raw.path }, label);
        return ref === undefined ? undefined : { kind: "customer-managed", policy: ref };
    }

    /** Reads the inline policy file and checks it as the IAM policy language and AWS's size limits require. */
    private inlinePolicy(at: NodePath, written: string, label: string): InlinePolicy | undefined {
        const file = path.resolve(path.dirname(this.source.file), written);
        const read = readSourceFile({
            path: file,
            label: `Inline policy file \`${written}\` of ${label}`,
            maxBytes: FILE_SIZE_LIMITS.policyFile,
            roots: allowedRootsFor(this.source.file),
            namedAt: this.source.position(at),
            missingCode: "policy-file-missing",
            missingHint: "check the path, which is relative to the org file",
        });
        if ("refused" in read) {
            this.diagnostics.push(read.refused);
            return undefined;
        }
        const text = read.text;
        const check = checkScpText(text);
        const problems = check.document !== undefined && check.tree !== undefined ? lintScp(check.tree) : check.problems;
        const lines = new LineIndex(file, text);
        for (const p of problems) this.push(p.severity ?? "error", p.code, `Inline policy of ${label}: ${p.message}`, lines.position(p.offset));
        if (check.document === undefined || check.minified === undefined) return undefined;
        const sizeProblem = rules.inlinePolicySizeProblem(check.minified);
        if (sizeProblem !== undefined) {
            this.error(at, "inline-policy-too-large", `Inline policy of ${label} ${sizeProblem}; move statements into a customer managed policy.`);
            return undefined;
        }
        return problems.some((p) => (p.severity ?? "error") === "error") ? undefined : { file, content: check.minified, document: check.document };
    }

    private groups(): Map<string, IdentityGroup> {
        const groups = new Map<string, IdentityGroup>();
        (this.raw.groups ?? []).forEach((g, i) => {
            const at: NodePath = [...AT, "groups", i];
            const entry = typeof g === "string" ? { name: g } : g;
            const nameAt = typeof g === "string" ? at : [...at, "name"];
            const problem = rules.groupNameProblem(entry.name);
            if (problem !== undefined) this.error(nameAt, "invalid-group-name", `Group name \`${entry.name}\` ${problem}.`);
            this.check([...at, "description"], entry.description, rules.groupDescriptionProblem, "invalid-description", `The description of group \`${entry.name}\``);
            const first = groups.get(entry.name);
            if (first !== undefined) {
                this.error(nameAt, "duplicate-group", `Group \`${entry.name}\` is listed twice (first at line ${first.source.line}, column ${first.source.column}); display names are unique in an identity store.`);
                return;
            }
            groups.set(entry.name, { name: entry.name, create: entry.create ?? false, description: entry.description, source: this.source.position(at) });
        });
        return groups;
    }

    private rules(permissionSets: Map<string, PermissionSet>, groups: ReadonlyMap<string, IdentityGroup>): AssignmentRule[] {
        const defined = new Set(this.raw.permissionSets?.keys());
        const targetNames = [...this.model.allAccounts.map((a) => a.name), ...this.model.allOrganizationalUnits.map((ou) => ou.path)];
        return (this.raw.assignments ?? []).flatMap((a, i) => {
            const at: NodePath = [...AT, "assignments", i];
            let valid = true;
            if (!groups.has(a.group)) {
                valid = false;
                this.error([...at, "group"], "unknown-group", `Group \`${a.group}\` is not in \`identityCenter.groups\`.${didYouMean(a.group, groups.keys()) || " Add it there (with `create: true` for the program to create it)."}`);
            }
            if (!defined.has(a.permissionSet)) {
                if (isReadyPermissionSet(a.permissionSet)) {
                    if (!permissionSets.has(a.permissionSet)) permissionSets.set(a.permissionSet, readyPermissionSet(a.permissionSet, a.permissionSet, this.source.position([...at, "permissionSet"])));
                } else {
                    valid = false;
                    const known = [...defined, ...READY_PERMISSION_SETS];
                    this.error([...at, "permissionSet"], "unknown-permission-set", `Permission set \`${a.permissionSet}\` is neither in \`identityCenter.permissionSets\` nor a ready one.${didYouMean(a.permissionSet, known) || ` Ready ones: ${READY_PERMISSION_SETS.map((r) => `\`${r}\``).join(", ")}.`}`);
                }
            } else if (!permissionSets.has(a.permissionSet)) {
                // Defined with an error, reported already.
                valid = false;
            }
            if (a.targets.length === 0) {
                valid = false;
                this.error([...at, "targets"], "empty-targets", "`targets` is empty; list OU paths (every account below them) or account names.");
            }
            a.targets.forEach((t, j) => {
                if (!this.accountsOf(t).found) {
                    valid = false;
                    this.error([...at, "targets", j], "unknown-target", `Target \`${t}\` is neither an account nor an OU path of this file.${didYouMean(t, targetNames) || " Give an account name or an OU path like `HIPAA/PCI`."}`);
                }
            });
            const targetSources = a.targets.map((_, j) => this.source.position([...at, "targets", j]));
            return valid ? [{ group: a.group, permissionSet: a.permissionSet, targets: [...a.targets], targetSources, source: this.source.position(at) }] : [];
        });
    }

    /** The accounts a target covers (the account itself, or every account below the OU), and whether it names anything. */
    private accountsOf(target: string): { found: boolean; accounts: Account[] } {
        // `/` is the root: every account of the organization.
        if (target === "/") return { found: true, accounts: [...this.model.allAccounts] };
        const ouPath = target.replace(/^\/+|\/+$/g, "");
        const isOu = this.model.allOrganizationalUnits.some((ou) => ou.path === ouPath);
        const named = this.model.allAccounts.filter((a) => a.name === target);
        const below = isOu ? this.model.allAccounts.filter((a) => a.ouPath !== null && (a.ouPath === ouPath || a.ouPath.startsWith(`${ouPath}/`))) : [];
        return { found: isOu || named.length > 0, accounts: [...named, ...below] };
    }

    private expand(list: readonly AssignmentRule[]): AccountAssignment[] {
        const seen = new Set<string>();
        const assignments: AccountAssignment[] = [];
        for (const rule of list) {
            rule.targets.forEach((target, j) => {
                for (const account of this.accountsOf(target).accounts) {
                    const direct = account.name === target;
                    if (account.invite || account.retired) {
                        // An OU covers only accounts that are in it; a named account is worth a word.
                        if (direct) {
                            const why = account.invite ? "has not joined the organization yet (`invite: true`)" : "is retired";
                            const at = rule.targetSources[j] ?? rule.source;
                            this.push("warning", "assignment-skipped", `Account \`${account.name}\` ${why}, so group \`${rule.group}\` gets no \`${rule.permissionSet}\` there until it is a member again.`, at);
                        }
                        continue;
                    }
                    const key = `${rule.permissionSet}\n${rule.group}\n${account.name}`;
                    if (seen.has(key)) continue;
                    seen.add(key);
                    assignments.push({ group: rule.group, permissionSet: rule.permissionSet, account: account.name, via: target, source: rule.source });
                }
            });
        }
        return assignments;
    }

    private check<T>(p: NodePath, value: T | undefined, rule: (v: T) => string | undefined, code: string, what: string): void {
        if (value === undefined) return;
        const problem = rule(value);
        if (problem !== undefined) this.error(p, code, `${what} ${problem}.`);
    }

    private error(p: NodePath, code: string, message: string, atKey = false): void {
        const last = p[p.length - 1];
        const pos = atKey && last !== undefined ? this.source.keyPosition(p.slice(0, -1), String(last)) : this.source.position(p);
        this.push("error", code, message, pos);
    }

    private push(severity: "error" | "warning", code: string, message: string, pos: { file: string; line: number; column: number }): void {
        this.diagnostics.push({ code, severity, message, file: pos.file, line: pos.line, column: pos.column });
    }
}

function capitalize(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
