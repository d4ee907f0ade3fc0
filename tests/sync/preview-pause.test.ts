import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { previewPacing } from '../../main/sync/preview.js';
import { createSyncEnv, manyRows, type SyncEnv } from '../helpers/sync-env.js';

/*
 * A big preview is planned in the background; once nobody asks for it (the screen was left), planning
 * pauses between pages instead of keeping a core busy, and the next request continues it.
 */
let env: SyncEnv;
const idlePauseMs = previewPacing.idlePauseMs;
beforeAll(async () => {
  env = await createSyncEnv();
  // Four planning pages (5,000 each) after the first one.
  await env.importRows(manyRows(17_000));
  await env.autoMap();
}, 120_000);
afterEach(() => {
  previewPacing.idlePauseMs = idlePauseMs;
});
afterAll(async () => {
  await env.cleanup();
});

/** Rows planned so far, read from the preview's table without asking for the preview (which would resume it). */
const plannedRows = () => (env.app.ctx.db.prepare('SELECT COUNT(*) AS n FROM temp.preview_items').get() as { n: number }).n;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a preview nobody asks for pauses its planning', () => {
  it('stops between pages while idle and continues, complete and correct, when asked again', async () => {
    previewPacing.idlePauseMs = 1;
    const first = await env.call('sync:preview', { offset: 0, limit: 1, progressive: true });
    expect(first.planning).toBeDefined();
    await sleep(300);
    const paused = plannedRows();
    expect(paused).toBeLessThan(17_000);
    await sleep(700);
    expect(plannedRows()).toBe(paused);

    // Asked again: a page beyond what was planned is answered, and the preview completes.
    const late = await env.call('sync:preview', { offset: 16_990, limit: 10, progressive: true });
    expect(late.items.map((i) => i.email)).toEqual(manyRows(10, 16_991).map((r) => r.email));
    const full = await env.call('sync:preview', { offset: 0, limit: 5 });
    expect(full.planning).toBeUndefined();
    expect(full.counts).toMatchObject({ clients: 17_000, eligible: 17_000, created: 17_000 });
    expect(full.items.map((i) => i.email)).toEqual(manyRows(5).map((r) => r.email));
    expect(plannedRows()).toBe(17_000);
  }, 120_000);
});
