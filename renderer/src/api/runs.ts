import { skipToken, useQuery, type QueryClient } from '@tanstack/react-query';
import type { AppError } from '../../../shared/domain/app-error.js';
import type { Outcome, RunItem, RunSummary, SyncProgress } from '../../../shared/domain/sync.js';
import { appErrorOf, load } from './query-client.js';

/**
 * The renderer's one model of a run. Every screen reads runs from these query keys; `run-events.ts`
 * writes main's pushed events into them (progress, the end of a run, the report email), so nothing
 * asks main again and again while a run goes on.
 */
export const runKeys = {
  all: ['runs'] as const,
  list: ['runs', 'list'] as const,
  summary: (runId: number) => ['runs', 'summary', runId] as const,
  progress: (runId: number) => ['runs', 'progress', runId] as const,
  items: (runId: number) => ['runs', 'items', runId] as const,
};

type Loaded<T> = { data: T | null; error: AppError | null; loading: boolean };

/**
 * Pushed events counted so far. A load that was in flight while one arrived may carry the state from
 * before it, so it asks once more instead of overwriting what the event said (bounded: events are
 * rare at the end of a run, and the cache is patched by every later event anyway).
 */
let eventCount = 0;

/** Marks that the cache now holds something newer than a load already on its way. */
export function noteRunEvent(): void {
  eventCount++;
}

async function freshAfterEvents<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const seen = eventCount;
    const value = await read();
    if (eventCount === seen || attempt === 2) return value;
  }
}

function loaded<T>(q: { data: T | undefined; error: unknown; isPending: boolean; isFetching: boolean }, enabled = true): Loaded<T> {
  return { data: q.data ?? null, error: appErrorOf(q.error), loading: enabled && (q.isPending || q.isFetching) };
}

/** Every run, newest first (as main lists them). */
export function useRuns(): Loaded<RunSummary[]> {
  const q = useQuery({ queryKey: runKeys.list, queryFn: () => freshAfterEvents(() => load('runs:list', {})) });
  return loaded(q);
}

/** One run's summary; `null` follows no run. */
export function useRun(runId: number | null): Loaded<RunSummary> {
  const q = useQuery({
    queryKey: runKeys.summary(runId ?? -1),
    queryFn: runId === null ? skipToken : () => freshAfterEvents(async () => (await load('runs:get', { runId, limit: 1 })).summary),
  });
  return loaded(q, runId !== null);
}

/** The latest `sync:progress` of a run while it goes on; only events fill it, it is never loaded. */
export function useRunProgress(runId: number | null): SyncProgress | null {
  const q = useQuery<SyncProgress>({ queryKey: runKeys.progress(runId ?? -1), queryFn: skipToken });
  return runId === null ? null : (q.data ?? null);
}

/** A few of a run's clients with one outcome (e.g. the failed ones for Home); reloaded when the run ends. */
export function useRunItems(runId: number | null, outcome: Outcome, limit: number): Loaded<RunItem[]> {
  const q = useQuery({
    queryKey: [...runKeys.items(runId ?? -1), outcome, limit],
    queryFn: runId === null ? skipToken : async () => (await load('runs:get', { runId, outcome, limit })).items,
  });
  return loaded(q, runId !== null);
}

/** The newest real (not dry) run of a list, or null. */
export function latestRealRun(runs: readonly RunSummary[] | null): RunSummary | null {
  let latest: RunSummary | null = null;
  for (const r of runs ?? []) if (!r.dryRun && (!latest || r.runId > latest.runId)) latest = r;
  return latest;
}

/** Puts a whole summary (from `sync:finished` or an action's answer) where every screen reads it. */
export function putRunSummary(client: QueryClient, summary: RunSummary): void {
  noteRunEvent();
  client.setQueryData<RunSummary>(runKeys.summary(summary.runId), summary);
  client.setQueryData<RunSummary[]>(runKeys.list, (list) => list?.map((r) => (r.runId === summary.runId ? summary : r)));
}

/**
 * Changes part of a run everywhere it is cached; false when the list does not know the run yet.
 * `newer: false` for progress, which streams all run long: a load is not asked again for each step.
 */
export function patchRun(client: QueryClient, runId: number, patch: (r: RunSummary) => RunSummary, newer = true): boolean {
  if (newer) noteRunEvent();
  client.setQueryData<RunSummary>(runKeys.summary(runId), (s) => (s ? patch(s) : s));
  let known = false;
  client.setQueryData<RunSummary[]>(runKeys.list, (list) =>
    list?.map((r) => {
      if (r.runId !== runId) return r;
      known = true;
      return patch(r);
    }),
  );
  return known;
}

/** A run taken up again: it runs from now on (its id stays, so its old end must not show). */
export function markRunning(r: RunSummary): RunSummary {
  return { ...r, status: 'running', finishedAt: null, durationMs: null, error: null, resumable: false };
}
