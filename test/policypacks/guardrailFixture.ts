import * as assert from "assert";
import { guardrailPolicies, GuardrailPolicy } from "../../policypacks/aws-org-guardrails/policies";
import { TYPES } from "../../policypacks/aws-org-guardrails/core/names";
import { NO_POLICY_PACK_CONFIG, parsePolicyPackConfig } from "../../src/plan/policyConfig";
import { runPolicies } from "../../src/plan/runPolicies";
import { CapturedOptions, CapturedResource, Violation } from "../../src/plan/types";

export { TYPES };

/** What the Pulumi engine sends for a string (or any) value unknown during preview. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** What it sends for a list unknown as a whole. */
export const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";

export const DENY_LEAVE = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }] });
export const ALLOW_HIPAA = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:*", "ec2:*", "dynamodb:*", "iam:*", "sts:*"], Resource: "*" }] });

interface Spec {
    readonly parent?: CapturedResource;
    readonly inputs?: Record<string, unknown>;
    /** A component's registered outputs. */
    readonly outputs?: Record<string, unknown>;
    readonly options?: Partial<CapturedOptions>;
    /** For each input, the resources its value comes from. */
    readonly from?: Record<string, readonly CapturedResource[]>;
}

/** Registers resources the way the program does: URNs carry the parents' types. */
export class StackBuilder {
    readonly resources: CapturedResource[] = [];

    add(type: string, name: string, spec: Spec = {}): CapturedResource {
        const qualifiedType = spec.parent ? `${spec.parent.urn.split("::")[2]}$${type}` : type;
        const resource: CapturedResource = {
            type,
            name,
            urn: `urn:pulumi:test::aws-org::${qualifiedType}::${name}`,
            parentUrn: spec.parent?.urn ?? null,
            custom: !type.startsWith("aws-org:"),
            inputs: spec.inputs ?? {},
            ...(spec.outputs === undefined ? {} : { outputs: spec.outputs }),
            options: { protect: false, dependsOn: [], retainOnDelete: false, ignoreChanges: [], aliases: [], replaceOnChanges: [], ...spec.options },
            dependencies: [...new Set([...(spec.options?.dependsOn ?? []), ...Object.values(spec.from ?? {}).flatMap((rs) => rs.map((r) => r.urn))])],
            propertyDependencies: Object.fromEntries(Object.entries(spec.from ?? {}).map(([k, rs]) => [k, rs.map((r) => r.urn)])),
        };
        this.resources.push(resource);
        return resource;
    }

    /** Centralized root access as the program registers it, both features enabled. */
    rootAccess(parent: CapturedResource, organization: CapturedResource): CapturedResource {
        return this.add(TYPES.organizationsFeatures, "root-access", { parent, inputs: { enabledFeatures: ["RootCredentialsManagement", "RootSessions"] }, options: { dependsOn: [organization.urn] } });
    }

    /** An account as the program registers it: a component holding the Account resource. */
    account(name: string, parent: CapturedResource, parentOu: CapturedResource, options: { adopted?: boolean; after?: CapturedResource } = {}): CapturedResource {
        const id = String(100000000000 + this.resources.length);
        const component = this.add("aws-org:account:Account", name, { parent, outputs: { id, arn: `arn:aws:organizations::999999999999:account/o-test/${id}`, roleName: "OrganizationAccountAccessRole", managementAccount: false } });
        return this.add(TYPES.account, name, {
            parent: component,
            inputs: {
                name,
                email: `aws+${name}@example.com`,
                parentId: parentOu.type === TYPES.organization ? "r-ab12" : `ou-${parentOu.name.toLowerCase()}`,
                ...(options.adopted ? {} : { roleName: "OrganizationAccountAccessRole", iamUserAccessToBilling: "DENY" }),
                closeOnDeletion: false,
                tags: { "managed-by": "pulumi" },
            },
            options: {
                protect: true,
                customTimeouts: { create: "60m" },
                ...(options.adopted ? { import: "222222222222" } : {}),
                dependsOn: options.after ? [options.after.urn] : [],
            },
            from: { parentId: [parentOu] },
        });
    }
}

/**
 * A small valid organization, as the program registers it: the root keeps FullAWSAccess and
 * a deny-list; `HIPAA` uses an allow-list (FullAWSAccess detached), `HIPAA/PCI` keeps the
 * default; two created accounts and one adopted under the root.
 */
