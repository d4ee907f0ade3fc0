import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/domain/app-error.js';
import { formatError } from '../../shared/i18n/messages.js';
import { createMailchimpClientFromSettings } from '../../main/mailchimp/client-from-settings.js';
import { createMailchimpClient } from '../../main/mailchimp/sdk-client.js';
import { startSimulator, type SimulatorHandle } from '../../main/mailchimp-simulator/index.js';
import { checkMailchimpBaseUrl } from '../../main/settings/mailchimp-base-url.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';

/** The API key goes only to Mailchimp (its own data centre) or a loopback simulator. */

const KEY_US6 = `${'0123456789abcdef'.repeat(2)}-us6`;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof AppFailure ? err.appError.code : `not an AppFailure: ${String(err)}`;
  }
}

describe('checkMailchimpBaseUrl', () => {
  it.each([
    ['https://us6.api.mailchimp.com/3.0', KEY_US6, 'https://us6.api.mailchimp.com/3.0'],
    ['https://us6.api.mailchimp.com/3.0/', KEY_US6, 'https://us6.api.mailchimp.com/3.0'],
    ['HTTPS://US21.API.MAILCHIMP.COM/3.0', undefined, 'https://us21.api.mailchimp.com/3.0'],
    ['http://127.0.0.1:4010/3.0', KEY_US6, 'http://127.0.0.1:4010/3.0'],
    ['http://localhost:65000/3.0/', undefined, 'http://localhost:65000/3.0'],
    ['http://127.0.0.1:8080/some/prefix/3.0', KEY_US6, 'http://127.0.0.1:8080/some/prefix/3.0'],
  ])('accepts %s', (url, key, expected) => {
    expect(checkMailchimpBaseUrl(url, key)).toBe(expected);
  });

  it.each([
    'http://attacker.example/3.0',
    'https://attacker.example/3.0',
    'http://us6.api.mailchimp.com/3.0', // Mailchimp, but in clear
    'https://us6.api.mailchimp.com.attacker.example/3.0',
    'https://api.mailchimp.com/3.0', // no data centre
    'https://us6.api.mailchimp.com:8443/3.0',
    'https://us6.api.mailchimp.com/2.0',
    'https://us6.api.mailchimp.com/3.0?x=1',
    'https://user:pass@us6.api.mailchimp.com/3.0',
    'http://127.0.0.1/3.0', // loopback without an explicit port
    'https://127.0.0.1:4010/3.0',
    'http://127.0.0.1:4010@attacker.example/3.0',
    'http://[::1]:4010/3.0',
    'http://10.0.0.5:4010/3.0',
    'ftp://127.0.0.1:21/3.0',
    'not a url',
  ])('refuses %s', (url) => {
    expect(codeOf(() => checkMailchimpBaseUrl(url, KEY_US6))).toBe('mailchimp_base_url_refused');
  });

  it('refuses Mailchimp for another data centre than the key, and says which', () => {
    let failure: AppFailure | undefined;
    try {
      checkMailchimpBaseUrl('https://us1.api.mailchimp.com/3.0', KEY_US6);
    } catch (err) {
      failure = err as AppFailure;
    }
    expect(failure?.appError).toEqual({ code: 'mailchimp_base_url_dc_mismatch', params: { url: 'https://us1.api.mailchimp.com/3.0', urlDc: 'us1', keyDc: 'us6' } });
    expect(formatError(failure!.appError, 'en')).toContain('https://us6.api.mailchimp.com/3.0');
    expect(formatError(failure!.appError, 'bg')).toContain('център за данни us1');
  });

  it('never echoes a user:password part of a refused URL', () => {
    try {
      checkMailchimpBaseUrl('https://me:hunter2@attacker.example/3.0');
    } catch (err) {
      const text = formatError((err as AppFailure).appError, 'en');
      expect(text).toContain('https://attacker.example/3.0');
      expect(text).not.toContain('hunter2');
      return;
    }
    throw new Error('not refused');
  });
});

