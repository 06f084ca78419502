/**
 * `items.map(fn)` with at most `limit` calls in flight, results in input order. Reading a
 * large organization takes one request per OU, account and SCP; a few at a time stays under
 * the Organizations API rate without reading them one by one.
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
    const results = new Array<R>(items.length);
    // One iterator shared by the workers: each takes the next item when it is free.
    const queue = items.entries();
    const worker = async (): Promise<void> => {
        for (const [i, item] of queue) results[i] = await fn(item);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}
