import * as assert from "assert";
import * as path from "path";
import { loadOrgModel } from "../../src/config/loadOrgFile";
import { toMermaid } from "../../src/diagram/mermaidFormat";
import { orgDiagram } from "../../src/diagram/orgGraph";

const ROOT = path.resolve(__dirname, "..", "..");
const edge = orgDiagram(loadOrgModel(path.join(ROOT, "test", "fixtures", "registry", "edge-org.yaml")), "edge-org.yaml");
const mermaid = toMermaid(edge);

describe("organization diagram in Mermaid", () => {
    it("is a flowchart with a subgraph per OU, each closed", () => {
        const lines = mermaid.split("\n").map((l) => l.trim());
        assert.strictEqual(lines[0], "flowchart TB");
        assert.strictEqual(lines.filter((l) => l.startsWith("subgraph ")).length, edge.ouCount);
        assert.strictEqual(lines.filter((l) => l === "end").length, edge.ouCount);
    });

    it("escapes quotes and angle brackets in labels, which would end them", () => {
        assert.ok(mermaid.includes("Restricted/Team #lt;A#gt; #amp; #quot;B#quot;"));
        // Every line that opens a label (`id["…"]`, `id("…")`, `subgraph id[" "]`) holds exactly
        // the two quotes around it: a quote from a name would add more.
        const labelled = mermaid.split("\n").filter((l) => /^\s*(subgraph )?n\d+[[(]"/.test(l));
        assert.ok(labelled.length >= edge.ouCount + 1, `only ${labelled.length} labelled nodes`);
        assert.ok(labelled.some((l) => l.includes("Restricted/Team")), "the OU with quotes in its name is among them");
        for (const line of labelled) assert.strictEqual(line.split('"').length - 1, 2, line);
    });

    it("says what the SCPs do and which accounts are not created yet", () => {
        assert.match(mermaid, /Sandbox<\/b> \[ALLOW-LIST IGNORED\]<br\/>FullAWSAccess: still attached/);
        assert.match(mermaid, /own-scps \(after pulumi up\) - SCPs: DenyRootUser/);
        assert.match(mermaid, /class n\d+ warn/);
    });

    it("colours each OU's box with its diagram colour", () => {
        const general = edge.organizationalUnits.find((o) => o.path === "General");
        assert.ok(mermaid.includes(`fill:#${general?.color}33,stroke:#${general?.color}`));
    });
});
