import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncEnv, manyRows, type SyncEnv } from '../helpers/sync-env.js';

/*
 * A million clients take many seconds to plan; the preview's table must not wait for the last one.
 * `progressive` pages are answered as soon as their rows are planned, with the counts so far and how
 * far planning got; the same preview then completes, and agrees with a preview asked for in full.
 */
let env: SyncEnv;
beforeAll(async () => {
  env = await createSyncEnv();
  // Four planning pages (5,000 each).
  await env.importRows(manyRows(17_000));
  await env.autoMap();
}, 120_000);
afterAll(async () => {
  await env.cleanup();
});

describe('sync:preview answers the first rows while later clients are still being planned', () => {
  it('gives the first page with the counts so far, then completes with the same rows', async () => {
    const first = await env.call('sync:preview', { offset: 0, limit: 50, progressive: true });
    expect(first.planning).toBeDefined();
    expect(first.planning!.clients).toBe(17_000);
    expect(first.planning!.planned).toBeLessThan(17_000);
    expect(first.counts.clients).toBe(first.planning!.planned);
    // The table's size is known before it is full: one row per client.
    expect(first.total).toBe(17_000);
    expect(first.items.map((i) => i.email)).toEqual(manyRows(50).map((r) => r.email));

    // A page beyond what is planned waits for its rows, not for the whole preview.
    const late = await env.call('sync:preview', { offset: 11_000, limit: 10, progressive: true });
    expect(late.items.map((i) => i.email)).toEqual(manyRows(10, 11_001).map((r) => r.email));

    // Asked in full (a filter, or no `progressive`), the same preview is awaited to the end.
    const full = await env.call('sync:preview', { offset: 0, limit: 50 });
    expect(full.planning).toBeUndefined();
    expect(full.counts).toMatchObject({ clients: 17_000, eligible: 17_000, created: 17_000 });
    expect(full.items).toEqual(first.items);
    const done = await env.call('sync:preview', { offset: 0, limit: 50, progressive: true });
    expect(done.planning).toBeUndefined();
    expect(done.counts).toEqual(full.counts);
    expect((await env.call('sync:preview', { outcome: 'created', limit: 1 })).total).toBe(17_000);
  }, 120_000);
});
