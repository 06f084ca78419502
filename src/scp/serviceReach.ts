import { iamAllActions, iamServices } from "./iamCatalog";
import { PathLevel } from "./policyPath";

import { compilePolicy } from "../../policypacks/aws-org-guardrails/core/statements";
import { OrgModel } from "../model/types";
import { at } from "../../policypacks/aws-org-guardrails/core/at";
import { asList, PolicyStatement } from "../../policypacks/aws-org-guardrails/core/policyDocument";

/** A service some of whose actions the SCPs on a path may allow. */
export interface ReachableService {
    readonly service: string;
    /** Catalogue actions of the service that may be allowed. */
    readonly allowed: number;
    readonly total: number;
}

/** Which services of the IAM catalogue a path's SCPs leave usable at all. */
export interface ServiceReach {
    /**
     * True when every action of the catalogue may be allowed: the Allow statements on the path
     * let everything through and no unconditional Deny removes anything.
     */
    readonly unrestricted: boolean;
    readonly services: readonly ReachableService[];
    /** Services none of whose actions may be allowed, sorted. */
    readonly unusable: readonly string[];
    /** Services in the catalogue. */
    readonly catalogueServices: number;
}

/** A Deny that applies to every resource whatever the request: it removes actions outright. */
function deniesOutright(s: PolicyStatement): boolean {
    const everyResource = s.NotResource === undefined && (s.Resource === undefined || asList(s.Resource).includes("*"));
    return s.Effect === "Deny" && s.Condition === undefined && everyResource;
}

/**
 * Computes, over the IAM service catalogue, which actions may be allowed along a path: the
 * intersection, level by level, of what the Allow statements cover, less what unconditional
 * Denies remove. Conditions and resources of Allows are not evaluated ("may be allowed"):
 * this answers "which services can this OU use at all". Results are cached per SCP set.
 */
export class ServiceReachCalculator {
    /** Per SCP set: 1 for each catalogue action the level may allow. */
    private readonly levels = new Map<string, Uint8Array>();

    constructor(private readonly model: OrgModel) {}

    /** 1 for each action of the catalogue (`iamAllActions()`, in its order) that the path's SCPs may allow. */
    mask(levels: readonly PathLevel[]): Uint8Array {
        const actions = iamAllActions();
        const combined = new Uint8Array(actions.length).fill(1);
        for (const level of levels) {
            const mask = this.levelMask(level.policies, actions);
            for (let i = 0; i < combined.length; i++) combined[i] = at(combined, i) & at(mask, i);
        }
        return combined;
    }

    reach(levels: readonly PathLevel[]): ServiceReach {
        const actions = iamAllActions();
        const combined = this.mask(levels);
        const counts = new Map<string, { allowed: number; total: number }>();
        actions.forEach((action, i) => {
            const service = action.slice(0, action.indexOf(":"));
            const c = counts.get(service) ?? { allowed: 0, total: 0 };
            c.total++;
            c.allowed += at(combined, i);
            counts.set(service, c);
        });
        const byName = (a: string, b: string) => a.localeCompare(b);
        const reachable = [...counts].filter(([, c]) => c.allowed > 0).map(([service, c]) => ({ service, ...c }));
        return {
            unrestricted: combined.every((allowed) => allowed === 1),
            services: reachable.sort((a, b) => byName(a.service, b.service)),
            unusable: [...counts].filter(([, c]) => c.allowed === 0).map(([service]) => service).sort(byName),
            catalogueServices: iamServices().length,
        };
    }

    private levelMask(policies: readonly string[], actions: readonly string[]): Uint8Array {
        const key = policies.join("\n");
        const cached = this.levels.get(key);
        if (cached !== undefined) return cached;
        const statements = policies.flatMap((name) => {
            const policy = this.model.policies.get(name);
            return policy === undefined ? [] : compilePolicy(policy);
        });
        const allows = statements.filter((s) => s.effect === "Allow");
        const denies = statements.filter((s) => deniesOutright(s.statement));
        const mask = new Uint8Array(actions.length);
        actions.forEach((a, i) => {
            mask[i] = allows.some((s) => s.matchesAction(a)) && !denies.some((s) => s.matchesAction(a)) ? 1 : 0;
        });
        this.levels.set(key, mask);
        return mask;
    }
}
