import * as assert from "assert";
import { creationChains } from "../../src/model/creationChains";
import { loadModel } from "../support/orgFiles";

describe("creationChains", () => {
    const model = (names: string[], limit: number) =>
        loadModel(`organization: { limits: { concurrentAccountCreations: ${limit} } }\naccounts:\n${names.map((n) => `  - { name: ${n}, email: ${n}@example.com }`).join("\n")}\n  - { name: old, email: old@example.com, id: "555555555555" }\n`);

    it("splits new accounts into `limit` chains, in name order, leaving adopted accounts out", () => {
        const chains = creationChains(model(["e", "c", "a", "d", "b"], 2));
        assert.deepStrictEqual(chains.map((c) => [c.account.name, c.after?.name]), [["a", undefined], ["b", undefined], ["c", "a"], ["d", "b"], ["e", "c"]]);
    });

    it("does not depend on the order of the file", () => {
        const a = creationChains(model(["x", "y", "z", "w"], 3)).map((c) => [c.account.name, c.after?.name]);
        const b = creationChains(model(["w", "z", "y", "x"], 3)).map((c) => [c.account.name, c.after?.name]);
        assert.deepStrictEqual(a, b);
    });
});
