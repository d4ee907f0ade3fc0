import { afterEach, describe, expect, it } from 'vitest';
import { createMailchimpClient, type MailchimpClientOptions } from '../../main/mailchimp/sdk-client.js';
import { MailchimpError } from '../../main/mailchimp/mailchimp-error.js';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, parseRetryAfterMs } from '../../main/mailchimp/retry-policy.js';
import { problem, startFakeServer, TEST_KEY, type FakeServer, type Route } from '../helpers/mailchimp-fake-server.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const PING = { status: 200, body: { health_status: "Everything's Chimpy!" } };
const fast = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 4, maxRetryAfterMs: 5_000 };

async function clientFor(route: Route, extra: Partial<MailchimpClientOptions> = {}) {
  server = await startFakeServer(route);
  return createMailchimpClient({ apiKey: TEST_KEY, baseUrl: server.baseUrl, retry: fast, ...extra });
}

async function failure(p: Promise<unknown>): Promise<MailchimpError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(MailchimpError);
  return err as MailchimpError;
}

describe('retry policy', () => {
  it('retries 429 and waits for Retry-After before the next attempt', async () => {
    const at: number[] = [];
    const client = await clientFor((_req, n) => {
      at.push(Date.now());
      return n === 1 ? { ...problem(429, 'Too Many Requests', 'You have exceeded the limit of 10 simultaneous connections.'), headers: { 'Retry-After': '1' } } : PING;
    });
    await expect(client.ping()).resolves.toBe("Everything's Chimpy!");
    expect(client.requestCount()).toBe(2);
    // Backoff alone would wait at most 20 ms here; Retry-After asks for a full second.
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(950);
  });

  it('fails at once with rate_limit when Retry-After is longer than the policy accepts', async () => {
    const client = await clientFor(() => ({ ...problem(429, 'Too Many Requests', 'slow down'), headers: { 'Retry-After': '3600' } }));
    const err = await failure(client.ping());
    expect(err.kind).toBe('rate_limit');
    expect(client.requestCount()).toBe(1);
  });

  it('retries 500 and 503 and succeeds', async () => {
    const client = await clientFor((_r, n) => (n === 1 ? problem(500, 'Internal Server Error', 'oops') : n === 2 ? problem(503, 'Service Unavailable', 'later') : PING));
    await expect(client.ping()).resolves.toBeTruthy();
    expect(server!.seen).toHaveLength(3);
  });

  it('retries a connection reset', async () => {
    const client = await clientFor((_r, n) => (n < 3 ? 'reset' : PING));
    await expect(client.ping()).resolves.toBeTruthy();
    expect(client.requestCount()).toBe(3);
  });

  it('retries a timeout and reports network after the last attempt', async () => {
    const client = await clientFor(() => ({ ...PING, delayMs: 300 }), { timeoutMs: 60, retry: { ...fast, maxAttempts: 2 } });
    const err = await failure(client.ping());
    expect(err.kind).toBe('network');
    expect(err.attempts).toBe(2);
    expect(server!.seen).toHaveLength(2);
  });

  it('gives up after maxAttempts on persistent 5xx', async () => {
    const client = await clientFor(() => problem(502, 'Bad Gateway', 'upstream'));
    const err = await failure(client.ping());
    expect(err).toMatchObject({ kind: 'server', status: 502, attempts: 4 });
    expect(server!.seen).toHaveLength(4);
  });

  it.each([
    [400, 'Invalid Resource', 'The resource submitted could not be validated.', 'bad_request'],
    [401, 'API Key Invalid', "Your API key may be invalid, or you've attempted to access the wrong datacenter.", 'auth'],
    [403, 'Forbidden', 'You are not permitted to access this resource.', 'forbidden'],
    [404, 'Resource Not Found', 'The requested resource could not be found.', 'not_found'],
    [405, 'Method Not Allowed', 'This list member cannot be removed.', 'bad_request'],
  ] as const)('never retries %i', async (status, title, detail, kind) => {
    const client = await clientFor(() => problem(status, title, detail));
    const err = await failure(client.getAudience('L1'));
    expect(err).toMatchObject({ kind, status, title, detail, attempts: 1 });
    expect(server!.seen).toHaveLength(1);
  });

  it('computes full-jitter exponential backoff within its cap', () => {
    const p = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, p, () => 0.999999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelayMs(3, p, () => 0)).toBe(0);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfterMs('2')).toBe(2000);
    expect(parseRetryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfterMs('soon')).toBeUndefined();
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
  });
});
