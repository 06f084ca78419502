import * as fs from "fs";
import * as path from "path";

/** Files that mark the top of a repository checkout: the Pulumi project file or Git's. */
const REPOSITORY_MARKERS = ["Pulumi.yaml", ".git"];

/**
 * The repository a file belongs to: the nearest folder, from `dir` up, that holds `Pulumi.yaml`
 * or `.git` (a folder, or a file in a Git worktree). Undefined when there is none.
 */
export function repositoryRoot(dir: string): string | undefined {
    for (let current = path.resolve(dir); ; current = path.dirname(current)) {
        if (REPOSITORY_MARKERS.some((marker) => fs.existsSync(path.join(current, marker)))) return current;
        if (path.dirname(current) === current) return undefined;
    }
}

/**
 * Where the files an org file names may be: its own folder and its repository, with symlinks
 * resolved, so that a policy file is read only when it really lies inside the project.
 */
export function allowedRootsFor(orgFile: string): string[] {
    const dir = path.dirname(path.resolve(orgFile));
    const roots = [dir, repositoryRoot(dir)].filter((d): d is string => d !== undefined).map(realFolder);
    return [...new Set(roots)];
}

/** A folder's path with symlinks resolved; the path itself when it does not exist. */
export function realFolder(dir: string): string {
    try {
        return fs.realpathSync(dir);
    } catch {
        return path.resolve(dir);
    }
}

/** Whether `file` is `root` or inside it (both absolute, symlinks resolved). */
export function isInside(file: string, root: string): boolean {
    const relative = path.relative(root, file);
    return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
