import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CommandError, EXIT } from "./exitStatus";
import { describeAwsError } from "../aws/connection";
import { createOrganizationsClient, OrganizationsClientOptions } from "../aws/organizationsClient";
import { LiveOrganization } from "../aws/liveOrganization";
import { orgFileFromLive } from "../aws/orgFileFromLive";
import { readLiveOrganization } from "../aws/readLiveOrganization";
import { formatDiagnostics } from "../diagnostics/diagnostic";
import { loadOrgFile } from "../config/loadOrgFile";
import { renderOrgFile } from "../config/writeOrgFile";
import { OrgModel } from "../model/types";

/** The live organization, read by the import reader, as an org model: the "before" of `--live`. */
export async function liveModel(options: OrganizationsClientOptions, progress: (message: string) => void): Promise<{ model: OrgModel; dispose: () => void }> {
    let live;
    try {
        live = await readLiveOrganization(createOrganizationsClient(options), { progress });
    } catch (e) {
        throw new CommandError(EXIT.awsError, describeAwsError(e, "Reading the organization"));
    }
    const written = modelOfLive(live);
    if ("problems" in written) {
        throw new CommandError(EXIT.invalidConfig, `The live organization ${live.id} breaks rules the loader enforces, so it cannot be compared:\n${written.problems}`);
    }
    return written;
}

/**
 * An organization as the live reader describes it, as an org model: written as `npm run
 * import` would write it (every object with its id and key) into a temporary folder, and
 * loaded; or the problems that keep it from loading. The program reads the file again when it
 * is planned: the caller disposes of it after.
 */
export function modelOfLive(live: LiveOrganization): { model: OrgModel; dispose: () => void } | { problems: string } {
    const content = orgFileFromLive(live);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-live-"));
    const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
    try {
        // The loader reads named files only inside the org file's repository, which this marks.
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "");
        const file = path.join(dir, "live.yaml");
        fs.writeFileSync(file, renderOrgFile(content));
        for (const [relative, text] of content.policyFiles) {
            fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
            fs.writeFileSync(path.join(dir, relative), text);
        }
        const loaded = loadOrgFile(file);
        if (loaded.model === undefined) {
            dispose();
            return { problems: formatDiagnostics(loaded.diagnostics.filter((d) => d.severity === "error")) };
        }
        return { model: loaded.model, dispose };
    } catch (error) {
        dispose();
        throw error;
    }
}
