import * as assert from "assert";
import { ConstraintViolationException, TooManyRequestsException } from "@aws-sdk/client-organizations";
import { awsErrorName, awsErrorReason, awsErrorText } from "../../src/aws/awsErrors";
import { describeAwsError } from "../../src/aws/connection";

describe("AWS errors, read in one place", () => {
    const limit = new ConstraintViolationException({
        message: "You attempted to exceed the number of policies of a certain type that can be attached to an entity at one time.",
        $metadata: {},
        Reason: "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
    });
    const throttled = new TooManyRequestsException({ message: "Slow down.", $metadata: {} });

    it("names an SDK error by AWS's error code, and anything else not at all", () => {
        assert.deepStrictEqual([awsErrorName(limit), awsErrorName(throttled)], ["ConstraintViolationException", "TooManyRequestsException"]);
        assert.deepStrictEqual([awsErrorName("boom"), awsErrorName(null), awsErrorName({ name: 42 })], [undefined, undefined, undefined]);
    });

    it("reads the reason of a constraint violation", () => {
        assert.deepStrictEqual([awsErrorReason(limit), awsErrorReason(throttled)], ["MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED", undefined]);
    });

    it("writes name, reason and AWS's message, and still says something for a non-error", () => {
        assert.strictEqual(awsErrorText(limit), `ConstraintViolationException (MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED): ${limit.message}`);
        assert.strictEqual(awsErrorText("boom"), "Error: boom");
    });

    it("describeAwsError keeps its wording and its hints", () => {
        assert.strictEqual(describeAwsError(throttled, "Reading the organization"), "Reading the organization failed: TooManyRequestsException: Slow down. (AWS kept throttling the requests; wait a minute and run the command again)");
    });
});
