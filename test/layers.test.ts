import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { present } from "./support/present";

/**
 * The layers of docs/architecture.md, as `npm run lint` enforces them: each forbidden import
 * fails with a message naming the layer and what it may not import; each allowed one passes.
 */

const ROOT = path.resolve(__dirname, "..");
const CONFIG = path.join(ROOT, "eslint.config.mjs");
/**
 * The probes below are files that exist only in memory, outside every tsconfig.json, so they
 * have no type information: the rules that need it are off for them. The import rules under
 * test need none.
 */
const WITHOUT_TYPES = tseslint.configs.disableTypeChecked;

/** The lint problems of a file at `file` (relative to the project) that only imports `specifier`. */
async function importProblems(eslint: ESLint, file: string, specifier: string): Promise<string[]> {
    const [result] = await eslint.lintText(`import "${specifier}";\n`, { filePath: path.join(ROOT, file) });
    return present(result).messages.map((m) => `${m.ruleId}: ${m.message}`);
}

/** [importing file, import, what the message must say]. */
const FORBIDDEN: readonly (readonly [string, string, RegExp])[] = [
    ["src/diagnostics/probe.ts", "../model/types", /`src\/diagnostics` is the bottom layer: it may not import other project code/],
    ["policypacks/aws-org-guardrails/core/probe.ts", "../policies/known", /The pack's `core\/` \(the policy language\) may import only itself/],
    ["policypacks/aws-org-guardrails/policies/probe.ts", "../../../src/diagnostics/suggest", /The policy pack may not import from outside `policypacks\/aws-org-guardrails`/],
    ["src/model/probe.ts", "../config/loadOrgFile", /`src\/model` may import only `src\/diagnostics` and the pack's `core\/`/],
    ["src/model/probe.ts", "../../policypacks/aws-org-guardrails/policies/known", /`src\/model` may import only/],
    ["src/config/probe.ts", "../../components/awsOrganization", /`src\/config` \(loading the org file\) may not import `components\/`/],
    ["src/config/probe.ts", "../aws/drift", /`src\/config` .* may not import .*`src\/aws`/],
    ["src/config/probe.ts", "../plan/policyConfig", /`src\/config` .* may not import .*`src\/plan`/],
    ["src/scp/probe.ts", "../config/loadOrgFile", /The analyses .* read the model: they may not import `src\/config`/],
    ["src/diagram/probe.ts", "../aws/drift", /The analyses .* may not import/],
    ["components/probe.ts", "../src/plan/policyConfig", /`components\/` and `index.ts` \(the program\) may not import `src\/cli` or `src\/plan`/],
    ["components/probe.ts", "../src/cli/requestArguments", /`components\/` and `index.ts` .* may not import `src\/cli`/],
    ["src/plan/probe.ts", "../cli/requestArguments", /Only the tests and the benchmarks may import `src\/cli`/],
    ["index.ts", "./src/plan/policyConfig", /`components\/` and `index.ts` \(the program\) may not import `src\/cli` or `src\/plan`/],
    ["src/aws/probe.ts", "../../components/scpAttachments", /`src\/aws` \(the AWS SDK code\) may not import `components\/`/],
    ["src/aws/probe.ts", "../cli/requestArguments", /Only the tests and the benchmarks may import `src\/cli`/],
    ["src/model/probe.ts", "@pulumi/pulumi", /The pure layers .* may not import the Pulumi SDK/],
    ["policypacks/aws-org-guardrails/policies/probe.ts", "yaml", /'yaml' should be listed in the project's dependencies/],
    ["src/plan/probe.ts", "mocha", /'mocha' should be listed in the project's dependencies, not devDependencies/],
];

const ALLOWED: readonly (readonly [string, string])[] = [
    ["src/model/probe.ts", "../diagnostics/diagnostic"],
    ["src/model/probe.ts", "../../policypacks/aws-org-guardrails/core/names"],
    ["policypacks/aws-org-guardrails/policies/probe.ts", "../core/names"],
    ["policypacks/aws-org-guardrails/policies/probe.ts", "zod"],
    ["src/config/probe.ts", "../scp/actionLint"],
    ["components/probe.ts", "../src/aws/organizationsClient"],
    ["src/cli/probe.ts", "../plan/policyConfig"],
    ["test/probe.test.ts", "../src/cli/requestArguments"],
    ["bench/probe.ts", "../src/cli/requestArguments"],
];

describe("the layers, as lint rules", function () {
    // Loading the lint configuration and resolving imports takes a few seconds on a busy machine.
    this.timeout(60_000);
    // A probe, which nothing imports, cannot be in a cycle: the cycle rule would only parse all
    // that its import reaches, seconds of work. Cycles have their own case below.
    const eslint = new ESLint({ cwd: ROOT, overrideConfig: [WITHOUT_TYPES, { rules: { "import-x/no-cycle": "off" } }] });

    it("rejects every import a layer may not make, saying which layer may not import which", async () => {
        for (const [file, specifier, expected] of FORBIDDEN) {
            const problems = await importProblems(eslint, file, specifier);
            assert.ok(problems.some((p) => expected.test(p)), `${file} importing ${specifier}: ${JSON.stringify(problems)}`);
        }
    });

    it("accepts the imports the layers allow", async () => {
        for (const [file, specifier] of ALLOWED) {
            assert.deepStrictEqual(await importProblems(eslint, file, specifier), [], `${file} importing ${specifier}`);
        }
    });

    it("rejects an import cycle", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-cycle-"));
        try {
            fs.writeFileSync(path.join(dir, "package.json"), "{}\n");
            fs.writeFileSync(path.join(dir, "a.ts"), 'import { b } from "./b";\nexport const a = (): number => b() + 1;\n');
            fs.writeFileSync(path.join(dir, "b.ts"), 'import { a } from "./a";\nexport const b = (): number => a() - 1;\n');
            const [result] = await new ESLint({ cwd: dir, overrideConfigFile: CONFIG, overrideConfig: WITHOUT_TYPES }).lintFiles(["a.ts"]);
            assert.deepStrictEqual(present(result).messages.map((m) => `${m.ruleId}: ${m.message}`), ["import-x/no-cycle: Dependency cycle detected"]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
