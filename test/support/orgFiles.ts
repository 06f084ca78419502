import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isMap, parseDocument } from "yaml";
import { Diagnostic, formatDiagnostic } from "../../src/diagnostics/diagnostic";
import { loadOrgFile, LoadResult } from "../../src/config/loadOrgFile";
import { OrgModel } from "../../src/model/types";
import { present } from "./present";

export const ALLOW_S3 = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }, null, 2);
export const DENY_LEAVE = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }] }, null, 2);

/**
 * Every org file has `organization:` and `root:`. A test about something else leaves them out;
 * this adds `organization: {}` and `root: {}` at the end of a block map that lacks them, where
 * they shift no position the test asserts. Text that is not such a map is left as it is.
 */
export function withRequiredSections(orgYaml: string): string {
    const document = parseDocument(orgYaml);
    if (document.errors.length > 0 || !isMap(document.contents) || document.contents.flow === true) return orgYaml;
    const missing = ["organization", "root"].filter((key) => !document.has(key));
    if (missing.length === 0) return orgYaml;
    return `${orgYaml}${orgYaml.endsWith("\n") ? "" : "\n"}${missing.map((key) => `${key}: {}\n`).join("")}`;
}

/**
 * Writes an org file (and any policy files) into a fresh temporary folder; returns the org
 * file's path. The org file gets its required sections (`withRequiredSections`) unless `exactly`.
 */
export function writeOrgFiles(orgYaml: string, files: Record<string, string> = {}, exactly = false): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-test-"));
    for (const [name, text] of Object.entries({ "policies/allow-s3.json": ALLOW_S3, "policies/deny-leave.json": DENY_LEAVE, ...files })) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    const file = path.join(dir, "org.yaml");
    fs.writeFileSync(file, exactly ? orgYaml : withRequiredSections(orgYaml));
    return file;
}

/** Loads YAML text written to a temporary org file (see `writeOrgFiles`). */
export function loadYaml(orgYaml: string, files: Record<string, string> = {}, exactly = false): LoadResult & { file: string } {
    const file = writeOrgFiles(orgYaml, files, exactly);
    return { ...loadOrgFile(file), file };
}

/** The model of a load, asserting there is one: on failure, the diagnostics are the message. */
export function modelOf(result: LoadResult): OrgModel {
    const { model } = result;
    assert.ok(model !== undefined, `expected a model, got:\n${result.diagnostics.map((d) => formatDiagnostic(d)).join("\n")}`);
    return model;
}

/** The model of YAML text written to a temporary org file, asserting that it loads. */
export function loadModel(orgYaml: string, files: Record<string, string> = {}): OrgModel {
    return modelOf(loadYaml(orgYaml, files));
}

/** YAML from an indented template literal: strips the common indentation. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
    const text = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ""), "");
    const lines = text.replace(/^\n/, "").split("\n");
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
    return lines.map((l) => l.slice(indent)).join("\n");
}

export interface Expected {
    code: string;
    line: number;
    column: number;
    message?: RegExp;
    file?: string;
    severity?: "error" | "warning";
}

/** Asserts that exactly these diagnostics were reported (all of them printed on failure). */
export function assertDiagnostics(result: { diagnostics: readonly Diagnostic[]; file: string }, expected: Expected[]): void {
    const shown = result.diagnostics.map((d) => formatDiagnostic(d, path.dirname(result.file))).join("\n");
    assert.strictEqual(result.diagnostics.length, expected.length, `expected ${expected.length} diagnostic(s), got:\n${shown}`);
    expected.forEach((e, i) => {
        const d = present(result.diagnostics[i]);
        assert.strictEqual(d.code, e.code, shown);
        assert.strictEqual(d.severity, e.severity ?? "error", shown);
        assert.deepStrictEqual([d.line, d.column], [e.line, e.column], `position of ${e.code}:\n${shown}`);
        assert.strictEqual(d.file, e.file ?? result.file, shown);
        if (e.message) assert.match(d.message, e.message, shown);
    });
}

/**
 * A copy of the pack's config.json (every policy and setting a user has) whose email check
 * admits `domain`: for organizations whose accounts a test cannot give the config's domain.
 */
export function packConfigAllowing(domain: string): string {
    const config = JSON.parse(fs.readFileSync(path.join(__dirname, "../../policypacks/aws-org-guardrails/config.json"), "utf8")) as Record<string, unknown>;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-policy-")), "config.json");
    fs.writeFileSync(file, JSON.stringify({ ...config, "account-email-domains": { enforcementLevel: "mandatory", allowedDomains: [domain] } }));
    return file;
}
