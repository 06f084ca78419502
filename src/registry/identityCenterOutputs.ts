import { findNodeAtLocation, Node as JsonNode, parseTree } from "jsonc-parser";
import { SsoAccess, SsoAssignment } from "./ssoProfiles";
import { Diagnostic } from "../diagnostics/diagnostic";
import { positionInText } from "../diagnostics/textPosition";

/**
 * The `identityCenter` output of a deployed stack (portal URL, home Region, assignments), for
 * SSO profiles with the real account ids. Undefined access when the stack has no such output.
 * The text is assumed to be JSON already (`registryFromOutputs` reports it otherwise).
 */
export function ssoAccessFromOutputs(file: string, text: string): { access?: SsoAccess; diagnostics: Diagnostic[] } {
    const diagnostics: Diagnostic[] = [];
    const tree = parseTree(text);
    const node = tree === undefined ? undefined : findNodeAtLocation(tree, ["identityCenter"]);
    if (node === undefined || node.type === "null") return { diagnostics };
    const bad = (at: JsonNode, message: string) => {
        const p = positionInText(file, text, at.offset);
        diagnostics.push({ code: "outputs-invalid-identity-center", severity: "error", message, file, line: p.line, column: p.column });
    };
    const field = (key: string): string | undefined => {
        const v = findNodeAtLocation(node, [key]);
        if (v?.type === "string") return String(v.value);
        bad(v ?? node, `\`identityCenter.${key}\` must be a string${v === undefined ? ", and it is missing" : ""}; run \`pulumi up\` with this version of the program to refresh the outputs.`);
        return undefined;
    };
    const portalUrl = field("portalUrl");
    const region = field("region");
    const list = findNodeAtLocation(node, ["assignments"]);
    const assignments: SsoAssignment[] = [];
    if (list?.type !== "array") bad(list ?? node, "`identityCenter.assignments` must be a list of `{ account, permissionSet, group }`; run `pulumi up` with this version of the program to refresh the outputs.");
    for (const item of list?.type === "array" ? (list.children ?? []) : []) {
        const [account, permissionSet, group] = ["account", "permissionSet", "group"].map((k) => findNodeAtLocation(item, [k])?.value as unknown);
        if (typeof account === "string" && typeof permissionSet === "string" && typeof group === "string") assignments.push({ account, permissionSet, group });
        else bad(item, "Each of `identityCenter.assignments` needs a string `account`, `permissionSet` and `group`.");
    }
    if (portalUrl === undefined || region === undefined || diagnostics.length > 0) return { diagnostics };
    return { access: { startUrl: portalUrl, region, assignments }, diagnostics };
}
