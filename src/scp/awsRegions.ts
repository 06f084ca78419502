import data from "./data/aws-regions.json";
import { didYouMean } from "../diagnostics/suggest";

/** One AWS Region, as `data/aws-regions.json` lists it (the file says where the list comes from, and when). */
export interface AwsRegion {
    /** The code APIs and `aws:RequestedRegion` use, e.g. `eu-west-1`. */
    readonly code: string;
    readonly name: string;
    /** `aws` (commercial), `aws-cn`, `aws-us-gov`, … */
    readonly partition: string;
    /** Commercial Regions only: disabled in an account until enabled. */
    readonly optIn?: boolean;
}

/** Every Region of every partition, commercial ones first. */
export const AWS_REGIONS: readonly AwsRegion[] = Object.freeze(data.regions);

/** The day the list was last checked against its source. */
export const AWS_REGIONS_CHECKED: string = data.checked;

const CODES: ReadonlySet<string> = new Set(AWS_REGIONS.map((r) => r.code));

/** True for a Region code AWS has (exactly as AWS writes it: lower case). */
export function isAwsRegion(code: string): boolean {
    return CODES.has(code);
}

/** ` Did you mean `eu-west-1`?` for a near miss, or an empty string. */
export function regionSuggestion(code: string): string {
    return didYouMean(code, CODES);
}

/** Why a code is not a Region: the closest one, or where the list comes from. */
export function unknownRegionHint(code: string): string {
    return regionSuggestion(code) || ` AWS's Regions as of ${AWS_REGIONS_CHECKED} are listed in src/scp/data/aws-regions.json.`;
}
