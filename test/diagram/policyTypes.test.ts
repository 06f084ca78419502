import * as assert from "assert";
import * as path from "path";
import { loadOrgModel } from "../../src/config/loadOrgFile";
import { orgDiagram } from "../../src/diagram/orgGraph";
import { toDot } from "../../src/diagram/dotFormat";
import { toMermaid } from "../../src/diagram/mermaidFormat";
import { present } from "../support/present";

describe("diagram: policies of other types", () => {
    const diagram = orgDiagram(loadOrgModel(path.join(__dirname, "..", "..", "config", "prod.yaml")), "prod");
    const hipaa = present(diagram.organizationalUnits.find((o) => o.path === "HIPAA"));

    it("lists each type's policies on the node they are attached to, without RCPFullAWSAccess", () => {
        assert.deepStrictEqual(hipaa.summary.otherPolicies, [
            { type: "RCP", names: ["HipaaDataPerimeter"] },
            { type: "tag policy", names: ["HipaaRequiredTags"] },
            { type: "backup policy", names: ["HipaaDailyBackup"] },
        ]);
        assert.deepStrictEqual(diagram.root.summary.otherPolicies, [], "the root lists none");
    });

    it("shows them in Mermaid and Graphviz", () => {
        assert.match(toMermaid(diagram), /FullAWSAccess detached<br\/>RCP: HipaaDataPerimeter<br\/>tag policy: HipaaRequiredTags<br\/>backup policy: HipaaDailyBackup"/);
        assert.match(toDot(diagram), /RCP: <\/font>HipaaDataPerimeter/);
    });
});
