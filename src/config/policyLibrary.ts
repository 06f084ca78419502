import * as path from "path";
import { Diagnostic } from "../diagnostics/diagnostic";
import { allowedRootsFor } from "../files/allowedRoots";
import { FILE_SIZE_LIMITS, readSourceFile } from "../files/readSourceFile";
import { RawOrgFile } from "./schema";
import { LineIndex } from "../diagnostics/textPosition";
import { RETIRED_SCP_NAME } from "./retirement";
import { tagDiagnostic } from "./tagDiagnostic";
import { policyDescriptionProblem, policyIdProblem, policyNameProblem } from "./valueRules";
import { YamlSource } from "./yamlSource";
import { FULL_AWS_ACCESS, Limits, OrganizationPolicy, ServiceControlPolicy, SourcePosition } from "../model/types";
import { checkOtherPolicy, rcpFullAwsAccess } from "./otherPolicy";
import { POLICY_TYPE_FACTS, RCP_FULL_AWS_ACCESS } from "../../policypacks/aws-org-guardrails/core/policyTypes";
import { checkScpText, scpStrategy } from "../../policypacks/aws-org-guardrails/core/scpDocument";
import { lintScp } from "../scp/scpLint";
import { asList, PolicyDocument } from "../../policypacks/aws-org-guardrails/core/policyDocument";

const FULL_AWS_ACCESS_DOCUMENT: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};

/** Whether a document denies every action on every resource, unconditionally. */
function deniesEverything(doc: PolicyDocument): boolean {
    return doc.Statement.some((s) => s.Effect === "Deny" && asList(s.Action).includes("*") && (s.Resource === undefined || asList(s.Resource).includes("*")) && s.Condition === undefined);
}

/** The AWS-managed FullAWSAccess policy, always part of the library. */
export function fullAwsAccess(source: SourcePosition): ServiceControlPolicy {
    return {
        name: FULL_AWS_ACCESS,
        description: "AWS-managed: allows every action (p-FullAWSAccess)",
        content: JSON.stringify(FULL_AWS_ACCESS_DOCUMENT),
        document: FULL_AWS_ACCESS_DOCUMENT,
        awsManaged: true,
        external: false,
        strategy: "full-access",
        tags: {},
        source,
    };
}

/** An external SCP whose document the file does not give: it stands as a document without statements. */
function externalWithoutDocument(name: string, id: string, description: string | undefined, tags: Readonly<Record<string, string>>, source: SourcePosition): ServiceControlPolicy {
    const document: PolicyDocument = { Version: "2012-10-17", Statement: [] };
    return { name, id, description, content: JSON.stringify(document), document, awsManaged: false, external: true, strategy: "deny-list", tags, source };
}

/**
 * Loads every policy of the library: reads its file (relative to the org file, and inside the
 * org file's folder or its repository), checks it is a valid policy of its `type` (default
 * SCP) and fits the type's size limit once minified (`limits.scpMaxChars` for SCPs). Problems
 * inside a policy file point into that file. SCPs and the other types come back apart.
 */
