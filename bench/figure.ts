/** One benchmark result: how long something took, and the most it may take. */
export interface BenchFigure {
    readonly name: string;
    readonly seconds: number;
    readonly limitSeconds: number;
}
