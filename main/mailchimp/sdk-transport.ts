/**
 * The SDK underneath the client: a NON-singleton `ApiClient` of `@mailchimp/mailchimp_marketing` with an
 * explicit `basePath`, wrapped in the retry policy, the concurrency cap and a request counter.
 *
 * Why not the package's default export: it is a process-wide singleton whose `basePath` defaults to
 * `https://server.api.mailchimp.com/3.0` and whose `buildUrl` runs `url.replace('server', config.server)`
 * on the WHOLE URL whenever `config.server` is defined (it is by default: 'invalid-server'). A list id
 * or path containing "server" would then be rewritten. We set `basePath` ourselves and call `setConfig`
 * with `apiKey` only, which leaves `config.server` undefined so the replace never runs.
 */
import { createRequire } from 'node:module';
import type { z } from 'zod';
import { registerSecret, type Logger } from '../logging/logger.js';
import { classifySdkFailure } from './classify-error.js';
import { MailchimpError } from './mailchimp-error.js';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, isAmbiguousKind, isRetryableKind, type RetryPolicy } from './retry-policy.js';
import { createSemaphore } from './semaphore.js';

type Opts = Record<string, unknown>;
/** The slice of the (untyped) SDK this client calls. */
export type SdkApiClient = {
  basePath: string;
  timeout: number;
  defaultHeaders: Record<string, string>;
  config: Record<string, unknown>;
  setConfig(config: { apiKey: string }): void;
  /** The generic call under every SDK method: for a query parameter a method does not pass on (`fields`). */
  callApi(
    path: string,
    method: string,
    pathParams: Record<string, string>,
    queryParams: Opts,
    headerParams: Opts,
    formParams: Opts,
    body: unknown,
    authNames: string[],
    contentTypes: string[],
    accepts: string[],
    returnType: string,
  ): Promise<{ data: unknown }>;
  ping: { get(): Promise<unknown> };
  batches: { start(body: unknown): Promise<unknown>; status(batchId: string, opts?: Opts): Promise<unknown> };
  root: { getRoot(opts?: Opts): Promise<unknown> };
  lists: {
    getAllLists(opts?: Opts): Promise<unknown>;
    getList(listId: string, opts?: Opts): Promise<unknown>;
    getListMergeFields(listId: string, opts?: Opts): Promise<unknown>;
    addListMergeField(listId: string, body: unknown): Promise<unknown>;
    getListInterestCategories(listId: string, opts?: Opts): Promise<unknown>;
    createListInterestCategory(listId: string, body: unknown): Promise<unknown>;
    listInterestCategoryInterests(listId: string, categoryId: string, opts?: Opts): Promise<unknown>;
    createInterestCategoryInterest(listId: string, categoryId: string, body: unknown): Promise<unknown>;
    getListMembersInfo(listId: string, opts?: Opts): Promise<unknown>;
    getListMember(listId: string, hash: string, opts?: Opts): Promise<unknown>;
    setListMember(listId: string, hash: string, body: unknown, opts?: Opts): Promise<unknown>;
    batchListMembers(listId: string, body: unknown, opts?: Opts): Promise<unknown>;
    deleteListMember(listId: string, hash: string): Promise<unknown>;
  };
};

// Not named `require`: electron-vite's ESM shim declares that name in the bundled chunk.
const requireCjs = createRequire(import.meta.url);

/** A fresh SDK client bound to one key and one base URL (never the shared singleton). */
export function createSdkApiClient(apiKey: string, baseUrl: string): SdkApiClient {
  const ApiClient = requireCjs('@mailchimp/mailchimp_marketing/src/ApiClient') as new () => SdkApiClient;
  const sdk = new ApiClient();
  sdk.basePath = baseUrl.replace(/\/+$/, '');
  // Replaces the whole config object, so the default `server: 'invalid-server'` is gone as well.
  sdk.setConfig({ apiKey });
  sdk.defaultHeaders = { 'User-Agent': 'barsy-mailchimp-sync' };
  return sdk;
}

