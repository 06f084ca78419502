import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as policyModules from "../../policypacks/aws-org-guardrails/policies";
import { guardrailPolicies, GuardrailPolicy } from "../../policypacks/aws-org-guardrails/policies";

const PACK = path.join(__dirname, "../../policypacks/aws-org-guardrails");

/** The exported policy objects of the policies modules, by export name. */
function exportedPolicies(): Map<string, GuardrailPolicy> {
    // Whatever the modules export: only the policy objects count.
    const exported: Record<string, unknown> = policyModules;
    const entries = Object.entries(exported).filter(
        (e): e is [string, GuardrailPolicy] => typeof e[1] === "object" && e[1] !== null && "name" in e[1] && ("validateResource" in e[1] || "validateStack" in e[1]),
    );
    return new Map(entries);
}

describe("the aws-org-guardrails pack", () => {
    it("lists every policy the policies modules export, once, and the pack serves that list", () => {
        assert.deepStrictEqual(guardrailPolicies.map((p) => p.name).sort(), [...exportedPolicies().values()].map((p) => p.name).sort());
        // Read as text: importing index.ts would start the pack's gRPC server.
        const index = fs.readFileSync(path.join(PACK, "index.ts"), "utf8");
        assert.match(index, /new PolicyPack\("aws-org-guardrails", \{ policies: \[\.\.\.guardrailPolicies\] \}\)/);
    });

    it("names and describes every policy the same way", () => {
        const names = guardrailPolicies.map((p) => p.name);
        assert.strictEqual(new Set(names).size, names.length, "duplicate policy names");
        for (const p of guardrailPolicies) {
            assert.match(p.name, /^[a-z]+(-[a-z]+)*$/, `${p.name} is not kebab-case`);
            assert.match(p.description, /^Checks (whether|that) .*\.$/, `${p.name}: ${p.description}`);
            assert.ok(p.enforcementLevel === "mandatory" || p.enforcementLevel === "advisory", `${p.name} has no level`);
            for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
                assert.ok(schema.default !== undefined && schema.description !== undefined, `${p.name}.${key} needs a default and a description`);
            }
        }
    });

    it("documents every policy in docs/guardrails.md", () => {
        const docs = fs.readFileSync(path.join(__dirname, "../../docs/guardrails.md"), "utf8");
        for (const p of guardrailPolicies) {
            assert.ok(docs.includes(`\`${p.name}\``), `docs/guardrails.md does not mention ${p.name}`);
            for (const key of Object.keys(p.configSchema?.properties ?? {})) assert.ok(docs.includes(`\`${key}\``), `docs/guardrails.md does not mention ${p.name}.${key}`);
        }
    });

    it("keeps the policies free of Pulumi's runtime, which the offline plan does not load", () => {
        const dir = path.join(PACK, "policies");
        for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
            const text = fs.readFileSync(path.join(dir, file), "utf8");
            const runtimeImports = text.split("\n").filter((line) => /^import (?!type ).*from "@pulumi\//.test(line));
            assert.deepStrictEqual(runtimeImports, [], `${file} imports Pulumi at runtime`);
        }
    });

    it("pins the same versions as the project of every package both use", () => {
        // The offline plan runs the pack's policies inside the program: both must agree on what they share.
        const pack = JSON.parse(fs.readFileSync(path.join(PACK, "package.json"), "utf8")) as { dependencies: Record<string, string> };
        const root = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")) as { dependencies: Record<string, string> };
        const shared = Object.keys(pack.dependencies).filter((name) => name in root.dependencies);
        for (const name of ["@pulumi/policy", "@pulumi/pulumi", "zod"]) assert.ok(shared.includes(name), `${name} is not a dependency of both`);
        for (const name of shared) assert.strictEqual(pack.dependencies[name], root.dependencies[name], name);
    });
});
