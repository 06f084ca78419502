import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { run as importCommand } from "../../src/cli/import";
import { run as planCommand } from "../../src/cli/plan";
import { BuiltOrganization, buildMotoOrganization, SMALL_ORGANIZATION } from "../fixtures/brownfield/motoOrganization";
import { runAwsInProcess } from "../support/runCommand";
import { motoClientConfig, MotoServer, startMoto } from "../support/moto";
import { stopStarted } from "../support/stopStarted";
import { packConfigAllowing } from "../support/orgFiles";

interface Change {
    type: string;
    name: string;
    op: string;
    diffs: { property: string; old: unknown; new: unknown; replaces: boolean }[];
}

describe("npm run plan --live: the change review against the live organization (moto)", function () {
    this.timeout(120_000);
    let moto: MotoServer;
    let built: BuiltOrganization;
    let file: string;

    before(async () => {
        moto = await startMoto();
        built = await buildMotoOrganization(new OrganizationsClient(motoClientConfig(moto.endpoint)), SMALL_ORGANIZATION);
        file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-live-")), "config", "org.yaml");
        const imported = await runAwsInProcess(importCommand, ["--out", file, "--endpoint", moto.endpoint]);
        assert.strictEqual(imported.status, 0, imported.stderr);
    });

    after(async () => {
        await stopStarted(moto);
    });

    const review = async (...extra: string[]) => {
        // The emulated accounts' emails are @example.com, which the pack's config does not admit.
        const run = await runAwsInProcess(planCommand, ["--file", file, "--live", "--endpoint", moto.endpoint, "--policy-config", packConfigAllowing("example.com"), "--json", ...extra]);
        assert.strictEqual(run.status, 0, run.stdout);
        return (JSON.parse(run.stdout) as { changes: Change[]; impactByService: { target: string; service: string; lost: number }[] }).changes;
    };

    it("the file just imported changes nothing", async () => {
        assert.deepStrictEqual(await review(), []);
    });

    it("renaming an account in the imported file (its key stays) is one in-place update", async () => {
        const original = fs.readFileSync(file, "utf8");
        try {
            const renamed = original.replace(/- name: lake\n(\s+)key: lake\n/, "- name: data-lake\n$1key: lake\n");
            assert.notStrictEqual(renamed, original, "the imported file has a key for lake");
            fs.writeFileSync(file, renamed);
            const changes = await review();
            assert.deepStrictEqual(changes.map((c) => [c.op, c.name, c.diffs.map((d) => [d.property, d.old, d.new])]), [["update", "lake", [["name", "lake", "data-lake"]]]]);
        } finally {
            fs.writeFileSync(file, original);
        }
    });

    it("refuses --live with --base, and reports an unreachable endpoint as an AWS error", async () => {
        const both = await runAwsInProcess(planCommand, ["--file", file, "--live", "--base", "HEAD"]);
        assert.strictEqual(both.status, 64);
        const down = await runAwsInProcess(planCommand, ["--file", file, "--live", "--endpoint", "http://127.0.0.1:9", "--deadline", "1"]);
        assert.strictEqual(down.status, 4, down.stderr);
        assert.ok(built.id.startsWith("o-"));
    });
});
