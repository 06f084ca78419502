import { OrganizationsClient, OrganizationsClientConfig, ServiceInputTypes, ServiceOutputTypes } from "@aws-sdk/client-organizations";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { FinalizeRequestMiddleware, HttpHandlerOptions, MetadataBearer, MiddlewareStack, RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";
import { awsErrorName } from "./awsErrors";
import { silenceSdkNodeVersionNotice } from "./sdkNodeVersionNotice";

/** Organizations is a global service served from us-east-1 (in the commercial partition). */
export const ORGANIZATIONS_REGION = "us-east-1";

/**
 * Errors after which the same request succeeds if sent again later. AWS Organizations answers
 * `ConcurrentModificationException` while another change to the same object is in flight and
 * `FinalizingOrganizationException` for a while after the organization was created; the SDK
 * knows neither as retryable on its own.
 */
export const RETRYABLE_ORGANIZATIONS_ERRORS: readonly string[] = Object.freeze([
    "TooManyRequestsException",
    "ThrottlingException",
    "ConcurrentModificationException",
    "FinalizingOrganizationException",
]);

const THROTTLING_ERRORS: readonly string[] = ["TooManyRequestsException", "ThrottlingException"];

/**
 * Longest wait for the answer to one request, in milliseconds. Organizations answers in well
 * under a second; a request left unanswered fails with a `TimeoutError` and is retried like a
 * dropped connection.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Longest wait for a connection to AWS, in milliseconds. */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 10_000;
/**
 * Default deadline of a whole command (import, drift, invite), in milliseconds: reading an
 * organization of thousands of accounts takes minutes at AWS's request rates.
 */
export const DEFAULT_COMMAND_DEADLINE_MS = 30 * 60_000;

/** How to reach AWS Organizations. Every field is optional. */
export interface OrganizationsClientOptions {
    /** A profile of the shared AWS config files. Default: the standard chain (`AWS_PROFILE`, environment, SSO, instance role...). */
    readonly profile?: string;
    /** A role to assume with the base credentials, e.g. in the management account. Default: use the base credentials directly. */
    readonly roleArn?: string;
    /** The session name of the assumed role, shown in CloudTrail. Default: `aws-org`. */
    readonly roleSessionName?: string;
    /** Default: `us-east-1`, where Organizations lives. */
    readonly region?: string;
    /**
     * Another endpoint (an emulator): Organizations' and, with `roleArn`, STS's, since an
     * emulator answers every service at one URL. Default: the AWS endpoints of `region`.
     */
    readonly endpoint?: string;
    /** Base credentials instead of the standard chain; `profile` is then ignored. */
    readonly credentials?: OrganizationsClientConfig["credentials"];
    /** Attempts per request, the first included. Default: 8. */
    readonly maxAttempts?: number;
    /** First retry delay in milliseconds; it doubles at each retry, with jitter. Default: 500. */
    readonly retryBaseDelayMs?: number;
    /** Longest delay between two attempts, in milliseconds. Default: 20,000. */
    readonly retryMaxDelayMs?: number;
    /** Longest wait for the answer to one request, in milliseconds. Default: {@link DEFAULT_REQUEST_TIMEOUT_MS}. */
    readonly requestTimeoutMs?: number;
    /** Longest wait for a connection, in milliseconds. Default: {@link DEFAULT_CONNECTION_TIMEOUT_MS}. */
    readonly connectionTimeoutMs?: number;
    /**
     * Aborts every request of the client once it fires, the one in flight included, and every
     * retry after it: the deadline of a whole command (see {@link commandDeadline}). Default: none.
     */
    readonly deadline?: AbortSignal;
}

/** A signal that fires after `ms` milliseconds: the deadline of one command. */
export function commandDeadline(ms = DEFAULT_COMMAND_DEADLINE_MS): AbortSignal {
    return AbortSignal.timeout(ms);
}

/** Delay before retry number `attempt` (1-based): exponential, capped, with "equal jitter". */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
    const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/**
 * The SDK's standard retry strategy with a budget of retries for each request instead of one
 * per client. The standard strategy draws every retry from one bucket per client (500 tokens,
 * 14 per retried error, 5 after throttling; a success returns only its last retry's cost),
 * and one client serves every SCP attachment of a deployment: a large `pulumi up` that AWS
 * keeps throttling would empty the bucket and then fail requests on their first error. Each
 * request still stops after `maxAttempts`, with backoff between attempts.
 */
function retryBudgetPerRequest(strategyForRequest: () => RetryStrategyV2): RetryStrategyV2 {
    /** The strategy each request's tokens came from. */
    const strategies = new WeakMap<RetryToken, RetryStrategyV2>();
    const strategyOf = (token: RetryToken): RetryStrategyV2 => {
        const strategy = strategies.get(token);
        if (strategy === undefined) throw new Error("A retry token that this retry strategy did not issue.");
        return strategy;
    };
    return {
        async acquireInitialRetryToken(retryTokenScope: string): Promise<RetryToken> {
            const strategy = strategyForRequest();
            const token = await strategy.acquireInitialRetryToken(retryTokenScope);
            strategies.set(token, strategy);
            return token;
        },
        async refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
            const strategy = strategyOf(token);
            const next = await strategy.refreshRetryTokenForRetry(token, errorInfo);
            strategies.set(next, strategy);
            return next;
        },
        recordSuccess(token: RetryToken): void {
            strategyOf(token).recordSuccess(token);
        },
    };
}

