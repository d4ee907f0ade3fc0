import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../main/mailchimp-simulator/index.js';
import { classifyBatchRowError } from '../../main/mailchimp/classify-error.js';
import { MAILCHIMP_ERROR_KINDS, MailchimpError } from '../../main/mailchimp/mailchimp-error.js';
import { errorDisposition } from '../../main/mailchimp/retry-policy.js';
import { createMailchimpClient } from '../../main/mailchimp/sdk-client.js';
import { createTransport } from '../../main/mailchimp/sdk-transport.js';
import { subscriberHash } from '../../main/mailchimp/subscriber-hash.js';
import { mailchimpErrorToAppError } from '../../main/mailchimp/to-app-error.js';
import { DEFAULT_RETRY_POLICY } from '../../main/mailchimp/retry-policy.js';
import { formatError } from '../../shared/i18n/messages.js';

/** How the client classifies what the real service does in the field (issue 12), over real HTTP. */
const sims: SimulatorHandle[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

async function client(opts: SimulatorOptions) {
  const sim = await startSimulator({ port: 0, ...opts });
  sims.push(sim);
  return { sim, api: createMailchimpClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 5 } }) };
}

async function failure(p: Promise<unknown>): Promise<MailchimpError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof MailchimpError)) throw new Error(`expected a MailchimpError, got ${String(err)}`);
  return err;
}

const put = (email: string) => ({ email_address: email, status_if_new: 'subscribed' as const });

describe('403 split', () => {
  it('tells a role without permission, a disabled account and a refused key apart, and never retries them', async () => {
    const { sim, api } = await client({ faults: 'GET /ping:403:1,GET /lists:403-disabled:1,GET /lists/*:403-key:1' });
    const role = await failure(api.ping());
    const disabled = await failure(api.listAudiences());
    const key = await failure(api.getAudience(sim.listId));
    expect([role.kind, disabled.kind, key.kind]).toEqual(['forbidden', 'account_disabled', 'key_refused']);
    expect([role.attempts, disabled.attempts, key.attempts]).toEqual([1, 1, 1]);
    expect(sim.stats().requests).toBe(3);
    const words = [role, disabled, key].map((e) => formatError(mailchimpErrorToAppError(e), 'en'));
    expect(words[0]).toContain('role');
    expect(words[1]).toContain('account is disabled');
    expect(words[2]).toContain('refused this API key');
    expect(new Set(words.map((w) => w.slice(0, 30))).size).toBe(3);
  });
});

describe('refusals that are not failures of the data', () => {
  it('"signed up to a lot of lists" is its own kind (try much later), on PUT and in batch rows', async () => {
    const { sim, api } = await client({ tooManySignups: ['busy@abv.bg'] });
    const err = await failure(api.upsertMember(sim.listId, subscriberHash('busy@abv.bg'), put('busy@abv.bg')));
    expect(err.kind).toBe('too_many_signups');
    expect(err.attempts).toBe(1);
    expect(errorDisposition(err.kind)).toBe('later');
    const batch = await api.batchSubscribe(sim.listId, [{ email_address: 'busy@abv.bg', status: 'subscribed' }], { updateExisting: true });
    expect(classifyBatchRowError(batch.errors[0]!)).toBe('too_many_signups');
  });

  it('a compliance-state answer for a permanently deleted address settles once', async () => {
    const { sim, api } = await client({ deletedAsCompliance: true });
    const err = await failure(api.upsertMember(sim.listId, subscriberHash('stefan.kolev@gmail.com'), put('stefan.kolev@gmail.com')));
    expect(err.kind).toBe('compliance_state');
    expect(errorDisposition(err.kind)).toBe('settle');
    expect(await api.getMember(sim.listId, 'stefan.kolev@gmail.com')).toBeNull();
  });
});

