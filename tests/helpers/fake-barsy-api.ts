import type { RunSummary, SyncProgress } from '../../shared/domain/sync.js';
import { sampleRunSummary } from './electron/samples.js';
import type { BarsyApi, ChannelName, EventName, EventOf, RequestOf, WireResult } from '../../shared/ipc-contract.js';

type Answer<C extends ChannelName> = (request: RequestOf<C>) => WireResult<C> | Promise<WireResult<C>>;

/**
 * A `window.barsy` for renderer unit tests: answers calls from per-channel functions, records every
 * call, and pushes events on demand, exactly as the preload and the browser bridge deliver them.
 * (The Electron IPC and the bridge's HTTP/WebSocket carriers have their own tests.)
 */
export type FakeBarsyApi = BarsyApi & {
  calls: Array<{ channel: ChannelName; request: unknown }>;
  answer<C extends ChannelName>(channel: C, fn: Answer<C>): void;
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
  /** How many listeners an event has now (the app should subscribe once). */
  listeners(event: EventName): number;
  callsTo(channel: ChannelName): number;
};

/** Creates the fake; unanswered channels fail as `internal`, as a missing handler would. */
export function createFakeBarsyApi(): FakeBarsyApi {
  const answers = new Map<ChannelName, Answer<ChannelName>>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: FakeBarsyApi['calls'] = [];
  return {
    calls,
    answer(channel, fn) {
      answers.set(channel, fn as unknown as Answer<ChannelName>);
    },
    async invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<WireResult<C>> {
      calls.push({ channel, request });
      const fn = answers.get(channel);
      if (!fn) return { ok: false, error: { code: 'internal', params: { channel } } };
      return (await fn(request as RequestOf<ChannelName>)) as WireResult<C>;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => void set.delete(l);
    },
    emit(event, payload) {
      for (const l of [...(listeners.get(event) ?? [])]) l(payload);
    },
    // Exports are not what these tests are about: saving answers as a missing handler would.
    saveFile: async () => ({ ok: false, error: { code: 'internal', params: {} } }),
    listeners: (event) => listeners.get(event)?.size ?? 0,
    callsTo: (channel) => calls.filter((c) => c.channel === channel).length,
  };
}

/** A run summary as main sends it, its report email not sent yet; `over` changes what a test is about. */
export function runSummary(over: Partial<RunSummary> & { runId: number }): RunSummary {
  const stopped = over.status === 'cancelled' || over.status === 'interrupted' || over.status === 'failed';
  return sampleRunSummary({
    counts: { clients: 10, eligible: 8, created: 5, updated: 2, unchanged: 1, skipped: 2, keptStatus: 0, failed: 0 },
    reportEmail: { status: 'not_sent', to: null, sentAt: null, error: null },
    resumable: stopped && over.dryRun !== true,
    ...over,
  });
}

/** A summary of a run still going on. */
export const runningSummary = (runId: number): RunSummary => runSummary({ runId, status: 'running', finishedAt: null, durationMs: null });

/** Answers `runs:list` (newest first) and `runs:get` from main's runs as `runs()` gives them at the time of the call. */
export function answerRuns(api: FakeBarsyApi, runs: () => RunSummary[]): void {
  api.answer('runs:list', () => ({ ok: true, value: [...runs()].sort((a, b) => b.runId - a.runId) }));
  api.answer('runs:get', ({ runId }) => {
    const summary = runs().find((r) => r.runId === runId);
    return summary ? { ok: true, value: { summary, total: 0, items: [] } } : { ok: false, error: { code: 'run_not_found', params: { runId } } };
  });
}

/** A `sync:progress` event of a run. */
export function progressEvent(runId: number, done: number, phase: SyncProgress['phase'] = 'pushing'): SyncProgress {
  return {
    runId,
    phase,
    done,
    total: 10,
    counts: { clients: 10, eligible: 8, created: done, updated: 0, unchanged: 0, skipped: 0, keptStatus: 0, failed: 0 },
    rate: 5,
    etaMs: 1000,
  };
}