/**
 * An Organizations client with retries on throttling and on the transient Organizations
 * errors above, using the SDK's own retry middleware and strategy, with a retry budget per request.
 */
export function createOrganizationsClient(options: OrganizationsClientOptions = {}): OrganizationsClient {
    const region = options.region ?? ORGANIZATIONS_REGION;
    const baseMs = options.retryBaseDelayMs ?? 500;
    const maxMs = options.retryMaxDelayMs ?? 20_000;
    const client = new OrganizationsClient({
        ...sharedClientConfig(options, region),
        // Takes the place of the standard retries (and of `maxAttempts`) for this client.
        retryStrategy: retryBudgetPerRequest(() => new ConfiguredRetryStrategy(options.maxAttempts ?? 8, (attempt) => retryDelayMs(attempt, baseMs, maxMs))),
    });
    // The retry middleware retries what carries the `$retryable` trait; this marks the
    // Organizations errors the SDK does not classify by itself before the retry middleware sees them.
    client.middlewareStack.addRelativeTo(classifyErrors(), {
        name: "organizationsRetryableErrors",
        relation: "after",
        toMiddleware: "retryMiddleware",
    });
    refuseForeignAnswers(client.middlewareStack, options.endpoint);
    return client;
}

/**
 * What every AWS client of a command (Organizations, IAM, Account Management, Identity Center)
 * shares: Region, endpoint, credentials (a role, given credentials or a profile), timeouts and
 * deadline, with the SDK's standard retries.
 */
export function sharedClientConfig(options: OrganizationsClientOptions, region = options.region ?? ORGANIZATIONS_REGION) {
    silenceSdkNodeVersionNotice();
    return {
        region,
        maxAttempts: options.maxAttempts ?? 8,
        requestHandler: requestHandler(options),
        ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
        ...(options.roleArn !== undefined
            ? { credentials: assumedRoleCredentials(options.roleArn, options, region) }
            : options.credentials !== undefined
              ? { credentials: options.credentials }
              : options.profile !== undefined
                ? { profile: options.profile }
                : {}),
    };
}

/**
 * The SDK's Node.js handler with both timeouts (without `throwOnRequestTimeout` a late answer
 * only logs a warning), and the deadline added to every request when there is one.
 */
export function requestHandler(options: OrganizationsClientOptions): NodeHttpHandler {
    const handler = new NodeHttpHandler({
        requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
        throwOnRequestTimeout: true,
    });
    const deadline = options.deadline;
    if (deadline === undefined) return handler;
    const handle = handler.handle.bind(handler);
    handler.handle = (request, handlerOptions: HttpHandlerOptions = {}) => {
        const own = handlerOptions.abortSignal;
        const abortSignal = own instanceof AbortSignal ? AbortSignal.any([own, deadline]) : deadline;
        return handle(request, { ...handlerOptions, abortSignal });
    };
    return handler;
}

/** Marks the retryable Organizations errors. */
function classifyErrors(): FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> {
    return (next) => async (args) => {
        try {
            return await next(args);
        } catch (error) {
            markRetryable(error);
            throw error;
        }
    };
}

/**
 * At another `endpoint` than AWS's, turns an answer that is not AWS's (an HTML error page where
 * the SDK expects JSON or XML) into an error that is not retried: an emulator without the API
 * answers every attempt the same way, and eight attempts with backoff took 40 seconds to end
 * in a parser's message. At AWS's endpoints the client is left as it is. Takes any SDK
 * client's `middlewareStack`, whatever its service.
 */
export function refuseForeignAnswers<Input extends object, Output extends MetadataBearer>(stack: MiddlewareStack<Input, Output>, endpoint: string | undefined): void {
    if (endpoint === undefined) return;
    const middleware: FinalizeRequestMiddleware<Input, Output> = (next, context) => async (args) => {
        try {
            return await next(args);
        } catch (error) {
            throw foreignAnswer(error, endpoint, context.commandName) ?? error;
        }
    };
    // Inside the retry middleware, so that the retries see the replaced error.
    stack.addRelativeTo(middleware, { name: "refuseForeignAnswers", relation: "after", toMiddleware: "retryMiddleware" });
}

