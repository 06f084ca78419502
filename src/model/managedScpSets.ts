import { FULL_AWS_ACCESS, PolicyTarget } from "./types";

/**
 * Whether the program leaves a target's SCPs to AWS: a target it creates that keeps the AWS
 * default, FullAWSAccess alone, which AWS attaches to every new OU and account on its own.
 * An adopted target (with an `id`) may carry anything already, so its set is always managed;
 * so is the root's, which the caller handles.
 */
export function keepsAwsDefault(target: PolicyTarget & { readonly id?: string }): boolean {
    return target.id === undefined && target.policies.length === 1 && target.policies[0] === FULL_AWS_ACCESS;
}
