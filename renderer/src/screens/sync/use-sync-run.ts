import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { AppError } from '../../../../shared/domain/app-error.js';
import type { RunSummary, SyncProgress } from '../../../../shared/domain/sync.js';
import { call } from '../../api/client.js';
import { latestRealRun, markRunning, patchRun, runKeys, useRun, useRunProgress, useRuns } from '../../api/runs.js';

export type SyncView =
  | { kind: 'loading' }
  | { kind: 'idle'; last: RunSummary | null }
  | { kind: 'running'; runId: number | null; progress: SyncProgress | null; cancelling: boolean }
  | { kind: 'finished'; summary: RunSummary };

type Starter = () => Promise<{ ok: true; value: { runId: number } } | { ok: false; error: AppError }>;

/**
 * The sync screen's view of the run model: which run it shows (the one started or resumed here, or
 * one found running), and that run as the cache holds it — progress and the end arrive as events
 * (`api/run-events.ts`), the report email status too. Nothing here polls.
 */
export function useSyncRun() {
  const client = useQueryClient();
  const runs = useRuns();
  const [shownId, setShownId] = useState<number | null>(null);
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState<number | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const last = latestRealRun(runs.data);
  const shown = useRun(shownId);
  const progress = useRunProgress(shownId);

  // A run going on when the screen opens (or started elsewhere, which the list learns from its events) is shown.
  const adopt = shownId === null && !starting && last?.status === 'running' ? last.runId : null;
  useEffect(() => {
    if (adopt !== null) setShownId(adopt);
  }, [adopt]);

  const begin = useCallback(
    async (start: Starter, onFailure: () => void) => {
      setError(null);
      setCancelling(null);
      setStarting(true);
      const res = await start();
      setStarting(false);
      if (res.ok) return setShownId(res.value.runId);
      setError(res.error);
      onFailure();
    },
    [],
  );

  const start = useCallback(
    () =>
      begin(
        () => call('sync:start', { dryRun: false }),
        () => void client.invalidateQueries({ queryKey: runKeys.list }),
      ),
    [begin, client],
  );
  const resume = useCallback(
    (runId: number) => {
      // The resumed run keeps its id: from now on it runs, whatever the cache said about how it ended.
      patchRun(client, runId, markRunning);
      return begin(
        () => call('sync:resume', { runId }),
        () => void client.invalidateQueries({ queryKey: runKeys.all }),
      );
    },
    [begin, client],
  );
  const cancel = useCallback(async () => {
    if (shownId === null) return;
    setCancelling(shownId);
    const res = await call('sync:cancel', { runId: shownId });
    if (!res.ok) setError(res.error);
  }, [shownId]);
  const reset = useCallback(() => setShownId(null), []);

  const summary = shown.data ?? runs.data?.find((r) => r.runId === shownId) ?? null;
  let view: SyncView;
  if (starting) view = { kind: 'running', runId: null, progress: null, cancelling: false };
  else if (shownId !== null && summary && summary.status !== 'running') view = { kind: 'finished', summary };
  // Until its summary loads (or if loading it fails) the run shows what its events say.
  else if (shownId !== null) view = { kind: 'running', runId: shownId, progress, cancelling: cancelling === shownId };
  else if (runs.loading && !runs.data) view = { kind: 'loading' };
  else view = { kind: 'idle', last };

  // The report email goes out after the run ends: its status arrives as a `report:status` event.
  const emailPending = view.kind === 'finished' && view.summary.status === 'completed' && !view.summary.dryRun && view.summary.reportEmail.status === 'not_sent';

  return { view, error: error ?? shown.error, start, resume, cancel, reset, emailPending };
}