export function happyOrganization(): CapturedResource[] {
    const b = new StackBuilder();
    const top = b.add("aws-org:index:Organization", "aws-org", { outputs: { regions: ["us-east-1"] } });
    const org = b.add(TYPES.organization, "organization", {
        parent: top,
        inputs: { featureSet: "ALL", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"], awsServiceAccessPrincipals: ["cloudtrail.amazonaws.com"] },
        options: { protect: true },
    });
    b.rootAccess(top, org);
    const library = b.add("aws-org:scp:PolicyLibrary", "scps", { parent: top });
    const scp = (name: string, content: string) =>
        b.add(TYPES.policy, name, { parent: library, inputs: { name, content, description: name, type: "SERVICE_CONTROL_POLICY" }, options: { dependsOn: [org.urn] } });
    const deny = scp("DenyLeaveOrganization", DENY_LEAVE);
    const allow = scp("AllowHipaaServices", ALLOW_HIPAA);
    b.add(TYPES.scpAttachments, "root", {
        parent: top,
        inputs: { targetId: "r-ab12", targetKind: "root", targetName: "root", policyIds: ["p-FullAWSAccess", "p-deny"], policyNames: ["FullAWSAccess", "DenyLeaveOrganization"] },
        options: { protect: true },
        from: { targetId: [org], policyIds: [deny] },
    });
    const hipaaComponent = b.add(TYPES.organizationalUnitComponent, "HIPAA", { parent: top });
    const hipaa = b.add(TYPES.organizationalUnit, "HIPAA", { parent: hipaaComponent, inputs: { name: "HIPAA", parentId: "r-ab12", tags: { compliance: "hipaa" } }, from: { parentId: [org] } });
    b.add(TYPES.scpAttachments, "ou/HIPAA", {
        parent: hipaaComponent,
        inputs: { targetId: "ou-hipaa", targetKind: "ou", targetName: "HIPAA", policyIds: ["p-allow"], policyNames: ["AllowHipaaServices"] },
        from: { targetId: [hipaa], policyIds: [allow] },
    });
    const pciComponent = b.add(TYPES.organizationalUnitComponent, "HIPAA/PCI", { parent: hipaaComponent });
    const pci = b.add(TYPES.organizationalUnit, "HIPAA/PCI", { parent: pciComponent, inputs: { name: "PCI", parentId: "ou-hipaa" }, from: { parentId: [hipaa] } });
    b.account("hipaa-prod", hipaaComponent, hipaa);
    b.account("pci-prod", pciComponent, pci);
    b.account("legacy-site", top, org, { adopted: true });
    return b.resources;
}

/** A copy of `resources` where one resource's inputs and options are changed (`undefined` removes an input). */
export function change(
    resources: readonly CapturedResource[],
    type: string,
    name: string,
    patch: { inputs?: Record<string, unknown>; options?: Partial<CapturedOptions> },
): CapturedResource[] {
    let found = false;
    const result = resources.map((r) => {
        if (r.type !== type || r.name !== name) return r;
        found = true;
        const inputs = Object.fromEntries(Object.entries({ ...r.inputs, ...patch.inputs }).filter(([, v]) => v !== undefined));
        return { ...r, inputs, options: { ...r.options, ...patch.options } };
    });
    assert.ok(found, `No ${type} named ${name} in the test stack.`);
    return result;
}

/** A copy of `resources` without one resource. */
export function remove(resources: readonly CapturedResource[], type: string, name: string): CapturedResource[] {
    const result = resources.filter((r) => r.type !== type || r.name !== name);
    assert.strictEqual(result.length, resources.length - 1, `No ${type} named ${name} in the test stack.`);
    return result;
}

/**
 * The stack as a first `pulumi preview` sees it: every id of a resource not yet created is
 * unknown (FullAWSAccess's is fixed), and the root's policy ids are unknown as a whole list.
 */
export function asPreview(resources: readonly CapturedResource[]): CapturedResource[] {
    return resources.map((r) => {
        const inputs: Record<string, unknown> = { ...r.inputs };
        if ("parentId" in inputs) inputs.parentId = UNKNOWN_STRING;
        if ("targetId" in inputs) inputs.targetId = UNKNOWN_STRING;
        if (Array.isArray(inputs.policyIds)) {
            inputs.policyIds = r.name === "root" ? UNKNOWN_ARRAY : inputs.policyIds.map((id: unknown) => (id === "p-FullAWSAccess" ? id : UNKNOWN_STRING));
        }
        // A component's outputs that come from ids (an account's id and ARN) are unknown too.
        const outputs = r.outputs === undefined ? undefined : Object.fromEntries(Object.entries(r.outputs).map(([k, v]) => [k, k === "id" || k === "arn" ? UNKNOWN_STRING : v]));
        return { ...r, inputs, ...(outputs === undefined ? {} : { outputs }) };
    });
}

/** CPU milliseconds `run` takes: steadier than wall time on a busy machine. */
export function cpuMillis(run: () => void): number {
    const started = process.cpuUsage();
    run();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
}

/** Runs the pack's policies (or `policies`) with a policy pack config given as an object. */
export function check(resources: readonly CapturedResource[], config?: object, policies: readonly GuardrailPolicy[] = guardrailPolicies): Violation[] {
    const parsed = config === undefined ? NO_POLICY_PACK_CONFIG : parsePolicyPackConfig(JSON.stringify(config, null, 4), "policy-config.json");
    return runPolicies(resources, policies, parsed);
}

export interface ExpectedViolation {
    readonly policy: string;
    readonly enforcementLevel?: "mandatory" | "advisory";
    /** Logical name, or null for the stack; not checked when omitted. */
    readonly resource?: string | null;
    readonly message?: RegExp;
}

function matches(v: Violation, e: ExpectedViolation): boolean {
    return (
        v.policy === e.policy &&
        (e.enforcementLevel === undefined || v.enforcementLevel === e.enforcementLevel) &&
        (e.resource === undefined || v.resource === e.resource) &&
        (e.message === undefined || e.message.test(v.message))
    );
}

/** Asserts that the violations are exactly the expected ones, printing all of them otherwise. */
export function assertViolations(actual: readonly Violation[], expected: readonly ExpectedViolation[]): void {
    const left = [...actual];
    const missing = expected.filter((e) => {
        const i = left.findIndex((v) => matches(v, e));
        if (i === -1) return true;
        left.splice(i, 1);
        return false;
    });
    if (missing.length === 0 && left.length === 0) return;
    const show = (v: object) => `  ${JSON.stringify(v, (_, x: unknown) => (x instanceof RegExp ? String(x) : x))}`;
    assert.fail(
        [
            ...(missing.length > 0 ? ["Expected but not reported:", ...missing.map(show)] : []),
            ...(left.length > 0 ? ["Reported but not expected:", ...left.map(show)] : []),
            "All violations:",
            ...(actual.length > 0 ? actual.map(show) : ["  (none)"]),
        ].join("\n"),
    );
}
