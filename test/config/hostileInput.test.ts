// The cases a fuzzing and fault-injection run found in the loader: each fails on the loader
// as it was (a crash, a hang, a file read outside the project, or a plan that passes) and is
// now a diagnostic at its position, with nothing loaded.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadOrgFile } from "../../src/config/loadOrgFile";
import { loadStackOrgFile } from "../../src/config/stackOrgFile";
import { assertDiagnostics, DENY_LEAVE, loadYaml, writeOrgFiles, yaml } from "../support/orgFiles";

const DENY = (action: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: action, Resource: "*" }] });
const POLICY = "policies:\n  P: { file: policies/p.json }\nroot:\n  policies: [FullAWSAccess, P]\n";
const policyFile = (r: { file: string }) => path.join(path.dirname(r.file), "policies", "p.json");

/** Loads, failing the test when it takes longer than `budgetMs`. */
function timed<T>(budgetMs: number, load: () => T): T {
    const started = Date.now();
    const result = load();
    const elapsed = Date.now() - started;
    assert.ok(elapsed < budgetMs, `took ${elapsed} ms, over ${budgetMs} ms`);
    return result;
}

describe("hostile input: duplicate JSON keys cannot smuggle anything past the checks", () => {
    it("refuses a second `Action` in a statement, at the second one (AWS would keep it, the checks read the first)", () => {
        const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Action":"organizations:LeaveOrganisation","Resource":"*"}]}';
        const r = loadYaml(POLICY, { "policies/p.json": text });
        assertDiagnostics(r, [{ code: "scp-duplicate-key", file: policyFile(r), line: 1, column: text.lastIndexOf('"Action"') + 1, message: /SCP `P`: Key `Action` appears twice in the same object/ }]);
        assert.strictEqual(r.model, undefined);
    });

    it("refuses a second `Statement` or `Effect`, wherever it is", () => {
        const text = ['{"Version": "2012-10-17",', ' "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}],', ' "Statement": {"Effect": "Allow", "Effect": "Deny", "Principal": "*", "Action": "s3:*"}}'].join("\n");
        const r = loadYaml(POLICY, { "policies/p.json": text });
        assertDiagnostics(r, [
            { code: "scp-duplicate-key", file: policyFile(r), line: 3, column: 2, message: /Key `Statement` appears twice/ },
            { code: "scp-duplicate-key", file: policyFile(r), line: 3, column: 35, message: /Key `Effect` appears twice/ },
        ]);
    });

    it("reports a key twice in one YAML map at the second one, with its code", () => {
        assertDiagnostics(loadYaml("policies:\n  P:\n    file: policies/p.json\n    file: policies/q.json\n", { "policies/p.json": DENY_LEAVE }), [
            { code: "yaml-syntax", line: 4, column: 5, message: /^Map keys must be unique\.$/ },
        ]);
    });
});

