import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncEnv, manyRows, type SyncEnv } from '../helpers/sync-env.js';

let env: SyncEnv;
beforeAll(async () => {
  env = await createSyncEnv();
  // 12,000 clients: more than two planning pages (5,000), so rows of every page must be found.
  const rows = manyRows(12_000);
  rows[11_000] = { ...rows[11_000]!, name: 'Йордан ПЕТРОВ Стефанов' };
  rows[3] = { ...rows[3]!, subscribed: false };
  await env.importRows(rows);
  await env.autoMap();
}, 120_000);
afterAll(async () => {
  await env.cleanup();
});

describe('sync:preview is paged from SQLite (a 1M-client preview is not held in memory)', () => {
  it('pages, counts, outcome filter and a case-insensitive Cyrillic search across planning pages', async () => {
    const first = await env.call('sync:preview', { offset: 0, limit: 50 });
    expect(first.counts).toMatchObject({ clients: 12_000, eligible: 11_999, created: 11_999, skipped: 1 });
    expect(first.total).toBe(12_000);
    expect(first.items.map((it) => it.line)).toEqual([...first.items.map((it) => it.line)].sort((a, b) => a - b));
    expect(first.items).toHaveLength(50);
    // A page past the second planning page, in file order, continuing the first.
    const late = await env.call('sync:preview', { offset: 10_990, limit: 20 });
    expect(late.items.map((it) => it.email)).toEqual(manyRows(20, 10_991).map((r) => r.email));
    const skipped = await env.call('sync:preview', { outcome: 'skipped' });
    expect(skipped.total).toBe(1);
    expect(skipped.items[0]).toMatchObject({ email: manyRows(1, 4)[0]!.email, reason: 'not_subscribed' });
    // SQLite's lower() knows ASCII only: the search must still match "петров" in "ПЕТРОВ".
    const found = await env.call('sync:preview', { search: 'петров' });
    expect(found.total).toBe(1);
    expect(found.items[0]!.name).toBe('Йордан ПЕТРОВ Стефанов');
    expect((await env.call('sync:preview', { search: 'nobody-here' })).total).toBe(0);
  }, 120_000);
});
