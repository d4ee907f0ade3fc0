import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveBaseUrl } from '../../main/mailchimp/base-url.js';
import { createMailchimpClient } from '../../main/mailchimp/sdk-client.js';
import { createSdkApiClient, type SdkApiClient } from '../../main/mailchimp/sdk-transport.js';
import { mailchimpErrorToAppError } from '../../main/mailchimp/to-app-error.js';
import { MailchimpError } from '../../main/mailchimp/mailchimp-error.js';
import { subscriberHash } from '../../main/mailchimp/subscriber-hash.js';
import type { Logger } from '../../main/logging/logger.js';
import { problem, startFakeServer, type FakeServer } from '../helpers/mailchimp-fake-server.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const echoMember = { status: 200, body: { id: 'x', email_address: 'server@barsy.bg', status: 'subscribed' } };

describe("the SDK's 'server' substring trap", () => {
  it('sends ids and emails containing "server" to the right path', async () => {
    server = await startFakeServer(() => echoMember);
    const client = createMailchimpClient({ apiKey: 'abcdef0123456789-us6', baseUrl: server.baseUrl });
    const hash = subscriberHash('server@barsy.bg');
    await client.upsertMember('server-list', hash, { email_address: 'server@barsy.bg', status_if_new: 'subscribed' });
    await client.getMember('server-list', 'server@barsy.bg');
    expect(server.seen.map((s) => s.path)).toEqual([`/3.0/lists/server-list/members/${hash}`, `/3.0/lists/server-list/members/${hash}`]);
    expect(server.seen[0]!.body).toMatchObject({ email_address: 'server@barsy.bg' });
  });

  it('is real: the SDK configured the documented way rewrites the path (control)', async () => {
    server = await startFakeServer(() => echoMember);
    const ApiClient = createRequire(import.meta.url)('@mailchimp/mailchimp_marketing/src/ApiClient') as new () => SdkApiClient & { setConfig(c: object): void };
    const naive = new ApiClient();
    naive.basePath = server.baseUrl;
    naive.setConfig({ apiKey: 'abcdef0123456789-us6', server: 'us6' });
    await naive.lists.setListMember('L1', 'server@barsy.bg', { email_address: 'server@barsy.bg', status_if_new: 'subscribed' });
    expect(server.seen[0]!.path).toBe('/3.0/lists/L1/members/us6%40barsy.bg');
  });

  it('builds a non-singleton client with an explicit basePath and no config.server', () => {
    const a = createSdkApiClient('k1-us6', 'https://us6.api.mailchimp.com/3.0');
    const b = createSdkApiClient('k2-us7', 'http://127.0.0.1:1/3.0/');
    expect(a).not.toBe(b);
    expect(a.config).toEqual({ apiKey: 'k1-us6' });
    expect(a.config.server).toBeUndefined();
    expect(b.basePath).toBe('http://127.0.0.1:1/3.0');
  });

  it('derives the data center from the key unless a base URL is configured', () => {
    expect(resolveBaseUrl('0123abcd-us21')).toBe('https://us21.api.mailchimp.com/3.0');
    expect(resolveBaseUrl('0123abcd-us21', 'http://127.0.0.1:4010/3.0/')).toBe('http://127.0.0.1:4010/3.0');
    expect(() => resolveBaseUrl('no-dc-here-')).toThrow(MailchimpError);
  });
});

describe('secrets', () => {
  it('never puts the API key in errors, app errors or log lines, even when the server echoes it', async () => {
    // Not in the 32-hex shape the logger's pattern catches: only `registerSecret` can hide it.
    const key = 'SeCrEt0123456789zz-us6';
    server = await startFakeServer((req, n) =>
      n === 1 ? problem(500, 'Internal Server Error', `failed for ${key} (${req.auth})`) : problem(401, 'API Key Invalid', `Key ${key} is disabled (${req.auth})`, [{ field: key, message: key }]),
    );
    const lines: string[] = [];
    const { redact } = await import('../../main/logging/logger.js');
    const logger: Logger = { info: (m) => lines.push(redact(m)), warn: (m) => lines.push(redact(m)), error: (m) => lines.push(redact(m)) };
    const client = createMailchimpClient({ apiKey: key, baseUrl: server.baseUrl, logger, retry: { baseDelayMs: 1, maxDelayMs: 2 } });
    const err = (await client.ping().catch((e: unknown) => e)) as MailchimpError;
    expect(err).toBeInstanceOf(MailchimpError);
    expect(err.kind).toBe('auth');
    const everything = [err.message, inspect(err, { depth: 5 }), JSON.stringify(err), JSON.stringify(mailchimpErrorToAppError(err)), ...lines].join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(everything).toContain('[redacted]');
    expect(everything).not.toContain(key);
    expect(everything).not.toContain(Buffer.from(`user:${key}`).toString('base64'));
  });
});
