import * as path from "path";
import { Node as JsonNode } from "jsonc-parser";
import { Diagnostic } from "../diagnostics/diagnostic";
import { LineIndex } from "../diagnostics/textPosition";
import { didYouMean } from "../diagnostics/suggest";
import { allowedRootsFor } from "../files/allowedRoots";
import { FILE_SIZE_LIMITS, readSourceFile } from "../files/readSourceFile";
import { iamActionName, iamActionsOf } from "../scp/iamCatalog";
import { YamlSource } from "./yamlSource";
import { OrganizationResourcePolicy } from "../model/types";
import { parseJsonText } from "../../policypacks/aws-org-guardrails/core/jsonText";
import { propertyValue, statementNodes, stringNodes } from "../../policypacks/aws-org-guardrails/core/policyTree";
import { wildcardMatcher } from "../../policypacks/aws-org-guardrails/core/wildcard";

/** PutResourcePolicy: the policy text is at most 40,000 characters. */
export const RESOURCE_POLICY_MAX_CHARS = 40_000;

/**
 * The organization's resource policy (`organization.resourcePolicy.file`), which delegates
 * policy management to member accounts: read like a policy file, then checked as AWS would take
 * it: JSON, `Version` 2012-10-17, statements that name who (`Principal`) may do which
 * Organizations actions, at most 40,000 characters once minified. Problems point into the file.
 */
export function loadResourcePolicy(file: string, source: YamlSource, diagnostics: Diagnostic[]): OrganizationResourcePolicy | undefined {
    const at = source.position(["organization", "resourcePolicy", "file"]);
    const absolute = path.resolve(path.dirname(source.file), file);
    const read = readSourceFile({
        path: absolute,
        label: `Resource policy file \`${file}\``,
        maxBytes: FILE_SIZE_LIMITS.policyFile,
        roots: allowedRootsFor(source.file),
        namedAt: at,
        missingCode: "policy-file-missing",
        missingHint: "check the path, which is relative to the org file",
    });
    if ("refused" in read) {
        diagnostics.push(read.refused);
        return undefined;
    }
    const lines = new LineIndex(absolute, read.text);
    const problems: Diagnostic[] = [];
    const problem = (offset: number, message: string) => problems.push({ code: "invalid-resource-policy", severity: "error", message: `Resource policy: ${message}`, ...lines.position(offset) });
    const json = parseJsonText(read.text);
    const tree = json.tree;
    for (const p of json.problems) problem(p.offset, p.kind === "duplicate-key" ? `key \`${p.detail}\` is written twice in one object; AWS would read only one of them.` : `not valid JSON (${p.detail}).`);
    if (tree === undefined || json.problems.length > 0) {
        diagnostics.push(...problems);
        return undefined;
    }
    if (tree.type !== "object") problem(tree.offset, "the document must be a JSON object with `Version` and `Statement`.");
    else {
        const version = propertyValue(tree, "Version");
        if (version?.value !== "2012-10-17") problem(version?.offset ?? tree.offset, "`Version` must be `\"2012-10-17\"`.");
        const statements = statementNodes(tree);
        if (statements.length === 0) problem(propertyValue(tree, "Statement")?.offset ?? tree.offset, "`Statement` must hold at least one statement object.");
        statements.forEach((s) => checkStatement(s, problem));
    }
    const content = JSON.stringify(json.value);
    if (content.length > RESOURCE_POLICY_MAX_CHARS) {
        problems.push({ code: "resource-policy-too-large", severity: "error", message: `The resource policy is ${content.length} characters once minified, over AWS's limit of ${RESOURCE_POLICY_MAX_CHARS}.`, ...at });
    }
    diagnostics.push(...problems);
    return problems.length > 0 ? undefined : { file: absolute, content, source: at };
}

function checkStatement(s: JsonNode, problem: (offset: number, message: string) => void): void {
    const effect = propertyValue(s, "Effect");
    if (effect?.value !== "Allow" && effect?.value !== "Deny") problem(effect?.offset ?? s.offset, "each statement needs `Effect`: `Allow` or `Deny`.");
    if (propertyValue(s, "Principal") === undefined && propertyValue(s, "NotPrincipal") === undefined) {
        problem(s.offset, "each statement needs `Principal`: the member accounts (or their roles) to which policy management is delegated.");
    }
    const actions = propertyValue(s, "Action") ?? propertyValue(s, "NotAction");
    if (actions === undefined) {
        problem(s.offset, "each statement needs `Action`: the Organizations actions it delegates.");
        return;
    }
    for (const node of stringNodes(actions)) {
        const written = String(node.value);
        const [prefix, name, ...rest] = written.split(":");
        if (written === "*") continue;
        if (prefix?.toLowerCase() !== "organizations" || name === undefined || rest.length > 0) {
            problem(node.offset, `\`${written}\` is not an Organizations action: a resource policy delegates \`organizations:…\` actions only.`);
        } else if (name.includes("*") || name.includes("?")) {
            const matcher = wildcardMatcher(name, true);
            if (!iamActionsOf("organizations").some((a) => matcher.test(a))) problem(node.offset, `\`${written}\` matches no Organizations action.`);
        } else if (iamActionName("organizations", name) === undefined) {
            problem(node.offset, `\`${written}\` is not an Organizations action.${didYouMean(name, iamActionsOf("organizations")).replace(/`([^`]+)`/, "`organizations:$1`")}`);
        }
    }
}
