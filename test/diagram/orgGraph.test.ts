import * as assert from "assert";
import * as path from "path";
import { loadOrgModel } from "../../src/config/loadOrgFile";
import { DiagramOu, orgDiagram } from "../../src/diagram/orgGraph";

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

    it("colours each OU like its switch-role links, and counts what it draws", () => {
        for (const o of edge.organizationalUnits) assert.match(o.color, /^[0-9a-f]{6}$/);
        assert.strictEqual(edge.accountCount, 7);
        assert.strictEqual(edge.ouCount, 6);
    });
});
