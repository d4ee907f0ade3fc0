import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/ipc/dispatcher.js';
import type { ChannelName } from '../../shared/ipc-contract.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';

let app: TempApp | undefined;
afterEach(async () => {
  await app?.cleanup();
  app = undefined;
});

const summary = (runId: number) => ({
  runId,
  status: 'completed',
  dryRun: false,
  listId: 'l1',
  audienceName: 'A',
  importId: 1,
  importFileName: 'export.csv',
  importedAt: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:00:01.000Z',
  finishedAt: '2026-01-01T00:00:02.000Z',
  durationMs: 1000,
  counts: { clients: 1, eligible: 1, created: 1, updated: 0, unchanged: 0, skipped: 0, keptStatus: 0, failed: 0 },
  requests: 1,
  error: null,
  resumable: false,
  reportEmail: { status: 'not_sent', to: null, sentAt: null, error: null },
});

/**
 * The CLI's dispatcher validates without zod's compiled fast path (`jitless`, which a one-shot process
 * never earns back); it must accept and reject exactly what the app's dispatcher does.
 */
describe('the CLI dispatcher (jitless validation)', () => {
  it('passes a valid response, drops fields the contract does not name and refuses a broken one, as the app does', async () => {
    app = createTempApp();
    let answer: unknown = [summary(2), summary(1)];
    const source = async (_channel: ChannelName) => (() => answer) as never;
    const cli = createDispatcher(source, app.ctx, { jitless: true });
    const appSide = createDispatcher(source, app.ctx);

    const ok = await cli('runs:list', {});
    expect(ok).toEqual({ ok: true, value: [summary(2), summary(1)] });
    expect(await appSide('runs:list', {})).toEqual(ok);

    // A field the contract does not name never leaves the dispatcher.
    answer = [summary(2), { ...summary(1), secret: 'leak' }];
    const leak = await cli('runs:list', {});
    expect(leak).toEqual({ ok: true, value: [summary(2), summary(1)] });
    expect(await appSide('runs:list', {})).toEqual(leak);

    // A response that breaks the contract is an internal error, never passed on.
    answer = [summary(2), { ...summary(1), counts: { ...summary(1).counts, created: 'one' } }];
    const broken = await cli('runs:list', {});
    expect(broken).toEqual({ ok: false, error: { code: 'internal', params: {} } });
    expect(await appSide('runs:list', {})).toEqual(broken);
  });

  it('refuses an invalid request before the handler runs', async () => {
    app = createTempApp();
    let called = false;
    const cli = createDispatcher(async () => (() => ((called = true), [])) as never, app.ctx, { jitless: true });
    const res = await cli('runs:list', { extra: 1 });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('ipc_invalid_request');
    expect(called).toBe(false);
  });
});
