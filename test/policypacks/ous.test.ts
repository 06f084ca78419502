import { asPreview, assertViolations, check, happyOrganization, StackBuilder, TYPES } from "./guardrailFixture";
import { CapturedResource } from "../../src/plan/types";

/**
 * OUs nested `levels` deep under the root. With components, as the program builds them
 * (each OU's component inside its parent's); without, every OU sits under the top
 * component and only its `parentId` tells where it belongs.
 */
function nestedOus(levels: number, withComponents: boolean): CapturedResource[] {
    const b = new StackBuilder();
    const top = b.add("aws-org:index:Organization", "aws-org");
    const org = b.add(TYPES.organization, "organization", { parent: top, inputs: { featureSet: "ALL", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"] }, options: { protect: true } });
    b.rootAccess(top, org);
    b.add(TYPES.scpAttachments, "root", { parent: top, inputs: { targetKind: "root", targetName: "root", policyNames: ["FullAWSAccess"] }, options: { protect: true } });
    let parentComponent = top;
    let parentOu = org;
    const path: string[] = [];
    for (let level = 1; level <= levels; level++) {
        path.push(`L${level}`);
        const name = path.join("/");
        const component = withComponents ? b.add(TYPES.organizationalUnitComponent, name, { parent: parentComponent }) : top;
        parentOu = b.add(TYPES.organizationalUnit, name, { parent: component, inputs: { name: `L${level}`, parentId: "ou-x" }, from: { parentId: [parentOu] } });
        parentComponent = component;
    }
    return b.resources;
}

describe("guardrails: OUs", () => {
    describe("ou-depth-limit", () => {
        it("accepts OUs five levels deep", () => {
            assertViolations(check(nestedOus(5, true)), []);
        });

        it("fails an OU six levels deep, as the program nests it", () => {
            assertViolations(check(nestedOus(6, true)), [
                { policy: "ou-depth-limit", enforcementLevel: "mandatory", resource: "L1/L2/L3/L4/L5/L6", message: /nested 6 levels below the root, over the limit of 5 \(config `maxDepth`\)/ },
            ]);
        });

        it("follows `parentId` when OUs are not nested in components", () => {
            assertViolations(check(nestedOus(6, false)), [{ policy: "ou-depth-limit", resource: "L1/L2/L3/L4/L5/L6" }]);
        });

        it("still measures depth during a preview, when parent ids are unknown", () => {
            assertViolations(check(asPreview(nestedOus(6, false))), [{ policy: "ou-depth-limit", resource: "L1/L2/L3/L4/L5/L6" }]);
        });

        it("applies the configured limit", () => {
            assertViolations(check(happyOrganization(), { "ou-depth-limit": { maxDepth: 1 } }), [{ policy: "ou-depth-limit", resource: "HIPAA/PCI", message: /nested 2 levels/ }]);
        });
    });
});
