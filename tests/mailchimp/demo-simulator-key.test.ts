import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../main/app/create-app-context.js';
import type { AppContext } from '../../main/context/app-context.js';
import { startDemoSimulator } from '../../main/mailchimp/demo-simulator.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';

/** The app's demo Mailchimp gets a new random API key on every start; an old key stops working. */

let app: TempApp | undefined;
const extra: AppContext[] = [];
afterEach(async () => {
  for (const c of extra.splice(0)) await c.close();
  await app?.cleanup();
  app = undefined;
});

const ping = (baseUrl: string, key: string) =>
  fetch(`${baseUrl}/ping`, { headers: { Authorization: `Basic ${Buffer.from(`demo:${key}`).toString('base64')}` } }).then((r) => r.status);

describe('demo simulator key', () => {
  it('is random per start, is what the settings hold, and the previous key is refused after a restart', async () => {
    app = createTempApp('barsy-demo-key-');
    const first = await startDemoSimulator(app.ctx);
    expect(first.apiKey).toMatch(/^[0-9a-f]{32}-us1$/);
    expect(app.ctx.settings.get('mailchimp.apiKey')).toBe(first.apiKey);
    expect(await ping(first.baseUrl, first.apiKey)).toBe(200);
    await app.ctx.close();

    const ctx = createAppContext({ dbPath: path.join(app.dir, 'barsy-sync.sqlite') });
    extra.push(ctx);
    const second = await startDemoSimulator(ctx);
    expect(second.apiKey).toMatch(/^[0-9a-f]{32}-us1$/);
    expect(second.apiKey).not.toBe(first.apiKey);
    expect(ctx.settings.get('mailchimp.apiKey')).toBe(second.apiKey);
    expect(await ping(second.baseUrl, second.apiKey)).toBe(200);
    expect(await ping(second.baseUrl, first.apiKey)).toBe(401);
  });

  it('differs between two data folders started at the same time', async () => {
    app = createTempApp('barsy-demo-key-');
    const other = createTempApp('barsy-demo-key-');
    try {
      const [a, b] = await Promise.all([startDemoSimulator(app.ctx), startDemoSimulator(other.ctx)]);
      expect(a.apiKey).not.toBe(b.apiKey);
    } finally {
      await other.cleanup();
    }
  });
});
