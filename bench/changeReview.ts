import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BenchFigure } from "./figure";
import { generateOrgFile } from "./generateOrg";
import { benchPolicyConfig } from "./plan";
import { CommandError } from "../src/cli/exitStatus";

const ROOT = path.resolve(__dirname, "..");
const SIZE = { accounts: 1000, ous: 100, scps: 20 } as const;

/**
 * The change review of a generated 1,000-account organization against a git base that it
 * changes by moving 100 accounts and narrowing 5 SCPs, with the permission impact over the
 * whole IAM catalogue (`--json` has it for every account): under 15 s, as a user runs it.
 */
export function benchChangeReview(): BenchFigure[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-bench-review-"));
    try {
        const file = generateOrgFile(path.join(dir, "config"), SIZE);
        const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.email=bench@bench.example", "-c", "user.name=bench", "commit", "-qm", "base");
        generateOrgFile(path.join(dir, "config"), { ...SIZE, change: { movedAccounts: 100, changedScps: 5 } });
        const config = benchPolicyConfig(dir);
        const start = process.hrtime.bigint();
        const run = spawnSync(process.execPath, ["-r", "@swc-node/register", "src/cli/plan.ts", "--file", file, "--base", "HEAD", "--policy-config", config, "--json"], {
            cwd: ROOT,
            encoding: "utf8",
            maxBuffer: 1 << 30,
        });
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        if (run.status !== 0) throw new CommandError(1, `The change review of ${file} exited with ${run.status}:\n${run.stderr}${run.stdout.slice(0, 2000)}`);
        const review = JSON.parse(run.stdout) as { changes: { op: string }[]; impactByService: unknown[] };
        const moves = review.changes.filter((c) => c.op === "update").length;
        if (moves < 100 + 5) throw new CommandError(1, `The change review found ${moves} updates, fewer than the 100 moves and 5 SCPs made.`);
        if (review.impactByService.length === 0) throw new CommandError(1, "The change review found no permission impact.");
        return [{ name: "change review: 1,000 accounts, base moves 100, changes 5 SCPs", seconds, limitSeconds: 15 }];
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
