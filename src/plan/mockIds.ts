import { createHash } from "crypto";
import { at } from "../../policypacks/aws-org-guardrails/core/at";

const ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Deterministic pseudo-random characters from a seed, so a plan is the same on every run. */
function chars(seed: string, length: number, alphabet: string): string {
    let out = "";
    let block = 0;
    while (out.length < length) {
        const digest = createHash("sha256").update(`${seed}#${block++}`).digest();
        for (const byte of digest) {
            if (out.length === length) break;
            out += at(alphabet, byte % alphabet.length);
        }
    }
    return out;
}

/**
 * Realistic, stable identifiers for resources that do not exist yet, shaped as AWS shapes
 * them (`o-…`, `r-…`, `ou-…-…`, 12-digit accounts, `p-…`), so the plan reads like AWS.
 */
export class MockIds {
    readonly organizationId: string;
    readonly rootId: string;
    readonly managementAccountId: string;
    private readonly usedAccountIds = new Set<string>();

    constructor(seed: string, managementAccountId?: string, organizationId?: string, rootId?: string) {
        this.organizationId = organizationId ?? `o-${chars(`${seed}/org`, 10, ALPHANUMERIC)}`;
        this.rootId = rootId ?? `r-${chars(`${seed}/root`, 4, ALPHANUMERIC)}`;
        this.managementAccountId = managementAccountId ?? this.accountId(`${seed}/management`);
    }

    ou(path: string): string {
        return `ou-${this.rootId.slice(2)}-${chars(`ou/${path}`, 8, ALPHANUMERIC)}`;
    }

    policy(name: string): string {
        return `p-${chars(`policy/${name}`, 8, ALPHANUMERIC)}`;
    }

    /** A 12-digit id, unique within this plan. */
    accountId(name: string): string {
        for (let attempt = 0; ; attempt++) {
            const id = chars(`account/${name}/${attempt}`, 12, "0123456789");
            if (!this.usedAccountIds.has(id)) {
                this.usedAccountIds.add(id);
                return id;
            }
        }
    }

    /** The Identity Center instance the organization would have (`ssoins-` and 16 hex digits). */
    get ssoInstanceArn(): string {
        return `arn:aws:sso:::instance/ssoins-${chars(`${this.organizationId}/sso`, 16, "0123456789abcdef")}`;
    }

    /** Its identity store (`d-` and 10 hex digits). */
    get identityStoreId(): string {
        return `d-${chars(`${this.organizationId}/store`, 10, "0123456789abcdef")}`;
    }

    permissionSetArn(name: string): string {
        const instance = this.ssoInstanceArn.slice(this.ssoInstanceArn.lastIndexOf("/") + 1);
        return `arn:aws:sso:::permissionSet/${instance}/ps-${chars(`permission-set/${name}`, 16, "0123456789abcdef")}`;
    }

    /** A group id as the identity store makes them: a UUID. */
    groupId(name: string): string {
        const hex = chars(`group/${name}`, 32, "0123456789abcdef");
        return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }

    reserveAccountId(id: string): void {
        this.usedAccountIds.add(id);
    }

    arn(kind: "organization" | "root" | "ou" | "account" | "policy", id: string): string {
        const prefix = `arn:aws:organizations::${this.managementAccountId}`;
        switch (kind) {
            case "organization":
                return `${prefix}:organization/${this.organizationId}`;
            case "root":
                return `${prefix}:root/${this.organizationId}/${id}`;
            case "ou":
                return `${prefix}:ou/${this.organizationId}/${id}`;
            case "account":
                return `${prefix}:account/${this.organizationId}/${id}`;
            case "policy":
                return `${prefix}:policy/${this.organizationId}/service_control_policy/${id}`;
        }
    }
}
