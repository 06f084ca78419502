import { benchEffective } from "./effective";
import { BenchFigure } from "./figure";
import { benchPlan } from "./plan";

/** Prints every benchmark figure against its limit; exits 1 if any is over. */
async function main(): Promise<void> {
    const figures: BenchFigure[] = [...(await benchPlan()), ...(await benchEffective())];
    const width = Math.max(...figures.map((f) => f.name.length));
    let over = 0;
    for (const f of figures) {
        const ok = f.seconds <= f.limitSeconds;
        if (!ok) over++;
        console.log(`${f.name.padEnd(width)}  ${f.seconds.toFixed(2).padStart(7)} s  (limit ${f.limitSeconds.toFixed(2)} s)  ${ok ? "ok" : "OVER"}`);
    }
    process.exit(over === 0 ? 0 : 1);
}

main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
});
