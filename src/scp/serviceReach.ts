import { iamAllActions, iamServices } from "./iamCatalog";
import { PathLevel } from "./policyPath";
import { asList } from "./scpDocument";
import { compilePolicy } from "./statements";
import { OrgModel, ScpStatement } from "../model/types";

/** A service some of whose actions the SCPs on a path may allow. */
export interface ReachableService {
    readonly service: string;
    /** Catalogue actions of the service that may be allowed. */
    readonly allowed: number;
    readonly total: number;
}

/** Which services of the IAM catalogue a path's SCPs leave usable at all. */
export interface ServiceReach {
    /** True when the Allow statements on the path let every action of the catalogue through. */
    readonly unrestricted: boolean;
    readonly services: readonly ReachableService[];
    /** Services in the catalogue. */
    readonly catalogueServices: number;
}

/** A Deny that applies to every resource whatever the request: it removes actions outright. */
function deniesOutright(s: ScpStatement): boolean {
    const everyResource = s.NotResource === undefined && (s.Resource === undefined || asList(s.Resource).includes("*"));
    return s.Effect === "Deny" && s.Condition === undefined && everyResource;
}

interface LevelReach {
    /** 1 for each catalogue action the level may allow. */
    readonly mask: Uint8Array;
    /** True when the level's Allow statements cover every action. */
    readonly allowsAll: boolean;
}

/**
 * Computes, over the IAM service catalogue, which actions may be allowed along a path: the
 * intersection, level by level, of what the Allow statements cover, less what unconditional
 * Denies remove. Conditions and resources of Allows are not evaluated ("may be allowed"):
 * this answers "which services can this OU use at all". Results are cached per SCP set.
 */
export class ServiceReachCalculator {
    private readonly levels = new Map<string, LevelReach>();

    constructor(private readonly model: OrgModel) {}

    reach(levels: readonly PathLevel[]): ServiceReach {
        const actions = iamAllActions();
        const combined = new Uint8Array(actions.length).fill(1);
        let unrestricted = true;
        for (const level of levels) {
            const reach = this.levelReach(level.policies, actions);
            unrestricted &&= reach.allowsAll;
            for (let i = 0; i < combined.length; i++) combined[i] &= reach.mask[i];
        }
        const counts = new Map<string, { allowed: number; total: number }>();
        actions.forEach((action, i) => {
            const service = action.slice(0, action.indexOf(":"));
            const c = counts.get(service) ?? { allowed: 0, total: 0 };
            c.total++;
            c.allowed += combined[i];
            counts.set(service, c);
        });
        const reachable = [...counts].filter(([, c]) => c.allowed > 0).map(([service, c]) => ({ service, ...c }));
        return { unrestricted, services: reachable.sort((a, b) => a.service.localeCompare(b.service)), catalogueServices: iamServices().length };
    }

    private levelReach(policies: readonly string[], actions: readonly string[]): LevelReach {
        const key = policies.join("\n");
        let reach = this.levels.get(key);
        if (reach === undefined) {
            const statements = policies.flatMap((name) => {
                const policy = this.model.policies.get(name);
                return policy === undefined ? [] : compilePolicy(policy);
            });
            const allows = statements.filter((s) => s.effect === "Allow");
            const denies = statements.filter((s) => deniesOutright(s.statement));
            const mask = new Uint8Array(actions.length);
            let allowsAll = true;
            actions.forEach((a, i) => {
                const allowed = allows.some((s) => s.matchesAction(a));
                allowsAll &&= allowed;
                mask[i] = allowed && !denies.some((s) => s.matchesAction(a)) ? 1 : 0;
            });
            reach = { mask, allowsAll };
            this.levels.set(key, reach);
        }
        return reach;
    }
}
