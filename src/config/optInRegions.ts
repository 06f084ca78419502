import { Diagnostic } from "../diagnostics/diagnostic";
import { AWS_REGIONS, isAwsRegion, unknownRegionHint } from "../scp/awsRegions";
import { RawOptInRegions } from "./schema";
import { NodePath, YamlSource } from "./yamlSource";
import { OptInRegion } from "../model/types";

const OPT_IN: ReadonlySet<string> = new Set(AWS_REGIONS.filter((r) => r.optIn === true).map((r) => r.code));

/**
 * The opt-in Regions written at `at` (the defaults or one account): a list enables each Region;
 * a map gives each Region `true` (enable) or `false` (disable). Each must be an AWS Region that
 * is opt-in (disabled until enabled): AWS neither enables nor disables the others.
 */
export function readOptInRegions(raw: RawOptInRegions | undefined, at: NodePath, of: string, source: YamlSource, diagnostics: Diagnostic[]): OptInRegion[] {
    if (raw === undefined) return [];
    const entries: [string, boolean, NodePath][] = Array.isArray(raw) ? raw.map((r, i) => [r, true, [...at, i]]) : [...raw].map(([r, enabled]) => [r, enabled, [...at, r]]);
    const seen = new Set<string>();
    const result: OptInRegion[] = [];
    for (const [region, enabled, p] of entries) {
        const error = (code: string, message: string) => diagnostics.push({ code, severity: "error", message, ...(Array.isArray(raw) ? source.position(p) : source.keyPosition(at, region)) });
        if (!isAwsRegion(region)) error("unknown-region", `\`${region}\` in the \`optInRegions\` of ${of} is not an AWS Region.${unknownRegionHint(region)}`);
        else if (!OPT_IN.has(region)) {
            error("region-not-opt-in", `\`${region}\` in the \`optInRegions\` of ${of} is not an opt-in Region: AWS enables it in every account and it cannot be ${enabled ? "enabled" : "disabled"}. List only opt-in Regions, such as \`af-south-1\`.`);
        } else if (seen.has(region)) error("duplicate-region", `Region \`${region}\` is given twice in the \`optInRegions\` of ${of}.`);
        else result.push({ region, enabled, source: source.position(p) });
        seen.add(region);
    }
    return result;
}