export type TransportOptions = {
  apiKey: string;
  baseUrl: string;
  /** Per-request timeout (the SDK's `timeout`, superagent's deadline). */
  timeoutMs: number;
  /** Simultaneous requests of this client, all calls together (Mailchimp allows 10 per key). */
  concurrency: number;
  retry: RetryPolicy;
  logger?: Logger;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

/** What a sent call returned, and whether an earlier attempt may have been applied unseen. */
export type Sent = { data: unknown; attempts: number; ambiguous: boolean };

/** A 429 the client met (it may still retry the call). */
export type RateLimitEvent = { operation: string; attempt: number; retryAfterMs?: number };

export type Transport = {
  /** Runs `call` under the cap, retrying per the policy; rejects with a classified `MailchimpError`. */
  send(operation: string, call: (sdk: SdkApiClient) => Promise<unknown>, opts?: { timeoutMs?: number }): Promise<Sent>;
  /** Validates data with a schema; a mismatch is a `bad_response`. */
  parse<S extends z.ZodType>(schema: S, data: unknown, operation: string): z.output<S>;
  requestCount(): number;
  /** Changes how many requests may be in flight (1–10); see `Semaphore.setLimit`. */
  setConcurrency(limit: number): void;
  concurrency(): number;
  /** Calls `listener` on every 429; returns a function that removes it. */
  onRateLimited(listener: (event: RateLimitEvent) => void): () => void;
  /** 429s met so far, retried ones included. */
  rateLimitedCount(): number;
};

/** Mailchimp allows 10 simultaneous connections per account. */
export const MAX_CONCURRENCY = 10;

const clampConcurrency = (n: number) => Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(Number.isFinite(n) ? n : 1)));

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Builds the transport: SDK client + retries with backoff and full jitter + one semaphore + counter. */
export function createTransport(o: TransportOptions): Transport {
  registerSecret(o.apiKey);
  // The SDK sends Basic `user:<key>`; hide its base64 form too in case a server or proxy echoes it.
  registerSecret(Buffer.from(`user:${o.apiKey}`).toString('base64'));
  const sdk = createSdkApiClient(o.apiKey, o.baseUrl);
  const semaphore = createSemaphore(clampConcurrency(o.concurrency));
  const sleep = o.sleep ?? defaultSleep;
  let requests = 0;
  let rateLimited = 0;
  const rateListeners = new Set<(event: RateLimitEvent) => void>();
  const notifyRateLimited = (event: RateLimitEvent): void => {
    rateLimited += 1;
    // A listener that throws must not turn a retryable 429 into a failure of the call.
    for (const listener of rateListeners) {
      try {
        listener(event);
      } catch (err) {
        o.logger?.warn(`rate-limit listener failed: ${String(err)}`);
      }
    }
  };

  const attemptOnce = (call: (s: SdkApiClient) => Promise<unknown>, timeoutMs: number) =>
    semaphore.run(() => {
      requests += 1;
      // callApi reads `timeout` synchronously while building the request, so setting it right before
      // the call is safe even with other calls of this client in flight.
      sdk.timeout = timeoutMs;
      return call(sdk);
    });

  return {
    async send(operation, call, opts = {}) {
      let ambiguous = false;
      for (let attempt = 1; ; attempt += 1) {
        try {
          const data = await attemptOnce(call, opts.timeoutMs ?? o.timeoutMs);
          return { data, attempts: attempt, ambiguous };
        } catch (err) {
          const { error, retryAfterMs } = classifySdkFailure(err, operation);
          error.attempts = attempt;
          if (error.kind === 'rate_limit') notifyRateLimited({ operation, attempt, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
          const tooLong = retryAfterMs !== undefined && retryAfterMs > o.retry.maxRetryAfterMs;
          if (!isRetryableKind(error.kind) || attempt >= o.retry.maxAttempts || tooLong) throw withAmbiguity(error, ambiguous);
          if (isAmbiguousKind(error.kind)) ambiguous = true;
          const delay = retryAfterMs ?? backoffDelayMs(attempt, o.retry, o.random);
          o.logger?.warn(`Mailchimp ${operation}: ${error.kind}${error.status ? ` ${error.status}` : ''}, attempt ${attempt}/${o.retry.maxAttempts}, retrying in ${delay} ms`);
          await sleep(delay);
        }
      }
    },
    parse(schema, data, operation) {
      const parsed = schema.safeParse(data);
      if (parsed.success) return parsed.data;
      const detail = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
        .join('; ');
      throw new MailchimpError({ kind: 'bad_response', detail, operation });
    },
    requestCount: () => requests,
    setConcurrency: (limit) => semaphore.setLimit(clampConcurrency(limit)),
    concurrency: () => semaphore.limit(),
    onRateLimited(listener) {
      rateListeners.add(listener);
      return () => void rateListeners.delete(listener);
    },
    rateLimitedCount: () => rateLimited,
  };
}

const ambiguity = new WeakMap<MailchimpError, boolean>();

function withAmbiguity(error: MailchimpError, ambiguous: boolean): MailchimpError {
  ambiguity.set(error, ambiguous);
  return error;
}

/** True when a failed call had an earlier attempt that may have been applied (reset, timeout, 5xx). */
export function failedAfterAmbiguousAttempt(error: MailchimpError): boolean {
  return ambiguity.get(error) ?? false;
}

export { DEFAULT_RETRY_POLICY };