/** An answer of `--endpoint` that is not an AWS answer; never retried. */
export class UnsupportedByEndpointError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UnsupportedByEndpointError";
    }
}

function foreignAnswer(error: unknown, endpoint: string, commandName: string | undefined): UnsupportedByEndpointError | undefined {
    if (!(error instanceof Error) || !(error.name === "SyntaxError" || error.message.includes("Deserialization error"))) return undefined;
    const response = (error as { $response?: { statusCode?: number } }).$response;
    const status = response?.statusCode ?? (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const call = (commandName ?? "the request").replace(/Command$/, "");
    return new UnsupportedByEndpointError(
        `${endpoint} answered \`${call}\`${status === undefined ? "" : ` with HTTP ${String(status)}`} and a body that is no AWS answer: it does not implement this API (an emulator may lack some AWS APIs), so it was not asked again`,
    );
}

function markRetryable(error: unknown): void {
    const name = awsErrorName(error);
    if (name === undefined || !RETRYABLE_ORGANIZATIONS_ERRORS.includes(name)) return;
    (error as { $retryable?: { throttling: boolean } }).$retryable = { throttling: THROTTLING_ERRORS.includes(name) };
}

/**
 * A credentials provider that assumes `roleArn` with the base credentials. The client
 * memoizes it and calls it again shortly before the session expires.
 */
export function assumedRoleCredentials(roleArn: string, options: OrganizationsClientOptions, region: string) {
    return async () => {
        // Loaded on first use: only a role needs STS.
        const { AssumeRoleCommand, STSClient } = await import("@aws-sdk/client-sts");
        const sts = new STSClient({
            region,
            // The role is assumed where Organizations is called: an emulator has both.
            ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
            maxAttempts: options.maxAttempts ?? 8,
            requestHandler: requestHandler(options),
            ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
            ...(options.profile !== undefined && options.credentials === undefined ? { profile: options.profile } : {}),
        });
        refuseForeignAnswers(sts.middlewareStack, options.endpoint);
        const answer = await sts.send(
            new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: options.roleSessionName ?? "aws-org" }),
        );
        const issued = answer.Credentials;
        if (issued?.AccessKeyId === undefined || issued.SecretAccessKey === undefined) {
            throw new Error(`Assuming the role \`${roleArn}\` returned no credentials; check that the base credentials may call \`sts:AssumeRole\` on it.`);
        }
        return {
            accessKeyId: issued.AccessKeyId,
            secretAccessKey: issued.SecretAccessKey,
            sessionToken: issued.SessionToken,
            expiration: issued.Expiration,
        };
    };
}

/** Settings that identify one shared client; explicit credentials cannot be shared. */
export type SharedClientOptions = Omit<OrganizationsClientOptions, "credentials">;

const sharedClients = new Map<string, OrganizationsClient>();

/**
 * One client per distinct settings for the whole process, so that credentials (an assumed
 * role's session above all) are resolved once.
 */
export function sharedOrganizationsClient(options: SharedClientOptions = {}): OrganizationsClient {
    // Callers pass options they do not have as `undefined`: such keys leave the client as it is.
    const given: [string, unknown][] = Object.entries(options);
    const key = JSON.stringify(
        given
            .filter(([, value]) => value !== undefined)
            .sort(([a], [b]) => a.localeCompare(b)),
    );
    let client = sharedClients.get(key);
    if (client === undefined) {
        client = createOrganizationsClient(options);
        sharedClients.set(key, client);
    }
    return client;
}

/** AWS answered a page token it had answered before: following it would list for ever. */
export class RepeatedPageTokenError extends Error {
    constructor(readonly token: string) {
        super(`AWS answered the page token \`${token.length > 40 ? `${token.slice(0, 40)}…` : token}\` a second time, so the listing would never end; run the command again, and if it happens again, check the endpoint.`);
        this.name = "RepeatedPageTokenError";
    }
}

/**
 * Every item of every page of an SDK paginator, e.g.
 * `collectPages(paginateListRoots({ client }, {}), (page) => page.Roots)`. A page token seen
 * before throws a {@link RepeatedPageTokenError} instead of looping.
 */
export async function collectPages<Page extends { readonly NextToken?: string | undefined }, Item>(
    pages: AsyncIterable<Page>,
    itemsOf: (page: Page) => readonly Item[] | undefined,
): Promise<Item[]> {
    const items: Item[] = [];
    const tokens = new Set<string>();
    for await (const page of pages) {
        items.push(...(itemsOf(page) ?? []));
        const token = page.NextToken;
        if (token === undefined || token === "") continue;
        if (tokens.has(token)) throw new RepeatedPageTokenError(token);
        tokens.add(token);
    }
    return items;
}
