import * as assert from "assert";
import * as path from "path";
import { loadOrgModel } from "../../src/config/loadOrgFile";
import { DiagramOu, orgDiagram } from "../../src/diagram/orgGraph";
import { loadYaml, modelOf } from "../support/orgFiles";

const ROOT = path.resolve(__dirname, "..", "..");
const edge = orgDiagram(loadOrgModel(path.join(ROOT, "test", "fixtures", "registry", "edge-org.yaml")), "edge-org.yaml");

function ou(p: string, ous: readonly DiagramOu[] = edge.organizationalUnits): DiagramOu {
    for (const o of ous) {
        if (o.path === p) return o;
        const found = o.children.some((c) => p.startsWith(c.path)) ? ou(p, o.children) : undefined;
        if (found) return found;
    }
    throw new Error(`no OU ${p}`);
}

describe("organization diagram model", () => {
    it("keeps the colours of 30 top-level OUs all different, and a nested OU in its top-level OU's hue", () => {
        const many = orgDiagram(modelOf(loadYaml(`organizationalUnits:\n${Array.from({ length: 30 }, (_, i) => `  - name: unit-${String(i)}\n    organizationalUnits: [{ name: inner }]\n`).join("")}`)), "many.yaml");
        const colors = many.organizationalUnits.map((o) => o.color);
        assert.strictEqual(new Set(colors).size, 30);
        for (const o of many.organizationalUnits) {
            const inner = o.children[0]?.color ?? "";
            assert.notStrictEqual(inner, o.color);
            const channels = (hex: string) => [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
            // Lighter: every channel moves toward white, in the same order of size.
            const [outer, nested] = [channels(o.color), channels(inner)];
            outer.forEach((v, i) => assert.ok((nested[i] ?? 0) >= v));
        }
    });

    it("shows FullAWSAccess nowhere it is simply attached", () => {
        assert.deepStrictEqual(edge.root.summary.policies.map((p) => p.name), ["DenyRootUser"]);
        assert.deepStrictEqual(ou("General").summary.policies, []);
        assert.strictEqual(ou("General").summary.fullAccessDetached, false);
    });

    it("marks an allow-list OU, where FullAWSAccess is detached", () => {
        const restricted = ou("Restricted").summary;
        assert.deepStrictEqual({ allowList: restricted.allowList, detached: restricted.fullAccessDetached, policies: restricted.policies.map((p) => p.name) }, { allowList: true, detached: true, policies: ["AllowHipaaServices"] });
    });

    it("shows FullAWSAccess where it sits beside an allow-list and cancels it", () => {
        const sandbox = ou("Sandbox").summary;
        assert.strictEqual(sandbox.ineffectiveAllowList, true);
        assert.strictEqual(sandbox.allowList, false);
        assert.deepStrictEqual(sandbox.policies.map((p) => p.name), ["FullAWSAccess", "AllowHipaaServices"]);
    });

    it("flags an OU where nothing allows anything", () => {
        const locked = ou("Locked").summary;
        assert.deepStrictEqual({ detached: locked.fullAccessDetached, allowsNothing: locked.allowsNothing }, { detached: true, allowsNothing: true });
    });

    it("tells a nested OU which allow-lists above it intersect with its own", () => {
        assert.deepStrictEqual(ou('Restricted/Team <A> & "B"').allowListsAbove, ["Restricted"]);
        assert.deepStrictEqual(ou("Restricted").allowListsAbove, []);
    });

    it("keeps each account's own SCPs, the management account and the missing ids", () => {
        const general = ou("General").accounts;
        assert.deepStrictEqual(general.find((a) => a.name === "own-scps")?.summary.policies.map((p) => p.name), ["DenyRootUser"]);
        assert.deepStrictEqual(general.map((a) => [a.name, a.id, a.adopted, a.invite]), [
            ["legacy", "222222222222", true, false],
            ["partner", "333333333333", true, true],
            ["own-scps", null, false, false],
        ]);
        assert.strictEqual(edge.root.accounts.find((a) => a.name === "management")?.management, true);
    });

    it("gives each top-level OU its own colour, the OUs inside it a lighter one, and counts what it draws", () => {
        for (const o of edge.organizationalUnits) assert.match(o.color, /^[0-9a-f]{6}$/);
        const tops = edge.organizationalUnits.map((o) => o.color);
        assert.strictEqual(new Set([...tops, edge.root.color]).size, tops.length + 1);
        assert.strictEqual(edge.accountCount, 7);
        assert.strictEqual(edge.ouCount, 6);
    });
});