describe("hostile input: nothing outside the project is read", () => {
    it("refuses policy files by absolute path, `../` or symlink out of the project, at their `file` key", () => {
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-outside-"));
        fs.writeFileSync(path.join(outside, "secret.json"), DENY_LEAVE);
        const file = writeOrgFiles(yaml`
            policies:
              A: { file: /etc/passwd }
              B: { file: ../${path.basename(outside)}/secret.json }
              C: { file: policies/link.json }
        `);
        fs.symlinkSync(path.join(outside, "secret.json"), path.join(path.dirname(file), "policies", "link.json"));
        assertDiagnostics({ ...loadOrgFile(file), file }, [
            { code: "file-outside-project", line: 2, column: 14, message: /^Policy file `\/etc\/passwd` of SCP `A` is outside the project/ },
            { code: "file-outside-project", line: 3, column: 14, message: /of SCP `B` is outside the project/ },
            { code: "file-outside-project", line: 4, column: 14, message: /of SCP `C` is outside the project \(it is .*secret\.json\)/ },
        ]);
    });

    it("refuses a stack's org file outside the project, at `aws-org:orgFile`, without echoing the file", () => {
        const project = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-project-"));
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: aws-org\nruntime: nodejs\n");
        fs.writeFileSync(path.join(project, "Pulumi.ci.yaml"), "config:\n  aws:region: us-east-1\n  aws-org:orgFile: /proc/self/environ\n");
        const result = timed(2000, () => loadStackOrgFile("ci", project));
        assert.deepStrictEqual(
            result.diagnostics.map((d) => [d.code, path.basename(d.file), d.line, d.column]),
            [["file-outside-project", "Pulumi.ci.yaml", 3, 20]],
        );
        assert.ok(!result.diagnostics[0]?.message.includes("PATH="), "the environment is never quoted");
    });

    // `--file` at a directory crashed the commands with a stack trace.
    it("refuses an org file that is a directory, or a FIFO, named on the command line", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-dir-"));
        assert.deepStrictEqual(loadOrgFile(dir).diagnostics.map((d) => [d.code, d.file, d.line, d.column]), [["file-not-regular", dir, 1, 1]]);
        execFileSync("mkfifo", [path.join(dir, "org.yaml")]);
        assert.deepStrictEqual(timed(2000, () => loadOrgFile(path.join(dir, "org.yaml"))).diagnostics.map((d) => d.code), ["file-not-regular"]);
    });

    it("refuses a device, a FIFO and a directory inside the project, without blocking", () => {
        const file = writeOrgFiles("policies:\n  Zero: { file: policies/zero }\n  Pipe: { file: policies/pipe }\n  Dir: { file: policies }\n");
        const dir = path.dirname(file);
        execFileSync("mkfifo", [path.join(dir, "policies", "pipe")]);
        fs.symlinkSync("/dev/zero", path.join(dir, "policies", "zero"));
        const result = timed(3000, () => ({ ...loadOrgFile(file), file }));
        assertDiagnostics(result, [
            { code: "file-outside-project", line: 2, column: 17, message: /`policies\/zero` of SCP `Zero` is outside the project \(it is \/dev\/zero\)/ },
            { code: "file-not-regular", line: 3, column: 17, message: /of SCP `Pipe` is a named pipe \(FIFO\), not a regular file/ },
            { code: "file-not-regular", line: 4, column: 16, message: /of SCP `Dir` is a directory/ },
        ]);
    });
});

