import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BenchFigure } from "./figure";
import { BENCH_EMAIL_DOMAIN, generateOrgFile } from "./generateOrg";
import { CommandError } from "../src/cli/exitStatus";
import { DEFAULT_POLICY_CONFIG } from "../src/cli/plan";

const ROOT = path.resolve(__dirname, "..");

/** Wall-clock seconds of `npm run plan -- --file FILE --policy-config CONFIG --json`, run as a user runs it. */
function timePlan(file: string, config: string): number {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ["-r", "@swc-node/register", "src/cli/plan.ts", "--file", file, "--policy-config", config, "--json"], {
        cwd: ROOT,
        encoding: "utf8",
        maxBuffer: 1 << 30,
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status !== 0) throw new CommandError(1, `The plan of ${file} exited with ${run.status}:\n${run.stderr}`);
    return seconds;
}

/**
 * The pack's config with every policy and setting a user has, the generated accounts' email
 * domain allowed: the plan runs every guardrail, as on a real organization.
 */
export function benchPolicyConfig(dir: string): string {
    const config = JSON.parse(fs.readFileSync(DEFAULT_POLICY_CONFIG, "utf8")) as Record<string, unknown>;
    const file = path.join(dir, "policy-config.json");
    fs.writeFileSync(file, JSON.stringify({ ...config, "account-email-domains": { enforcementLevel: "mandatory", allowedDomains: [BENCH_EMAIL_DOMAIN] } }));
    return file;
}

/**
 * The offline plan of generated organizations: 1,000 accounts must finish in under 10 s, and
 * 5,000 accounts in no more than 6 times the 1,000-account time (the plan must scale linearly).
 */
export function benchPlan(): BenchFigure[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-bench-"));
    const small = generateOrgFile(path.join(dir, "1000"), { accounts: 1000, ous: 100, scps: 20 });
    const large = generateOrgFile(path.join(dir, "5000"), { accounts: 5000, ous: 100, scps: 20 });
    const config = benchPolicyConfig(dir);
    const t1000 = timePlan(small, config);
    const t5000 = timePlan(large, config);
    fs.rmSync(dir, { recursive: true, force: true });
    return [
        { name: "plan: 1,000 accounts, 100 OUs, 20 SCPs", seconds: t1000, limitSeconds: 10 },
        { name: "plan: 5,000 accounts, 100 OUs, 20 SCPs", seconds: t5000, limitSeconds: 6 * t1000 },
    ];
}
