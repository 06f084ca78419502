/**
 * Sets (or, for `undefined`, removes) environment variables and returns a function that puts
 * back what was there before.
 */
export function setEnvironment(vars: Readonly<Record<string, string | undefined>>): () => void {
    const before = Object.entries(vars).map(([key]) => [key, process.env[key]] as const);
    for (const [key, value] of Object.entries(vars)) assign(key, value);
    return () => {
        for (const [key, value] of before) assign(key, value);
    };
}

function assign(key: string, value: string | undefined): void {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- deleting a key is how a variable is unset in `process.env`
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
}
