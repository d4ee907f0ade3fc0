import { afterEach, describe, expect, it } from 'vitest';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { channels } from '../../shared/ipc-contract.js';
import { handlers } from '../../main/ipc/handler-map.js';

let app: TempApp | undefined;
afterEach(async () => {
  await app?.cleanup();
  app = undefined;
});

describe('IPC dispatcher', () => {
  it('has exactly one handler per contract channel', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(channels).sort());
  });

  it('rejects unknown channels as data', async () => {
    app = createTempApp();
    const res = await app.dispatch('fs:readEverything', {});
    expect(res).toEqual({ ok: false, error: { code: 'ipc_unknown_channel', params: { channel: 'fs:readEverything' } } });
  });

  it('validates requests against the contract before the handler runs', async () => {
    app = createTempApp();
    const res = await app.dispatch('settings:set', { key: 'no.such.key', value: 'x' });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('ipc_invalid_request');
    const extra = await app.dispatch('app:info', { evil: true });
    expect(extra.ok).toBe(false);
  });

  it('answers app:info and round-trips settings, masking secrets', async () => {
    app = createTempApp();
    const info = await app.dispatch('app:info', {});
    expect(info.ok).toBe(true);
    const key = '0123456789abcdef0123456789abcdef-us6';
    const set = await app.dispatch('settings:set', { key: 'mailchimp.apiKey', value: key });
    expect(set.ok).toBe(true);
    if (set.ok) {
      expect(JSON.stringify(set.value)).not.toContain(key);
      expect((set.value as { secretsSet: Record<string, boolean> }).secretsSet['mailchimp.apiKey']).toBe(true);
    }
    // Encrypted at rest: the raw row does not hold the key.
    const row = app.ctx.db.prepare("SELECT value, encrypted FROM settings WHERE key = 'mailchimp.apiKey'").get() as { value: string; encrypted: number };
    expect(row.encrypted).toBe(1);
    expect(row.value).not.toContain(key);
    expect(app.ctx.settings.get('mailchimp.apiKey')).toBe(key);
  });

  it('turns invalid setting values into a translated error, not an exception', async () => {
    app = createTempApp();
    const res = await app.dispatch('settings:set', { key: 'sync.removalPolicy', value: 'delete-everyone' });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('setting_invalid');
  });
});