/** A plain server on 127.0.0.1 that counts every TCP connection: anything sent to it is seen. */
let trap: http.Server;
let trapPort = 0;
let connections = 0;
beforeAll(async () => {
  trap = http.createServer((_req, res) => res.end('{}'));
  trap.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  trapPort = (trap.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => trap.close(() => resolve())));

let app: TempApp | undefined;
afterEach(async () => {
  await app?.cleanup();
  app = undefined;
});

describe('where clients are built', () => {
  it('the control: an accepted loopback URL really reaches the counting server', async () => {
    const before = connections;
    const api = createMailchimpClient({ apiKey: KEY_US6, baseUrl: `http://127.0.0.1:${trapPort}/3.0`, retry: { maxAttempts: 1 } });
    await api.ping().catch(() => undefined);
    expect(connections).toBeGreaterThan(before);
  });

  it('a client for a refused URL fails when built, and nothing is sent', async () => {
    const before = connections;
    for (const baseUrl of [`https://127.0.0.1:${trapPort}/3.0`, `http://127.0.0.1:${trapPort}@attacker.example/3.0`, 'http://attacker.example/3.0']) {
      expect(codeOf(() => createMailchimpClient({ apiKey: KEY_US6, baseUrl }))).toBe('mailchimp_base_url_refused');
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(connections).toBe(before);
  });

  it('a foreign URL written straight into the database is refused by the client built from the settings', async () => {
    app = createTempApp('barsy-base-url-');
    app.ctx.settings.set('mailchimp.apiKey', KEY_US6);
    // A database edit or an old settings import bypasses `settings.set`; the client build still refuses.
    app.ctx.db.prepare("INSERT OR REPLACE INTO settings (key, value, encrypted, updated_at) VALUES ('mailchimp.baseUrl', ?, 0, '')").run(`https://127.0.0.1:${trapPort}/3.0`);
    const before = connections;
    await expect(createMailchimpClientFromSettings(app.ctx)).rejects.toMatchObject({ appError: { code: 'mailchimp_base_url_refused' } });
    const res = await app.dispatch('mailchimp:audiences', {});
    expect(res.ok ? 'ok' : res.error.code).toBe('mailchimp_base_url_refused');
    expect(connections).toBe(before);
  });
});

describe('setting it (IPC)', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 8 });
  });
  afterAll(() => sim.close());

  it('settings:set refuses a foreign URL and keeps the old value; accepts loopback and Mailchimp of the key', async () => {
    app = createTempApp('barsy-base-url-');
    const ok = await app.dispatch('settings:set', { key: 'mailchimp.baseUrl', value: 'http://127.0.0.1:4010/3.0/' });
    expect(ok.ok).toBe(true);
    expect(app.ctx.settings.get('mailchimp.baseUrl')).toBe('http://127.0.0.1:4010/3.0');
    const bad = await app.dispatch('settings:set', { key: 'mailchimp.baseUrl', value: 'http://attacker.example/3.0' });
    expect(bad.ok ? 'ok' : bad.error).toEqual({ code: 'mailchimp_base_url_refused', params: { url: 'http://attacker.example/3.0' } });
    expect(app.ctx.settings.get('mailchimp.baseUrl')).toBe('http://127.0.0.1:4010/3.0');

    app.ctx.settings.set('mailchimp.apiKey', KEY_US6);
    const other = await app.dispatch('settings:set', { key: 'mailchimp.baseUrl', value: 'https://us1.api.mailchimp.com/3.0' });
    expect(other.ok ? 'ok' : other.error.code).toBe('mailchimp_base_url_dc_mismatch');
    const same = await app.dispatch('settings:set', { key: 'mailchimp.baseUrl', value: 'https://us6.api.mailchimp.com/3.0' });
    expect(same.ok).toBe(true);
    const cleared = await app.dispatch('settings:set', { key: 'mailchimp.baseUrl', value: '' });
    expect(cleared.ok).toBe(true);
  });

  it('mailchimp:connect refuses a foreign URL before sending the key, and connects through loopback', async () => {
    app = createTempApp('barsy-base-url-');
    const before = connections;
    const bad = await app.dispatch('mailchimp:connect', { apiKey: sim.apiKey, baseUrl: `https://127.0.0.1:${trapPort}/3.0` });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('mailchimp_base_url_refused');
    expect(connections).toBe(before);
    expect(app.ctx.settings.get('mailchimp.apiKey')).toBeUndefined();
    const good = await app.dispatch('mailchimp:connect', { apiKey: sim.apiKey, baseUrl: `http://localhost:${sim.port}/3.0` });
    if (!good.ok) throw new Error(JSON.stringify(good.error));
    expect(app.ctx.settings.get('mailchimp.baseUrl')).toBe(`http://localhost:${sim.port}/3.0`);
  });
});
