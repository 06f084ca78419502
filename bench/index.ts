import { benchChangeReview } from "./changeReview";
import { benchEffective } from "./effective";
import { BenchFigure } from "./figure";
import { benchPlan } from "./plan";
import { defineCommand } from "../src/cli/defineCommand";
import { EXIT } from "../src/cli/exitStatus";
import { runAsProcess } from "../src/cli/runAsProcess";

const USAGE = `Usage: npm run bench

Generates organizations of 1,000 and 5,000 accounts and times the offline tools on them:
\`npm run plan\` as a user runs it, the effective SCPs of every account, and the change review
of 1,000 accounts against a git base (100 accounts moved, 5 SCPs changed). Prints each figure
against its limit. Takes a minute or two.`;

/** Prints every benchmark figure against its limit; exit status 1 if any is over. */
export const run = defineCommand({
    name: "bench",
    usage: USAGE,
    exitStatus: "0 every figure within its limit, 1 a figure over its limit or a timed run failed",
    options: {},
    main(_args, io) {
        const figures: BenchFigure[] = [...benchPlan(), ...benchEffective(), ...benchChangeReview()];
        const width = Math.max(...figures.map((f) => f.name.length));
        let over = 0;
        for (const f of figures) {
            const ok = f.seconds <= f.limitSeconds;
            if (!ok) over++;
            io.stdout.write(`${f.name.padEnd(width)}  ${f.seconds.toFixed(2).padStart(7)} s  (limit ${f.limitSeconds.toFixed(2)} s)  ${ok ? "ok" : "OVER"}\n`);
        }
        return Promise.resolve(over === 0 ? EXIT.ok : 1);
    },
});

if (require.main === module) runAsProcess(run);
