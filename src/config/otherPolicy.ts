import { Diagnostic } from "../diagnostics/diagnostic";
import { LineIndex } from "../diagnostics/textPosition";
import { JsonObject, OrganizationPolicy, OtherPolicyType, SourcePosition } from "../model/types";
import { lintScp } from "../scp/scpLint";
import { checkManagementText } from "../../policypacks/aws-org-guardrails/core/managementPolicy";
import { PolicyDocument } from "../../policypacks/aws-org-guardrails/core/policyDocument";
import { POLICY_TYPE_FACTS, RCP_FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS_ID } from "../../policypacks/aws-org-guardrails/core/policyTypes";
import { checkRcpText } from "../../policypacks/aws-org-guardrails/core/scpDocument";

const RCP_FULL_AWS_ACCESS_DOCUMENT: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
};

/** The AWS-managed RCP that AWS attaches to every root, OU and account and never lets go. */
export function rcpFullAwsAccess(source: SourcePosition): OrganizationPolicy {
    return {
        name: RCP_FULL_AWS_ACCESS,
        type: "RCP",
        description: `AWS-managed: lets every request through RCP evaluation (${RCP_FULL_AWS_ACCESS_ID})`,
        content: JSON.stringify(RCP_FULL_AWS_ACCESS_DOCUMENT),
        value: JSON.parse(JSON.stringify(RCP_FULL_AWS_ACCESS_DOCUMENT)) as JsonObject,
        document: RCP_FULL_AWS_ACCESS_DOCUMENT,
        awsManaged: true,
        tags: {},
        source,
    };
}

export interface OtherPolicyInput {
    readonly name: string;
    readonly type: OtherPolicyType;
    readonly text: string;
    /** Absolute path of the policy file, for positions inside it. */
    readonly file: string;
    /** Where the org file names the policy file, for the size limit. */
    readonly filePosition: SourcePosition;
}

/**
 * Checks the text of a policy of any type but SCP against its type's grammar: an RCP as an
 * IAM document (`checkRcpText`, then the same lint of actions and conditions as SCPs), a
 * management policy as JSON with the inheritance operators (`checkManagementText`), and
 * either against the type's size limit once minified.
 */
export function checkOtherPolicy(input: OtherPolicyInput): {
    checked?: Pick<OrganizationPolicy, "content" | "value" | "document">;
    diagnostics: Diagnostic[];
} {
    const facts = POLICY_TYPE_FACTS[input.type];
    const label = `${facts.label.charAt(0).toUpperCase()}${facts.label.slice(1)} \`${input.name}\``;
    const lines = new LineIndex(input.file, input.text);
    const diagnostics: Diagnostic[] = [];
    let checked: Pick<OrganizationPolicy, "content" | "value" | "document"> | undefined;
    let minified: string | undefined;
    if (input.type === "RCP") {
        const check = checkRcpText(input.text);
        const linted = check.tree === undefined ? [] : lintScp(check.tree);
        for (const p of [...check.problems, ...linted].sort((a, b) => a.offset - b.offset)) {
            diagnostics.push({ code: p.code, severity: p.severity ?? "error", message: `${label}: ${p.message}`, ...lines.position(p.offset) });
        }
        minified = check.minified;
        if (check.document !== undefined && check.minified !== undefined) {
            checked = { content: check.minified, value: JSON.parse(check.minified) as JsonObject, document: check.document };
        }
    } else {
        const check = checkManagementText(input.text, input.type);
        for (const p of check.problems) diagnostics.push({ code: p.code, severity: p.severity ?? "error", message: `${label}: ${p.message}`, ...lines.position(p.offset) });
        minified = check.minified;
        if (check.value !== undefined && check.minified !== undefined) checked = { content: check.minified, value: check.value };
    }
    if (minified !== undefined && minified.length > facts.maxChars) {
        diagnostics.push({
            code: "policy-too-large",
            severity: "error",
            message: `${label} is ${minified.length} characters once minified, over AWS's limit of ${facts.maxChars} for ${/^[aeiouAEIOU]|^RCP/.test(facts.label) ? "an" : "a"} ${facts.label}; split it into two policies.`,
            ...input.filePosition,
        });
        checked = undefined;
    }
    return { checked: diagnostics.some((d) => d.severity === "error") ? undefined : checked, diagnostics };
}
