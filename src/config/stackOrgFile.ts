import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/**
 * The org file of a stack: `aws-org:orgFile` in `Pulumi.<stack>.yaml` when set, otherwise
 * `config/<stack>.yaml`, relative to the project directory.
 */
export function stackOrgFile(stack: string, projectDir: string): string {
    const stackConfig = path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (fs.existsSync(stackConfig)) {
        const parsed = parse(fs.readFileSync(stackConfig, "utf8")) as { config?: Record<string, unknown> } | null;
        const configured = parsed?.config?.["aws-org:orgFile"];
        if (typeof configured === "string") return path.resolve(projectDir, configured);
    }
    return path.join(projectDir, "config", `${stack}.yaml`);
}
