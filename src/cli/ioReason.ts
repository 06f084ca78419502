/** Why a file operation failed, e.g. `no such file or directory (ENOENT)`. */
export function ioReason(e: unknown): string {
    if (!(e instanceof Error)) return String(e);
    const code = "code" in e && typeof e.code === "string" ? e.code : undefined;
    // Node's message repeats the code, the call and the path: "ENOENT: no such file or directory, open '/x/org.svg'".
    const description = /^[A-Z]+: (.+?), \w+ '.*'$/.exec(e.message)?.[1];
    return description !== undefined && code !== undefined ? `${description} (${code})` : e.message;
}
