import * as path from "node:path";
import { fileURLToPath } from "node:url";
import eslint from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

// Zones are resolved from here, wherever ESLint runs from.
const ROOT = path.dirname(fileURLToPath(import.meta.url));
const PACK = "./policypacks/aws-org-guardrails";
const ARCHITECTURE = "see docs/architecture.md";

/**
 * The layers and what each may import, as docs/architecture.md describes them. A zone forbids
 * its `target` files to import anything under `from` except the `except` paths (relative to
 * `from`); installed packages stay allowed, since the dependency rule below checks them.
 */
const ZONES = [
    {
        target: "./src/diagnostics",
        from: "./",
        except: ["./src/diagnostics", "./node_modules"],
        message: `\`src/diagnostics\` is the bottom layer: it may not import other project code (${ARCHITECTURE}).`,
    },
    {
        target: `${PACK}/core`,
        from: "./",
        except: [`${PACK}/core`, `${PACK}/node_modules`, "./node_modules"],
        message: `The pack's \`core/\` (the policy language) may import only itself (${ARCHITECTURE}).`,
    },
    {
        target: PACK,
        from: "./",
        except: [PACK, "./node_modules"],
        message: `The policy pack may not import from outside \`policypacks/aws-org-guardrails\`: it is published alone (${ARCHITECTURE}).`,
    },
    {
        target: "./src/model",
        from: "./",
        except: ["./src/model", "./src/diagnostics", `${PACK}/core`, "./node_modules"],
        message: `\`src/model\` may import only \`src/diagnostics\` and the pack's \`core/\` (${ARCHITECTURE}).`,
    },
    {
        target: "./src/config",
        from: ["./components", "./src/cli", "./src/plan", "./src/aws"],
        message: `\`src/config\` (loading the org file) may not import \`components/\`, \`src/cli\`, \`src/plan\` or \`src/aws\` (${ARCHITECTURE}).`,
    },
    {
        target: ["./src/scp", "./src/registry", "./src/diagram", "./src/identity"],
        from: ["./components", "./src/cli", "./src/plan", "./src/aws", "./src/config"],
        message: `The analyses (\`src/scp\`, \`src/registry\`, \`src/diagram\`, \`src/identity\`) read the model: they may not import \`src/config\`, \`components/\`, \`src/plan\`, \`src/aws\` or \`src/cli\` (${ARCHITECTURE}).`,
    },
    {
        target: "./src/aws",
        from: ["./components", "./index.ts", "./src/plan"],
        message: `\`src/aws\` (the AWS SDK code) may not import \`components/\`, \`index.ts\` or \`src/plan\` (${ARCHITECTURE}).`,
    },
    {
        target: ["./components", "./index.ts"],
        from: ["./src/cli", "./src/plan"],
        message: `\`components/\` and \`index.ts\` (the program) may not import \`src/cli\` or \`src/plan\` (${ARCHITECTURE}).`,
    },
    {
        target: ["./src/!(cli)/**"],
        from: "./src/cli",
        message: `Only the tests and the benchmarks may import \`src/cli\`: the commands are the top layer (${ARCHITECTURE}).`,
    },
];

/** Layers that stay pure: no Pulumi SDK, so that they run and test without an engine. */
const PURE = ["src/diagnostics/**", "src/model/**", "src/config/**", "policypacks/aws-org-guardrails/core/**"];

export default tseslint.config(
    { ignores: ["node_modules/", "**/node_modules/", "bin/", "**/*.js", "**/*.cjs", "**/*.mjs"] },
    eslint.configs.recommended,
    ...tseslint.configs.strictTypeChecked,
    {
        languageOptions: {
            // Type-aware rules: each file is checked with the tsconfig.json nearest to it, so
            // the pack's files with the pack's own.
            parserOptions: { projectService: true, tsconfigRootDir: ROOT },
        },
        rules: {
            "@typescript-eslint/no-explicit-any": "error",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
            // Counts, sizes, lines and columns fill every message: a number prints one way.
            // Anything else (`undefined`, `null`, objects, booleans) must be turned into text
            // on purpose.
            "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
            // `() => resolve()` and `(s) => check(s)` as callbacks say "call this", not "use its
            // value"; a void call in any other expression is still reported.
            "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
            eqeqeq: ["error", "always"],
            "no-console": "off",
        },
    },
    {
        plugins: { "import-x": importX },
        settings: {
            "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".js", ".json", ".node"] })],
            "import-x/extensions": [".ts", ".js"],
            "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
        },
        rules: {
            "import-x/no-restricted-paths": ["error", { basePath: ROOT, zones: ZONES }],
            "import-x/no-cycle": ["error", { ignoreExternal: true }],
            // A type-only import needs its package installed as much as any other.
            "import-x/no-extraneous-dependencies": ["error", { includeTypes: true }],
        },
    },
    {
        // Product code, the pack's included, may not lean on what only development installs.
        files: ["index.ts", "components/**/*.ts", "src/**/*.ts", "policypacks/aws-org-guardrails/**/*.ts"],
        rules: { "import-x/no-extraneous-dependencies": ["error", { includeTypes: true, devDependencies: false }] },
    },
    {
        files: PURE,
        rules: {
            "no-restricted-imports": [
                "error",
                { patterns: [{ group: ["@pulumi/*"], message: `The pure layers (src/diagnostics, src/model, src/config, the pack's core/) may not import the Pulumi SDK (${ARCHITECTURE}).` }] },
            ],
        },
    },
);
