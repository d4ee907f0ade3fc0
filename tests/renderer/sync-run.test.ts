// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunSummary } from '../../shared/domain/sync.js';
import type { WireResult } from '../../shared/ipc-contract.js';
import { useSyncRun } from '../../renderer/src/screens/sync/use-sync-run.js';
import { answerRuns, progressEvent, runningSummary as running, runSummary } from '../helpers/fake-barsy-api.js';
import { setUpRenderer } from './harness.js';
import { during } from './render.js';

const h = setUpRenderer({ events: true });
let stored: RunSummary[];

beforeEach(() => {
  stored = [runSummary({ runId: 4 })];
  answerRuns(h.api, () => stored);
  h.api.answer('sync:cancel', () => ({ ok: true, value: { ok: true } }));
});

/** Every view the screen rendered, in order: a view shown for one render only still counts. */
let seen: string[] = [];

async function mount() {
  seen = [];
  const r = await h.mount(() => {
    const run = useSyncRun();
    seen.push(run.view.kind === 'finished' ? `finished:${run.view.summary.status}` : run.view.kind);
    return run;
  });
  return r.result;
}

describe('the sync screen on the run model', () => {
  it('is idle with the last real run, and starts a run that it follows through progress to its end', async () => {
    stored = [runSummary({ runId: 4 }), runSummary({ runId: 5, dryRun: true })];
    const result = await mount();
    expect(result.current.view).toMatchObject({ kind: 'idle', last: { runId: 4 } });

    h.api.answer('sync:start', () => {
      stored.push(running(6));
      return { ok: true, value: { runId: 6 } };
    });
    await during(() => result.current.start());
    expect(result.current.view).toMatchObject({ kind: 'running', runId: 6, progress: null });
    await during(() => h.api.emit('sync:progress', progressEvent(6, 3)));
    expect(result.current.view).toMatchObject({ kind: 'running', runId: 6, progress: { done: 3 } });

    const end = runSummary({ runId: 6 });
    stored[2] = end;
    await during(() => h.api.emit('sync:finished', end));
    expect(result.current.view).toEqual({ kind: 'finished', summary: end });
    expect(result.current.emailPending).toBe(true);
    await during(() => h.api.emit('report:status', { runId: 6, reportEmail: { status: 'sent', to: 'a@abv.bg', sentAt: end.finishedAt, error: null } }));
    expect(result.current.emailPending).toBe(false);

    await during(() => result.current.reset());
    expect(result.current.view).toMatchObject({ kind: 'idle', last: { runId: 6, status: 'completed' } });
  });

  it('shows the end of a run that finished before sync:start answered', async () => {
    const result = await mount();
    const end = runSummary({ runId: 7, counts: { ...runSummary({ runId: 7 }).counts, created: 1 } });
    h.api.answer('sync:start', () => {
      h.api.emit('sync:progress', progressEvent(7, 1, 'preflight'));
      stored.push(end);
      h.api.emit('sync:finished', end);
      return { ok: true, value: { runId: 7 } };
    });
    await during(() => result.current.start());
    expect(result.current.view).toEqual({ kind: 'finished', summary: end });
  });

  it('a resumed run keeps its id: it shows running, not how it ended before', async () => {
    stored = [runSummary({ runId: 4, status: 'cancelled' })];
    const result = await mount();
    expect(result.current.view).toMatchObject({ kind: 'idle', last: { runId: 4, status: 'cancelled' } });

    h.api.answer('sync:resume', () => {
      stored[0] = running(4);
      return { ok: true, value: { runId: 4 } };
    });
    seen = [];
    await during(() => result.current.resume(4));
    expect(result.current.view).toMatchObject({ kind: 'running', runId: 4 });
    // Not even for one render does the old end show once the resume is asked for.
    expect(seen.filter((v) => v !== 'running')).toEqual([]);
    await during(() => result.current.cancel());
    expect(result.current.view).toMatchObject({ kind: 'running', runId: 4, cancelling: true });
    const end = runSummary({ runId: 4, status: 'cancelled' });
    await during(() => h.api.emit('sync:finished', end));
    expect(result.current.view).toEqual({ kind: 'finished', summary: end });
  });

  it('a refused start shows the error and the screen stays as it was', async () => {
    const result = await mount();
    h.api.answer('sync:start', () => ({ ok: false, error: { code: 'report_email_missing', params: {} } }));
    await during(() => result.current.start());
    expect(result.current.error).toEqual({ code: 'report_email_missing', params: {} });
    expect(result.current.view).toMatchObject({ kind: 'idle', last: { runId: 4 } });
  });

  it('a run going on when the screen opens is followed to its end without asking main again', async () => {
    vi.useFakeTimers();
    stored = [runSummary({ runId: 4 }), running(5)];
    const result = await mount();
    expect(result.current.view).toMatchObject({ kind: 'running', runId: 5 });
    const asked = h.api.calls.length;
    await during(async () => void (await vi.advanceTimersByTimeAsync(5 * 60_000)));
    expect(h.api.calls.length).toBe(asked);
    expect(h.api.callsTo('runs:get')).toBeLessThanOrEqual(1);
    const end = runSummary({ runId: 5, status: 'failed', error: { code: 'mailchimp_auth', params: {} } });
    await during(() => h.api.emit('sync:finished', end));
    expect(result.current.view).toEqual({ kind: 'finished', summary: end });
    expect(h.api.calls.length).toBe(asked);
  });

  it('when main cannot load the run, its events still carry it to its end', async () => {
    const result = await mount();
    h.api.answer('runs:get', () => ({ ok: false, error: { code: 'db_corrupt', params: {} } }));
    h.api.answer('sync:start', () => ({ ok: true, value: { runId: 9 } }));
    await during(() => result.current.start());
    expect(result.current.error).toEqual({ code: 'db_corrupt', params: {} });
    await during(() => h.api.emit('sync:progress', progressEvent(9, 2)));
    expect(result.current.view).toMatchObject({ kind: 'running', runId: 9, progress: { done: 2 } });
    const end = runSummary({ runId: 9 });
    await during(() => h.api.emit('sync:finished', end));
    expect(result.current.view).toEqual({ kind: 'finished', summary: end });
  });

  it('while sync:start is on its way the screen shows a run starting', async () => {
    const result = await mount();
    let answer: (r: WireResult<'sync:start'>) => void = () => undefined;
    h.api.answer('sync:start', () => new Promise((resolve) => (answer = resolve)));
    let started: Promise<void> = Promise.resolve();
    await during(() => void (started = result.current.start()));
    expect(result.current.view).toEqual({ kind: 'running', runId: null, progress: null, cancelling: false });
    stored.push(running(8));
    await during(() => answer({ ok: true, value: { runId: 8 } }));
    await started;
    expect(result.current.view).toMatchObject({ kind: 'running', runId: 8 });
  });
});
