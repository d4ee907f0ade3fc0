import type { QueryClient } from '@tanstack/react-query';
import { subscribe } from './client.js';
import { markRunning, patchRun, putRunSummary, runKeys } from './runs.js';
import { notifySyncEnd } from './sync-notification.js';

/**
 * The one place that listens to what main pushes about runs (after Actual Budget's `sync-events.ts`):
 * subscribed once for the whole app, it writes every event into the run model's query keys, and the
 * screens re-render from there. Nothing polls; a run the cache does not know yet is loaded once.
 *
 * - `sync:progress` → the run's progress; its summary shows it running (a resumed run keeps its id).
 *   After a run's end, only a new start of it (`preflight`, a resume) counts: a write still settling
 *   when the run was stopped may report once more after `sync:finished`, and must not reopen it.
 * - `sync:finished` → the run's final summary everywhere; its clients are read again; the end-of-sync
 *   notification (only in the browser test bridge: in the app, main shows it).
 * - `report:status` → the run's report email status in place.
 */
export function listenForRunEvents(client: QueryClient): () => void {
  const ended = new Set<number>();
  const offs = [
    subscribe('sync:progress', (p) => {
      if (ended.has(p.runId)) {
        if (p.phase !== 'preflight') return;
        ended.delete(p.runId);
      }
      client.setQueryData(runKeys.progress(p.runId), p);
      // The final `done` step arrives just before `sync:finished`: the end is that event's to show.
      const known = p.phase === 'done' || patchRun(client, p.runId, (r) => (r.status === 'running' ? r : markRunning(r)), false);
      // A load already on its way is kept (not restarted at every step); if it misses the run, the next step asks again.
      if (!known) void client.invalidateQueries({ queryKey: runKeys.list }, { cancelRefetch: false });
    }),
    subscribe('sync:finished', (summary) => {
      ended.add(summary.runId);
      const inList = client.getQueryData<Array<{ runId: number }>>(runKeys.list)?.some((r) => r.runId === summary.runId);
      putRunSummary(client, summary);
      void client.resetQueries({ queryKey: runKeys.progress(summary.runId), exact: true });
      if (inList === false) void client.invalidateQueries({ queryKey: runKeys.list });
      void client.invalidateQueries({ queryKey: runKeys.items(summary.runId) });
      notifySyncEnd(summary);
    }),
    subscribe('report:status', ({ runId, reportEmail }) => {
      patchRun(client, runId, (r) => ({ ...r, reportEmail }));
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