export function loadPolicyLibrary(
    raw: RawOrgFile,
    source: YamlSource,
    limits: Limits,
): { policies: Map<string, ServiceControlPolicy>; otherPolicies: Map<string, OrganizationPolicy>; diagnostics: Diagnostic[] } {
    const diagnostics: Diagnostic[] = [];
    const policies = new Map<string, ServiceControlPolicy>([[FULL_AWS_ACCESS, fullAwsAccess(source.position([]))]]);
    const otherPolicies = new Map<string, OrganizationPolicy>([[RCP_FULL_AWS_ACCESS, rcpFullAwsAccess(source.position([]))]]);
    const seenIds = new Map<string, string>();
    const roots = allowedRootsFor(source.file);
    for (const [name, entry] of raw.policies ?? []) {
        const entryPos = source.keyPosition(["policies"], name);
        const error = (code: string, message: string, pos: SourcePosition) => diagnostics.push({ code, severity: "error", message, ...pos });
        const type = entry.type ?? "SCP";
        const kind = POLICY_TYPE_FACTS[type].label;
        if (name === FULL_AWS_ACCESS || name === RCP_FULL_AWS_ACCESS) {
            error("reserved-policy-name", `\`${name}\` is the AWS-managed policy and cannot be redefined; give your policy another name.`, entryPos);
            continue;
        }
        const refused = POLICY_TYPE_FACTS[type].providerRefuses;
        if (refused !== undefined) {
            error("policy-type-not-deployable", `Policy \`${name}\` is of type \`${type}\`, which the program cannot create: ${refused}. Manage it outside this file for now.`, source.position(["policies", name, "type"]));
            continue;
        }
        const nameProblem = policyNameProblem(name);
        if (nameProblem !== undefined) {
            error("invalid-policy-name", `${capitalize(article(kind))} name ${nameProblem}.`, entryPos);
            continue;
        }
        if (entry.id !== undefined) {
            const idProblem = policyIdProblem(entry.id);
            if (idProblem) error("invalid-policy-id", `${capitalize(kind)} id \`${entry.id}\` of \`${name}\` ${idProblem}.`, source.position(["policies", name, "id"]));
            const first = seenIds.get(entry.id);
            if (first !== undefined) error("duplicate-policy-id", `Policy id \`${entry.id}\` is also the id of \`${first}\`; each policy has its own.`, source.position(["policies", name, "id"]));
            seenIds.set(entry.id, name);
        }
        const descriptionProblem = entry.description === undefined ? undefined : policyDescriptionProblem(entry.description);
        if (descriptionProblem !== undefined) error("invalid-policy-description", `The description of ${kind} \`${name}\` ${descriptionProblem}.`, source.position(["policies", name, "description"]));
        const tags = entry.tags === undefined ? undefined : Object.fromEntries(entry.tags);
        const tagProblem = tagDiagnostic(source, ["policies", name, "tags"], tags, `Tags of ${kind} \`${name}\``);
        if (tagProblem !== undefined) diagnostics.push(tagProblem);
        const external = entry.external === true;
        if (external && type !== "SCP") {
            error(
                "external-policy-type",
                `Policy \`${name}\` is of type \`${type}\` and \`external: true\`: only an SCP can be external. Manage it in this file (remove \`external\`, give its \`file\`), or leave it out of the file.`,
                source.position(["policies", name, "external"]),
            );
            continue;
        }
        if (external && entry.id === undefined) {
            error("external-without-id", `SCP \`${name}\` is \`external: true\` but has no \`id\`: a policy managed by someone else is found by its id (\`p-…\`); \`npm run import\` writes it.`, source.position(["policies", name, "external"]));
            continue;
        }
        if (entry.file === undefined) {
            if (!external) {
                error("policy-without-file", `${capitalize(kind)} \`${name}\` has no \`file\`: give the path of its JSON document${type === "SCP" ? ", or mark a policy managed by someone else `external: true` with its `id`" : ""}.`, entryPos);
                continue;
            }
            diagnostics.push({
                code: "external-without-file",
                severity: "warning",
                message: `External SCP \`${name}\` has no \`file\`: \`npm run effective\` takes it as allowing and denying nothing. Give a copy of its document in \`file\` (\`npm run import\` writes one).`,
                ...entryPos,
            });
            policies.set(name, externalWithoutDocument(name, entry.id ?? "", entry.description, tags ?? {}, entryPos));
            continue;
        }
        const file = path.resolve(path.dirname(source.file), entry.file);
        const read = readSourceFile({
            path: file,
            label: `Policy file \`${entry.file}\` of ${kind} \`${name}\``,
            maxBytes: FILE_SIZE_LIMITS.policyFile,
            roots,
            namedAt: source.position(["policies", name, "file"]),
            missingCode: "policy-file-missing",
            missingHint: "check the path, which is relative to the org file",
        });
        if ("refused" in read) {
            diagnostics.push(read.refused);
            continue;
        }
        const text = read.text;
        if (type !== "SCP") {
            const other = checkOtherPolicy({ name, type, text, file, filePosition: source.position(["policies", name, "file"]) });
            diagnostics.push(...other.diagnostics);
            if (other.checked !== undefined) {
                otherPolicies.set(name, { name, type, id: entry.id, description: entry.description, file, ...other.checked, awsManaged: false, tags: tags ?? {}, source: entryPos });
            }
            continue;
        }
        const check = checkScpText(text);
        // The shape problems and the lint's, together: one bad statement hides nothing else.
        const linted = check.tree === undefined ? [] : lintScp(check.tree);
        const problems = [...check.problems, ...linted].sort((a, b) => a.offset - b.offset);
        const lines = new LineIndex(file, text);
        // What is wrong in someone else's policy is theirs to fix: reported, never blocking.
        const severity = (own: "error" | "warning" | undefined) => (external ? "warning" : (own ?? "error"));
        const owner = external ? " (external: report it to whoever manages it)" : "";
        for (const p of problems) diagnostics.push({ code: p.code, severity: severity(p.severity), message: `SCP \`${name}\`${owner}: ${p.message}`, ...lines.position(p.offset) });
        if (check.minified !== undefined && check.minified.length > limits.scpMaxChars) {
            diagnostics.push({
                code: "scp-too-large",
                severity: severity(undefined),
                message: `SCP \`${name}\`${owner} is ${check.minified.length} characters once minified, over the limit of ${limits.scpMaxChars}; split it into two SCPs.`,
                ...source.position(["policies", name, "file"]),
            });
        }
        if (check.document === undefined || check.minified === undefined) continue;
        if (name === RETIRED_SCP_NAME && !deniesEverything(check.document)) {
            error("reserved-policy-name", `\`${RETIRED_SCP_NAME}\` is the built-in SCP of the \`Retired\` OU and must deny everything; give your policy another name.`, entryPos);
            continue;
        }
        policies.set(name, {
            name,
            id: entry.id,
            description: entry.description,
            file,
            content: check.minified,
            document: check.document,
            awsManaged: false,
            external,
            strategy: scpStrategy(check.document),
            tags: tags ?? {},
            source: entryPos,
        });
    }
    return { policies, otherPolicies, diagnostics };
}

function article(kind: string): string {
    return /^[aeiouAEIOU]|^(SCP|RCP)/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

function capitalize(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
