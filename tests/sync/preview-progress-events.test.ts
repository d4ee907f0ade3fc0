import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventOf } from '../../shared/ipc-contract.js';
import { previewPacing } from '../../main/sync/preview.js';
import { createSyncEnv, manyRows, type SyncEnv } from '../helpers/sync-env.js';

/*
 * While a big preview is planned, main pushes how far it got (`preview:progress`) and the screen asks for
 * the counts again on each event instead of polling: the events must come while planning goes on, at the
 * pace set, and a last one must say the preview is complete (or failed), or the screen would show
 * "planning…" for ever.
 */
let env: SyncEnv;
const pacing = { ...previewPacing };
beforeAll(async () => {
  env = await createSyncEnv();
  // Three planning pages after the first one (250, then 5,000 each).
  await env.importRows(manyRows(12_000));
  await env.autoMap();
}, 120_000);
afterEach(() => {
  Object.assign(previewPacing, pacing);
});
afterAll(async () => {
  await env.cleanup();
});

function collect(): { events: Array<EventOf<'preview:progress'>>; off: () => void } {
  const events: Array<EventOf<'preview:progress'>> = [];
  const off = env.app.ctx.events.on('preview:progress', (e) => events.push(e));
  return { events, off };
}

describe('a preview pushes its progress', () => {
  it('tells how far planning got after each page (at the pace set) and that it is complete at the end', async () => {
    previewPacing.progressEveryMs = 0;
    const { events, off } = collect();
    const done = await env.call('sync:preview', { offset: 0, limit: 5 });
    off();
    expect(done.planning).toBeUndefined();
    expect(events.map((e) => e.planned)).toEqual([250, 5_250, 10_250, 12_000, 12_000]);
    expect(events.every((e) => e.clients === 12_000)).toBe(true);
    // Only the last event says complete: it follows the removals, so asking then gets the final answer.
    expect(events.map((e) => e.complete)).toEqual([false, false, false, false, true]);
  }, 120_000);

  it('says so at most once per interval while planning, and always at the end', async () => {
    previewPacing.progressEveryMs = 60_000;
    // A change of the inputs (the removal policy) plans a new preview.
    await env.call('settings:set', { key: 'sync.removalPolicy', value: 'unsubscribe' });
    const { events, off } = collect();
    await env.call('sync:preview', { offset: 0, limit: 5 });
    off();
    expect(events).toEqual([{ planned: 12_000, clients: 12_000, complete: true }]);
  }, 120_000);
});
