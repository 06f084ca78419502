/**
 * Stops, in order, the servers a suite's `before` started. A `before` that failed half-way
 * left the later ones unset, whatever their declared type says: those are skipped, so that
 * the failure that matters is the one reported.
 */
export async function stopStarted(...servers: readonly ({ stop(): Promise<void> } | undefined)[]): Promise<void> {
    for (const server of servers) await server?.stop();
}
