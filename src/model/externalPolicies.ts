/**
 * How policies managed by someone else are recognised in a live organization.
 *
 * - AWS Control Tower names the guardrail SCPs it creates and attaches `aws-guardrails-…`
 *   (its controls live in them; detaching one breaks Control Tower's governance of the OU).
 * - Landing Zone Accelerator tags the policies it creates with `<prefix>Managed`, its prefix
 *   being `AWSAccelerator` by default (LZA, `@aws-accelerator/constructs`,
 *   `lib/aws-organizations/policy.ts`, `policyTagKey`).
 */
export const CONTROL_TOWER_SCP_PREFIX = "aws-guardrails-";
export const LZA_MANAGED_TAG = "AWSAcceleratorManaged";

/** Whether an SCP is one of Control Tower's, by its name. */
export function isControlTowerPolicy(name: string): boolean {
    return name.startsWith(CONTROL_TOWER_SCP_PREFIX);
}

/** Who manages a live policy, when it is not ours: its name or tags tell. */
export function externalManager(name: string, tags: Readonly<Record<string, string>> | undefined): "Control Tower" | "Landing Zone Accelerator" | undefined {
    if (isControlTowerPolicy(name)) return "Control Tower";
    if (tags !== undefined && Object.hasOwn(tags, LZA_MANAGED_TAG)) return "Landing Zone Accelerator";
    return undefined;
}
