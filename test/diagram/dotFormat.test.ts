import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateOrgFile } from "../../bench/generateOrg";
import { loadOrgModel } from "../../src/config/loadOrgFile";
import { ACCOUNT_TABLE_THRESHOLD, toDot } from "../../src/diagram/dotFormat";
import { orgDiagram } from "../../src/diagram/orgGraph";
import { renderSvg } from "../../src/diagram/renderSvg";
import { present } from "../support/present";

const ROOT = path.resolve(__dirname, "..", "..");
const edge = orgDiagram(loadOrgModel(path.join(ROOT, "test", "fixtures", "registry", "edge-org.yaml")), "edge-org.yaml");
const prod = orgDiagram(loadOrgModel(path.join(ROOT, "config", "prod.yaml")), "prod.yaml");

/** The text Graphviz drew, entities decoded. */
function svgText(svg: string): string[] {
    return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, text]) =>
        present(text)
            .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
            .replace(/&lt;/g, "<")
            .replace(/&gt;/g, ">")
            .replace(/&quot;/g, '"')
            .replace(/&amp;/g, "&"),
    );
}

describe("organization diagram in DOT and SVG", () => {
    it("draws every OU as a cluster and every account, even with names that need escaping", async () => {
        const dot = toDot(edge);
        assert.strictEqual((dot.match(/subgraph "cluster_/g) ?? []).length, edge.ouCount);
        const text = svgText(await renderSvg(dot));
        assert.ok(text.includes('Restricted/Team <A> & "B"'), "the OU path as written");
        for (const name of ["team a b", "sandbox-1", "legacy", "partner", "own-scps", "locked-1", "management"]) assert.ok(text.includes(name), name);
    });

    it("says what the SCPs do: allow-lists, FullAWSAccess detached or cancelling, and nothing allowed", async () => {
        const text = svgText(await renderSvg(toDot(edge))).join("\n");
        assert.match(text, /\[ALLOW-LIST\]/);
        assert.match(text, /\[ALLOW-LIST IGNORED\]/);
        assert.match(text, /still attached, so the allow-list restricts nothing/);
        assert.match(text, /nothing is allowed below this point/);
        assert.match(text, /also limited by the allow-list of Restricted/);
        assert.match(text, /management account: SCPs do not apply/);
    });

    it("lists the accounts of a big OU as rows of the OU's node", () => {
        const dot = toDot(prod);
        const general = prod.organizationalUnits.find((o) => o.path === "General");
        assert.ok(general && general.accounts.length > ACCOUNT_TABLE_THRESHOLD);
        assert.ok(!dot.includes('"account:reporting-dev"'), "no node of its own");
        assert.match(dot, /"ou:General" \[label=<.*13 ACCOUNTS.*reporting-dev/);
        assert.match(dot, /"account:security-audit" \[label=/);
    });

    it("renders an organization of 120 accounts in 20 OUs", async function () {
        this.timeout(20_000);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-diagram-"));
        after(() => fs.rmSync(dir, { recursive: true, force: true }));
        const file = generateOrgFile(dir, { accounts: 120, ous: 20, scps: 6 });
        const big = orgDiagram(loadOrgModel(file), "org.yaml");
        const text = svgText(await renderSvg(toDot(big)));
        for (let a = 0; a < 120; a++) assert.ok(text.includes(`account-${a}`), `account-${a}`);
    });

    it("wraps many OUs into rows: 400 accounts in 100 OUs come out at most 4 times wider than tall (15:1 side by side)", async function () {
        this.timeout(60_000);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-org-diagram-"));
        after(() => fs.rmSync(dir, { recursive: true, force: true }));
        for (const [ous, most] of [[40, 2], [100, 4]] as const) {
            const file = generateOrgFile(path.join(dir, String(ous)), { accounts: 400, ous, scps: 6 });
            const svg = await renderSvg(toDot(orgDiagram(loadOrgModel(file), "org.yaml")));
            const size = /<svg width="(\d+)pt" height="(\d+)pt"/.exec(svg);
            const ratio = Number(size?.[1]) / Number(size?.[2]);
            assert.ok(ratio <= most, `${String(ous)} OUs: ${ratio.toFixed(2)}:1`);
            for (let a = 0; a < 400; a += 37) assert.ok(svgText(svg).includes(`account-${String(a)}`), `account-${String(a)}`);
        }
    });

    it("fails instead of drawing a diagram with holes when Graphviz rejects a label", async () => {
        await assert.rejects(renderSvg('digraph { a [label=<<table><tr><td><font color="red"></font></td></tr></table>>]; }'), /Graphviz could not render the diagram/);
    });
});
