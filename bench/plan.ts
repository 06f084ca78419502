import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BenchFigure } from "./figure";
import { generateOrgFile } from "./generateOrg";
import { CommandError } from "../src/cli/exitStatus";

const ROOT = path.resolve(__dirname, "..");

/** Wall-clock seconds of `npm run plan -- --file FILE --json`, run as a user runs it. */
function timePlan(file: string): number {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "src/cli/plan.ts", "--file", file, "--json"], {
        cwd: ROOT,
        encoding: "utf8",
        maxBuffer: 1 << 30,
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status !== 0) throw new CommandError(1, `The plan of ${file} exited with ${run.status}:\n${run.stderr}`);
    return seconds;
}

/**
 * The offline plan of generated organizations: 1,000 accounts must finish in under 10 s, and
 * 5,000 accounts in no more than 6 times the 1,000-account time (the plan must scale linearly).
 */
export function benchPlan(): BenchFigure[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-bench-"));
    const small = generateOrgFile(path.join(dir, "1000"), { accounts: 1000, ous: 100, scps: 20 });
    const large = generateOrgFile(path.join(dir, "5000"), { accounts: 5000, ous: 100, scps: 20 });
    const t1000 = timePlan(small);
    const t5000 = timePlan(large);
    fs.rmSync(dir, { recursive: true, force: true });
    return [
        { name: "plan: 1,000 accounts, 100 OUs, 20 SCPs", seconds: t1000, limitSeconds: 10 },
        { name: "plan: 5,000 accounts, 100 OUs, 20 SCPs", seconds: t5000, limitSeconds: 6 * t1000 },
    ];
}
