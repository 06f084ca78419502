const fs = require("fs");
const path = require("path");

/*
 * The test files, the slowest first: the two workers take files in this order, and a long
 * file picked up last runs alone at the end. First of all the type check and lint, a minute
 * of work in a process of its own, then the copied policy pack's `npm ci`, which mostly waits
 * on the disk.
 */
const SLOWEST = [
    "test/check.test.ts",
    "test/policypacks/standalone.test.ts",
    "test/components/scpAttachmentsProvider.test.ts",
    "test/cli/terminal.test.ts",
    "test/cli/import.test.ts",
    "test/cli/plan.test.ts",
    "test/config/loadOrgFile.fuzz.test.ts",
];

const all = fs
    .readdirSync("test", { recursive: true })
    .map((f) => path.join("test", String(f)))
    .filter((f) => f.endsWith(".test.ts"))
    .sort();
const missing = SLOWEST.filter((f) => !all.includes(f));
if (missing.length > 0) throw new Error(`.mocharc.cjs lists test files that do not exist: ${missing.join(", ")}`);

// Mocha adds the files named on its command line to `spec`: with one named, only that one runs.
const named = process.argv.slice(2).some((a) => !a.startsWith("-") && a.endsWith(".ts"));

module.exports = {
    require: ["@swc-node/register"],
    extension: ["ts"],
    ...(named ? {} : { spec: [...SLOWEST, ...all.filter((f) => !SLOWEST.includes(f))] }),
    timeout: 60000,
    reporter: "dot",
    parallel: true,
    jobs: 2,
};