describe("hostile input: no file exhausts the loader", () => {
    it("refuses an 8 MB policy file before reading it", () => {
        const file = writeOrgFiles(POLICY);
        const big = path.join(path.dirname(file), "policies", "p.json");
        fs.writeFileSync(big, `{"Version":"2012-10-17","Statement":[${Array.from({ length: 8000 }, (_, i) => `{"Effect":"Deny","Action":"s3:Bad${i}${"x".repeat(1000)}","Resource":"*"}`).join(",")}]}`);
        assertDiagnostics(timed(2000, () => ({ ...loadOrgFile(file), file })), [{ code: "file-too-large", line: 2, column: 14, message: /bytes, over the limit of 1,048,576 bytes/ }]);
    });

    it("reports each of 8,000 bad actions of a large policy file at its own line, fast", () => {
        const lines = Array.from({ length: 8000 }, (_, i) => `      "s3:GetObjekt${i}"`);
        const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Resource":"*","Action":[\n${lines.join(",\n")}\n]}]}\n`;
        const r = timed(15000, () => loadYaml(POLICY, { "policies/p.json": `${text}${" ".repeat(900_000 - text.length)}` }));
        const unknown = r.diagnostics.filter((d) => d.code === "scp-unknown-action");
        assert.strictEqual(unknown.length, 8000);
        assert.deepStrictEqual([unknown[7999]?.line, unknown[7999]?.column], [8001, 7]);
        assert.match(unknown[0]?.message ?? "", /Unknown action `s3:GetObjekt0`: service `s3` has no action `GetObjekt0`\. Did you mean `s3:GetObject`\?/);
    });

    it("checks a 107-byte SCP whose wildcard made a RegExp backtrack for minutes, in well under a second", () => {
        const r = timed(1000, () => loadYaml(POLICY, { "policies/p.json": DENY("s3:*?*?*?*?*?*?*?*?*?*?#") }));
        assertDiagnostics(r, [{ code: "scp-wildcard-matches-nothing", file: policyFile(r), line: 1, column: 64 }]);
    });

    it("checks a bounded number of catalogue-wide wildcards per policy, and says how many it left", () => {
        const actions = Array.from({ length: 300 }, (_, i) => `"*${i}*?*?*?#"`);
        const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Resource":"*","Action":[${actions.join(",")}]}]}`;
        const r = timed(10000, () => loadYaml(POLICY, { "policies/p.json": text }));
        assert.strictEqual(r.diagnostics.filter((d) => d.code === "scp-wildcard-matches-nothing").length, 100);
        const [left] = r.diagnostics.filter((d) => d.code === "scp-wildcards-not-checked");
        assert.deepStrictEqual([left?.severity, left?.column], ["warning", text.indexOf('"*100*') + 1]);
        assert.match(left?.message ?? "", /^SCP `P`: 200 more entries with a wildcard service/);
    });

    it("refuses a policy nested 5,000 levels deep, where the parser ran out of stack", () => {
        const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"a":${"[".repeat(5000)}${"]".repeat(5000)}}}}]}`;
        const r = loadYaml(POLICY, { "policies/p.json": text });
        // The document, `Statement`, the statement, `Condition` and `StringEquals` are five levels: the 60th `[` is the 65th.
        assertDiagnostics(r, [{ code: "scp-too-deep", file: policyFile(r), line: 1, column: text.indexOf("[[") + 60, message: /nested more than 64 levels deep/ }]);
    });

    it("refuses YAML nested thousands of levels deep, and aliases that expand without end", () => {
        // The parser itself gives up there, where its stack ends: one diagnostic, on that line.
        const stackTraceLimit = Error.stackTraceLimit;
        const flow = loadYaml(`organizationalUnits: ${"[".repeat(5000)}${"]".repeat(5000)}\n`);
        assert.deepStrictEqual(flow.diagnostics.map((d) => [d.code, d.line]), [["yaml-too-deep", 1]]);
        assert.match(flow.diagnostics[0]?.message ?? "", /more than 64 levels deep/);
        assert.strictEqual(Error.stackTraceLimit, stackTraceLimit, "the parse, which turns stack traces off, turns them back on");
        assertDiagnostics(loadYaml(`organization:\n  defaults:\n    tags:\n${Array.from({ length: 70 }, (_, i) => `${"  ".repeat(i + 3)}k${i}:`).join("\n")} x\n`), [{ code: "yaml-too-deep", line: 65, column: 129 }]);
        const laughs = yaml`
            organization: {}
            a: &a [x, x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        `;
        assertDiagnostics(loadYaml(laughs), [{ code: "yaml-alias-limit", line: 3, column: 8, message: /expand to more than 100 nodes/ }]);
    });
});

describe("hostile input: YAML the org file has no use for", () => {
    // Found by the fuzz test: the `yaml` package turned such keys into strings and printed a warning.
    it("refuses a list, a map or an alias as a map key", () => {
        assertDiagnostics(loadYaml("organization:\n  ? [a, b]\n  : x\n"), [{ code: "yaml-complex-key", line: 2, column: 5, message: /^A map key here is a list, a map or an alias/ }]);
        assertDiagnostics(loadYaml("organization:\n  defaults:\n    tags: { &k team: a, *k : b }\n"), [{ code: "yaml-complex-key", line: 3, column: 25 }]);
    });

    // Found by the fuzz test: a block scalar's text, line breaks included, ended up in a one-line message.
    it("keeps a message on one line when the value spans several", () => {
        assertDiagnostics(loadYaml("organization: >\n  featureSet: ALL\n  id: x\n"), [{ code: "wrong-type", line: 1, column: 15, message: /^`organization` must be a map, got >\\n {2}featureSet: ALL\\n {2}id: x\\n\.$/ }]);
    });
});

describe("hostile input: values AWS would refuse fail the plan", () => {
    it("refuses SCP tags with an `aws:` key, an empty key or a 300-character value, and a description over 512 characters", () => {
        assertDiagnostics(
            loadYaml(yaml`
                policies:
                  A: { file: policies/deny-leave.json, tags: { "aws:owner": x } }
                  B: { file: policies/deny-leave.json, tags: { "": x } }
                  C: { file: policies/deny-leave.json, tags: { k: ${"v".repeat(300)} } }
                  D: { file: policies/deny-leave.json, description: ${"d".repeat(513)} }
            `),
            [
                { code: "invalid-tags", line: 2, column: 48, message: /^Tags of SCP `A` has an invalid key `aws:owner`: keys cannot start with `aws:`/ },
                { code: "invalid-tags", line: 3, column: 48, message: /^Tags of SCP `B` has an invalid key ``/ },
                { code: "invalid-tags", line: 4, column: 48, message: /^Tags of SCP `C` has a value over 256 characters for `k`/ },
                { code: "invalid-policy-description", line: 5, column: 53, message: /^The description of SCP `D` must be at most 512 characters \(it has 513\)/ },
            ],
        );
    });

    it("refuses an empty service principal, and one that is not a service principal", () => {
        assertDiagnostics(loadYaml('organization:\n  serviceAccessPrincipals: ["", cloudtrail]\n'), [
            { code: "invalid-service-principal", line: 2, column: 29, message: /^Service principal `` must not be empty\.$/ },
            { code: "invalid-service-principal", line: 2, column: 33, message: /must be a service principal such as `cloudtrail\.amazonaws\.com`/ },
        ]);
    });

    it("refuses limits above AWS's fixed limits, and checks the tree against AWS's", () => {
        const tree = Array.from({ length: 7 }, (_, i) => `${"  ".repeat(2 * i)}- name: L${i + 1}\n${"  ".repeat(2 * i)}  organizationalUnits:`).join("\n");
        const r = loadYaml(`organization:\n  limits: { ouMaxDepth: 455 }\norganizationalUnits:\n${tree} []\n`);
        assertDiagnostics(r, [
            { code: "limit-above-aws", line: 2, column: 25, message: /^`limits\.ouMaxDepth` is 455, above AWS's limit of 5, which AWS does not raise on request/ },
            { code: "ou-too-deep", line: 14, column: 29, message: /`L1\/L2\/L3\/L4\/L5\/L6` is nested 6 levels deep, over the limit of 5/ },
        ]);
    });

    it("refuses an empty org file, and one cut short before its root, instead of planning a new organization", () => {
        assertDiagnostics(loadYaml("", {}, true), [
            { code: "missing-key", line: 1, column: 1, message: /^The file has no `organization`\. .*empty or cut short, and must not plan a brand-new organization\.$/ },
            { code: "missing-key", line: 1, column: 1, message: /^The file has no `root`\./ },
        ]);
        const prod = fs.readFileSync(path.join(__dirname, "..", "..", "config", "prod.yaml"), "utf8");
        const cut = prod.slice(0, prod.indexOf("\nroot:"));
        // At the document's first node, below the file's opening comment.
        const first = prod.split("\n").findIndex((l) => l.startsWith("organization:")) + 1;
        assertDiagnostics(loadYaml(cut, {}, true), [{ code: "missing-key", line: first, column: 1, message: /^The file has no `root`\./ }]);
    });
});

describe("hostile input: small things", () => {
    it("quotes an unquoted account id as written, leading zero kept", () => {
        assertDiagnostics(loadYaml("accounts:\n  - { name: a, email: a@example.com, id: 012345678901 }\n"), [
            { code: "wrong-type", line: 2, column: 42, message: /^`accounts\[0\]\.id` must be a string, got 012345678901\. Quote it: "012345678901"\.$/ },
        ]);
    });

    it("clips a 1 MB value in its message", () => {
        const name = "n".repeat(1024 * 1024);
        const r = timed(5000, () => loadYaml(`accounts:\n  - { name: ${name}, email: a@example.com }\n`));
        assertDiagnostics(r, [{ code: "invalid-account-name", line: 2, column: 13, message: /^Account name `n{80}… \(1,048,576 characters\)` must be at most 50 characters \(it has 1048576\)\.$/ }]);
    });

    it("accepts a byte order mark in a policy file and in the org file", () => {
        const r = loadYaml(`\uFEFF${POLICY}`, { "policies/p.json": `\uFEFF${DENY_LEAVE}` });
        assert.deepStrictEqual(r.diagnostics, []);
        assert.strictEqual(r.model?.policies.get("P")?.content, JSON.stringify(JSON.parse(DENY_LEAVE)));
    });

    it("keeps SCPs named `__proto__` and `constructor` as ordinary names, and refuses `__proto__` as a tag key", () => {
        const r = loadYaml("policies:\n  __proto__: { file: policies/deny-leave.json }\n  constructor: { file: policies/deny-leave.json }\nroot:\n  policies: [FullAWSAccess, __proto__, constructor]\n");
        assert.deepStrictEqual(r.diagnostics, []);
        assert.ok(r.model);
        assert.deepStrictEqual([...r.model.policies.keys()], ["FullAWSAccess", "__proto__", "constructor"]);
        assert.deepStrictEqual(r.model.root.policies, ["FullAWSAccess", "__proto__", "constructor"]);
        assertDiagnostics(loadYaml("accounts:\n  - { name: a, email: a@example.com, tags: { __proto__: x } }\n"), [
            { code: "invalid-tags", line: 2, column: 46, message: /has the key `__proto__`, which Pulumi cannot pass to AWS/ },
        ]);
    });
});
