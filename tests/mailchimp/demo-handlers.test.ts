import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../main/app/create-app-context.js';
import type { AppContext } from '../../main/context/app-context.js';
import { createDispatcher } from '../../main/ipc/dispatcher.js';
import { handlers } from '../../main/ipc/handler-map.js';
import { ensureDemoSimulator } from '../../main/mailchimp/demo-simulator.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';

let app: TempApp | undefined;
const extra: AppContext[] = [];
afterEach(async () => {
  for (const c of extra.splice(0)) await c.close();
  await app?.cleanup();
  app = undefined;
});

type DemoValue = { baseUrl: string; listId: string; accountName: string; audiences: Array<{ id: string }> };

describe('demo mode', () => {
  it('starts the built-in simulator, points the settings at it and reuses it in this process', async () => {
    app = createTempApp('barsy-demo-');
    const res = await app.dispatch('mailchimp:demo', {});
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    const demo = res.value as DemoValue;
    expect(demo.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/3\.0$/);
    expect(demo.audiences.map((a) => a.id)).toContain(demo.listId);
    expect(app.ctx.settings.get('mailchimp.baseUrl')).toBe(demo.baseUrl);
    expect(app.ctx.settings.get('mailchimp.listId')).toBe(demo.listId);
    expect(app.ctx.settings.get('mailchimp.apiKey')).toMatch(/-us\d+$/);
    expect(app.ctx.settings.get('mailchimp.accountName')).toBe(demo.accountName);
    expect(app.ctx.disposers).toHaveLength(1);

    const again = await app.dispatch('mailchimp:demo', {});
    expect(again.ok && (again.value as DemoValue).baseUrl).toBe(demo.baseUrl);
    expect(app.ctx.disposers).toHaveLength(1);

    const audience = await app.dispatch('mailchimp:audience', {});
    if (!audience.ok) throw new Error(JSON.stringify(audience.error));
    const v = audience.value as { categories: Array<{ interests: unknown[] }>; mergeFields: Array<{ tag: string }> };
    expect(v.categories.length).toBeGreaterThan(0);
    expect(v.mergeFields.map((f) => f.tag)).toContain('FNAME');
  });

  it('keeps demo data across an app restart and restarts the simulator on demand', async () => {
    app = createTempApp('barsy-demo-');
    const res = await app.dispatch('mailchimp:demo', {});
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    const created = await app.dispatch('mailchimp:createCategory', { title: 'Създадена преди рестарт' });
    expect(created.ok).toBe(true);
    await app.ctx.close(); // the disposer stops the simulator and writes its state file
    expect(fs.existsSync(path.join(app.dir, 'demo-mailchimp', 'state.json'))).toBe(true);

    const ctx = createAppContext({ dbPath: path.join(app.dir, 'barsy-sync.sqlite') });
    extra.push(ctx);
    const dispatch = createDispatcher(handlers, ctx);
    // Any Mailchimp channel brings the demo simulator back (the engine calls ensureDemoSimulator itself).
    const audience = await dispatch('mailchimp:audience', {});
    if (!audience.ok) throw new Error(JSON.stringify(audience.error));
    const titles = (audience.value as { categories: Array<{ title: string }> }).categories.map((c) => c.title);
    expect(titles).toContain('Създадена преди рестарт');
    expect(await ensureDemoSimulator(ctx)).toBe(true);
    expect(ctx.disposers).toHaveLength(1);
  });

  it('uses a demo simulator another process already serves instead of starting a second one', async () => {
    app = createTempApp('barsy-demo-');
    const res = await app.dispatch('mailchimp:demo', {});
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    // A second data folder with the same settings and marker stands in for the CLI next to the app.
    const other = createTempApp('barsy-demo-other-');
    try {
      fs.cpSync(path.join(app.dir, 'demo-mailchimp'), path.join(other.dir, 'demo-mailchimp'), { recursive: true });
      for (const key of ['mailchimp.baseUrl', 'mailchimp.apiKey', 'mailchimp.listId'] as const) other.ctx.settings.set(key, app.ctx.settings.get(key)!);
      expect(await ensureDemoSimulator(other.ctx)).toBe(true);
      expect(other.ctx.disposers).toHaveLength(0);
      const again = await other.dispatch('mailchimp:demo', {});
      expect(again.ok && (again.value as DemoValue).baseUrl).toBe((res.value as DemoValue).baseUrl);
      expect(other.ctx.disposers).toHaveLength(0);
    } finally {
      await other.cleanup();
    }
  });

  it('does nothing for a real account', async () => {
    app = createTempApp('barsy-demo-');
    app.ctx.settings.set('mailchimp.baseUrl', 'http://127.0.0.1:9/3.0');
    expect(await ensureDemoSimulator(app.ctx)).toBe(false);
    expect(app.ctx.disposers).toHaveLength(0);
  });
});
