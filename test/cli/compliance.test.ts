import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run as complianceCommand } from "../../src/cli/compliance";
import { complianceAllowList } from "../../src/scp/complianceAllowList";
import { npmRun, runInProcess } from "../support/runCommand";

const compliance = (...args: string[]) => runInProcess(complianceCommand, args);

describe("npm run compliance", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "compliance-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("writes the HIPAA ∩ PCI allow-list and says what it holds (a real process)", async () => {
        const out = path.join(dir, "both.json");
        const run = await npmRun("compliance", ["--program", "hipaa", "--program", "pci", "--out", out]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.strictEqual(fs.readFileSync(out, "utf8"), complianceAllowList(["hipaa", "pci"]).text);
        assert.match(run.stderr, /^Wrote .*both\.json: \d+ service prefixes of HIPAA eligible services \(list of 2022-04-18, checked \d{4}-\d{2}-\d{2}\) and PCI DSS in-scope services \(list of 2022-07, checked \d{4}-\d{2}-\d{2}\), plus [a-z, ]+ to operate the accounts; \d+ of 10240 characters\.\n$/);
    });

    it("--check: 0 when the file is up to date, 1 with the command that rewrites it when not, and writes nothing", async () => {
        const out = path.join(dir, "hipaa.json");
        assert.strictEqual((await compliance("--program", "hipaa", "--out", out)).status, 0);
        assert.strictEqual((await compliance("--program", "hipaa", "--out", out, "--check")).status, 0);
        fs.writeFileSync(out, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}\n');
        const stale = await compliance("--program", "hipaa", "--out", out, "--check");
        assert.strictEqual(stale.status, 1);
        assert.match(stale.stderr, /hipaa\.json differs from the allow-list the bundled data gives; write it with `npm run compliance -- --program hipaa --out .*hipaa\.json`\./);
        assert.match(fs.readFileSync(out, "utf8"), /"s3:\*"/);
        const missing = await compliance("--program", "pci", "--out", path.join(dir, "none.json"), "--check");
        assert.strictEqual(missing.status, 1);
        assert.match(missing.stderr, /none\.json does not exist/);
        assert.ok(!fs.existsSync(path.join(dir, "none.json")));
    });

    it("prints to stdout without --out", async () => {
        const run = await compliance("--program", "pci");
        assert.strictEqual(run.status, 0);
        assert.strictEqual(run.stdout, complianceAllowList(["pci"]).text);
    });

    it("rejects a missing or unknown program (64, with a did-you-mean), --check without --out, and an unwritable --out (73)", async () => {
        const none = await compliance("--out", path.join(dir, "x.json"));
        assert.strictEqual(none.status, 64);
        assert.match(none.stderr, /^Name at least one --program: `hipaa`, `pci`\./);
        const typo = await compliance("--program", "hipa");
        assert.strictEqual(typo.status, 64);
        assert.match(typo.stderr, /^Unknown program `hipa`\. Did you mean `hipaa`\?/);
        const check = await compliance("--program", "pci", "--check");
        assert.strictEqual(check.status, 64);
        const unwritable = await compliance("--program", "pci", "--out", path.join(dir, "no-such-dir", "x.json"));
        assert.strictEqual(unwritable.status, 73);
        assert.match(unwritable.stderr, /^Cannot write `--out .*x\.json`: no such file or directory \(ENOENT\)\./);
    });

    it("the checked-in examples pass --check", async () => {
        for (const program of ["hipaa", "pci"]) {
            const run = await compliance("--program", program, "--out", `config/policies/allow-${program}-services.json`, "--check");
            assert.strictEqual(run.status, 0, run.stderr);
        }
    });
});
