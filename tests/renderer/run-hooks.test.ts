// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunSummary } from '../../shared/domain/sync.js';
import type { WireResult } from '../../shared/ipc-contract.js';
import { useRun, useRunItems, useRunProgress, useRuns } from '../../renderer/src/api/runs.js';
import { answerRuns, progressEvent, runningSummary, runSummary } from '../helpers/fake-barsy-api.js';
import { setUpRenderer } from './harness.js';
import { during } from './render.js';

const h = setUpRenderer({ events: true });
/** Main's runs as the fake answers them; tests change this list as main's state changes. */
let stored: RunSummary[];

beforeEach(() => {
  stored = [runSummary({ runId: 7 }), runningSummary(8)];
  answerRuns(h.api, () => stored);
});

async function mount<T>(hook: () => T) {
  return (await h.mount(hook)).result;
}

describe('run hooks: one model of a run, kept current by pushed events', () => {
  it('load once and never ask main again on their own, however long a run goes on', async () => {
    vi.useFakeTimers();
    const result = await mount(() => ({ runs: useRuns(), run: useRun(8), progress: useRunProgress(8) }));
    expect(result.current.runs.data?.map((r) => r.runId)).toEqual([8, 7]);
    expect(result.current.run.data?.status).toBe('running');
    expect(h.api.callsTo('runs:list')).toBe(1);
    expect(h.api.callsTo('runs:get')).toBe(1);

    await during(async () => void (await vi.advanceTimersByTimeAsync(10 * 60_000)));
    expect(h.api.callsTo('runs:list')).toBe(1);
    expect(h.api.callsTo('runs:get')).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('show progress, the end of a run and its report email from events alone', async () => {
    const result = await mount(() => ({ runs: useRuns(), run: useRun(8), progress: useRunProgress(8) }));
    const callsBefore = h.api.calls.length;
    expect(result.current.progress).toBeNull();

    await during(() => h.api.emit('sync:progress', progressEvent(8, 4)));
    expect(result.current.progress?.done).toBe(4);
    expect(result.current.run.data?.status).toBe('running');

    const end = runSummary({ runId: 8, status: 'completed', counts: { ...runSummary({ runId: 8 }).counts, created: 6 } });
    await during(() => h.api.emit('sync:finished', end));
    expect(result.current.run.data).toEqual(end);
    expect(result.current.runs.data?.find((r) => r.runId === 8)).toEqual(end);
    expect(result.current.progress).toBeNull();

    const sent = { status: 'sent' as const, to: 'owner@abv.bg', sentAt: '2026-12-01T10:07:00.000Z', error: null };
    await during(() => h.api.emit('report:status', { runId: 8, reportEmail: sent }));
    expect(result.current.run.data?.reportEmail).toEqual(sent);
    expect(result.current.runs.data?.find((r) => r.runId === 8)?.reportEmail).toEqual(sent);
    expect(h.api.calls.length).toBe(callsBefore);
  });

  it('a resumed run (same id) shows running again on its first progress event', async () => {
    stored = [runSummary({ runId: 7, status: 'cancelled' })];
    const result = await mount(() => ({ runs: useRuns(), run: useRun(7) }));
    expect(result.current.run.data?.status).toBe('cancelled');
    await during(() => h.api.emit('sync:progress', progressEvent(7, 1, 'preflight')));
    expect(result.current.run.data?.status).toBe('running');
    expect(result.current.runs.data?.[0]?.status).toBe('running');
    expect(result.current.run.data?.finishedAt).toBeNull();
  });

  it('a step reported after the end does not reopen the run; a new start of it (resume) does', async () => {
    const result = await mount(() => ({ run: useRun(8), progress: useRunProgress(8) }));
    const end = runSummary({ runId: 8, status: 'cancelled' });
    await during(() => h.api.emit('sync:finished', end));
    // A write still settling when the run was stopped reports once more.
    await during(() => h.api.emit('sync:progress', progressEvent(8, 9, 'pushing')));
    expect(result.current.run.data).toEqual(end);
    expect(result.current.progress).toBeNull();
    await during(() => h.api.emit('sync:progress', progressEvent(8, 0, 'preflight')));
    expect(result.current.run.data?.status).toBe('running');
    expect(result.current.progress?.phase).toBe('preflight');
  });

  it('learn of a run started elsewhere from its first event, with one load of the list', async () => {
    const result = await mount(() => useRuns());
    expect(h.api.callsTo('runs:list')).toBe(1);
    stored = [...stored, runningSummary(9)];
    await during(() => h.api.emit('sync:progress', progressEvent(9, 1)));
    expect(result.current.data?.map((r) => r.runId)).toEqual([9, 8, 7]);
    await during(() => h.api.emit('sync:progress', progressEvent(9, 2)));
    await during(() => h.api.emit('sync:progress', progressEvent(9, 3)));
    expect(h.api.callsTo('runs:list')).toBe(2);
  });

  it('a load answered after the run ended does not bring back the state from before the end', async () => {
    let answer: (r: WireResult<'runs:get'>) => void = () => undefined;
    const running = runningSummary(8);
    h.api.answer('runs:get', () => new Promise((resolve) => (answer = resolve)));
    const result = await mount(() => useRun(8));
    expect(result.current.data).toBeNull();

    const end = runSummary({ runId: 8, status: 'completed' });
    await during(() => h.api.emit('sync:finished', end));
    stored[1] = end;
    answerRuns(h.api, () => stored);
    // The first load now answers with what main had before the end.
    await during(() => answer({ ok: true, value: { summary: running, total: 0, items: [] } }));
    expect(result.current.data?.status).toBe('completed');
    expect(h.api.callsTo('runs:get')).toBe(2);
  });

  it('reload the clients a screen shows of a run when that run ends, not before', async () => {
    vi.useFakeTimers();
    const result = await mount(() => useRunItems(8, 'failed', 5));
    expect(h.api.calls.filter((c) => c.channel === 'runs:get')).toEqual([{ channel: 'runs:get', request: { runId: 8, outcome: 'failed', limit: 5 } }]);
    expect(result.current.data).toEqual([]);
    await during(async () => void (await vi.advanceTimersByTimeAsync(60_000)));
    await during(() => h.api.emit('sync:progress', progressEvent(8, 5)));
    expect(h.api.callsTo('runs:get')).toBe(1);
    await during(() => h.api.emit('sync:finished', runSummary({ runId: 8, status: 'completed' })));
    expect(h.api.callsTo('runs:get')).toBe(2);
  });

  it('an error of main reaches the screen as an AppError, never thrown', async () => {
    const result = await mount(() => useRun(99));
    expect(result.current.data).toBeNull();
    expect(result.current.error).toEqual({ code: 'run_not_found', params: { runId: 99 } });
    expect(result.current.loading).toBe(false);
  });

  it('stop listening when the app asks (no events reach the cache after)', async () => {
    const result = await mount(() => useRunProgress(8));
    h.stopEvents();
    expect(h.api.listeners('sync:progress') + h.api.listeners('sync:finished') + h.api.listeners('report:status')).toBe(0);
    await during(() => h.api.emit('sync:progress', progressEvent(8, 4)));
    expect(result.current).toBeNull();
  });
});
