import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BenchFigure } from "./figure";
import { generateOrgFile } from "./generateOrg";
import { loadOrgModel } from "../src/config/loadOrgFile";
import { effectiveJson, effectiveReport } from "../src/scp/effectiveReport";
import { forgetIamCatalog, iamAllActions } from "../src/scp/iamCatalog";
import { accountTargets } from "../src/scp/policyPath";
import { EMPTY_CONTEXT } from "../policypacks/aws-org-guardrails/core/requestContext";
import { checkScpText } from "../policypacks/aws-org-guardrails/core/scpDocument";
import { lintScp } from "../src/scp/scpLint";
import { at } from "../policypacks/aws-org-guardrails/core/at";

const ROOT = path.resolve(__dirname, "..");

function seconds(start: bigint): number {
    return Number(process.hrtime.bigint() - start) / 1e9;
}

/** `count` real actions spread over the whole IAM catalogue. */
function sampleActions(count: number): string[] {
    const all = iamAllActions();
    const step = Math.floor(all.length / count);
    return Array.from({ length: count }, (_, i) => at(all, i * step));
}

/** Loads an org file and evaluates every account × `actions` to the JSON document, from a cold IAM catalogue. */
function timeMatrix(file: string, actions: readonly string[]): number {
    forgetIamCatalog();
    const start = process.hrtime.bigint();
    const model = loadOrgModel(file);
    JSON.stringify(effectiveJson(effectiveReport(model, accountTargets(model), actions, { resource: "*", context: EMPTY_CONTEXT })));
    return seconds(start);
}

/** What the IAM catalogue checks add to loading an org file: linting every SCP of it, cold. */
function timeLint(file: string): number {
    const dir = path.join(path.dirname(file), "policies");
    const trees = fs.readdirSync(dir).map((f) => checkScpText(fs.readFileSync(path.join(dir, f), "utf8")).tree);
    forgetIamCatalog();
    const start = process.hrtime.bigint();
    for (const tree of trees) if (tree !== undefined) lintScp(tree);
    return seconds(start);
}

/**
 * Effective SCPs: the prod example × 200 actions under 1 s; a generated 1,000-account,
 * 100-OU organization × 100 actions under 5 s (loading included); and the IAM catalogue
 * checks on that organization's SCPs under 0.2 s.
 */
export function benchEffective(): BenchFigure[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-bench-effective-"));
    try {
        const generated = generateOrgFile(dir, { accounts: 1000, ous: 100, scps: 20 });
        const prod = timeMatrix(path.join(ROOT, "config", "prod.yaml"), sampleActions(200));
        const large = timeMatrix(generated, sampleActions(100));
        const lint = timeLint(generated);
        return [
            { name: "effective: prod example, every account × 200 actions", seconds: prod, limitSeconds: 1 },
            { name: "effective: 1,000 accounts, 100 OUs, 20 SCPs × 100 actions", seconds: large, limitSeconds: 5 },
            { name: "SCP lint: IAM catalogue checks of 20 SCPs, cold", seconds: lint, limitSeconds: 0.2 },
        ];
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