describe('another account language', () => {
  it('keeps Mailchimp’s German words as written and classifies by title and field', async () => {
    const { sim, api } = await client({ locale: 'de' });
    const email = await failure(api.upsertMember(sim.listId, subscriberHash('x@bar.com'), put('x@bar.com')));
    expect(email.kind).toBe('invalid_email');
    expect(email.detail).toBe('x@bar.com scheint gefälscht oder ungültig zu sein. Bitte gib eine echte E-Mail-Adresse ein.');
    expect(email.errors).toEqual([{ field: 'email address', message: email.detail }]);
    expect(formatError(mailchimpErrorToAppError(email), 'bg')).toContain('scheint gefälscht');
    const compliance = await failure(api.upsertMember(sim.listId, subscriberHash('georgi.dimitrov@abv.bg'), { ...put('georgi.dimitrov@abv.bg'), status: 'subscribed' }));
    expect(compliance.kind).toBe('compliance_state');
    expect(compliance.detail).toContain('Compliance-Status');
    const batch = await api.batchSubscribe(sim.listId, [{ email_address: 'a b@abv.bg', status: 'subscribed' }, { email_address: 'new@abv.bg', status: 'subscribed', merge_fields: { POINTS: 'viele' } }], { updateExisting: true });
    expect(batch.errors.map((e) => [classifyBatchRowError(e), e.error])).toEqual([
      ['invalid_email', 'Bitte gib eine gültige E-Mail-Adresse an.'],
      ['invalid_merge_fields', 'Deine Zusammenführungsfelder waren ungültig.'],
    ]);
  });
});

describe('certificate and DNS failures', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-tls-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a certificate the client refuses is one clear failure, not retried like a reset', async () => {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    let requests = 0;
    const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_req, res) => {
      requests += 1;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      // The transport underneath the client (the client itself only sends the key to Mailchimp's own
      // HTTPS hosts or to a plain-HTTP loopback simulator, so an HTTPS loopback is set up one level down).
      const t = createTransport({ apiKey: '0123456789abcdef0123456789abcdef-us6', baseUrl: `https://127.0.0.1:${port}/3.0`, timeoutMs: 5000, concurrency: 1, retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 }, sleep: async () => {} });
      const err = await failure(t.send('GET /ping', (sdk) => sdk.ping.get()));
      expect(err.kind).toBe('certificate');
      expect(err.attempts).toBe(1);
      expect(err.detail).toMatch(/CERT|certificate/i);
      expect(requests).toBe(0);
      expect(errorDisposition(err.kind)).toBe('stop');
      expect(formatError(mailchimpErrorToAppError(err), 'bg')).toContain('сертификатът');
    } finally {
      server.close();
    }
  });

  it('a host name that does not exist is not retried; a temporary DNS failure is', async () => {
    const t = createTransport({ apiKey: '0123456789abcdef0123456789abcdef-us6', baseUrl: 'http://127.0.0.1:9/3.0', timeoutMs: 1000, concurrency: 1, retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 }, sleep: async () => {} });
    const dnsError = (code: string) => () => Promise.reject(Object.assign(new Error(`getaddrinfo ${code} us99.api.mailchimp.com`), { code }));
    const notFound = await failure(t.send('GET /ping', dnsError('ENOTFOUND')));
    expect([notFound.kind, notFound.attempts]).toEqual(['host_not_found', 1]);
    expect(formatError(mailchimpErrorToAppError(notFound), 'en')).toContain('server name could not be found');
    const again = await failure(t.send('GET /ping', dnsError('EAI_AGAIN')));
    expect([again.kind, again.attempts]).toEqual(['network', 3]);
  });
});

describe('dispositions', () => {
  it('every kind has one, and only transient kinds are retried', () => {
    const byKind = Object.fromEntries(MAILCHIMP_ERROR_KINDS.map((k) => [k, errorDisposition(k)]));
    expect(Object.entries(byKind).filter(([, d]) => d === 'retry').map(([k]) => k).sort()).toEqual(['network', 'rate_limit', 'server']);
    expect(byKind).toMatchObject({ too_many_signups: 'later', compliance_state: 'settle', forgotten_email: 'settle', invalid_email: 'member', certificate: 'stop', host_not_found: 'stop', forbidden: 'stop' });
  });
});
