import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../../shared/domain/app-error.js';
import type { RunSummary, SyncProgress } from '../../../../shared/domain/sync.js';
import { call, subscribe } from '../../api/client.js';
import { useLiveReportEmails } from '../../api/use-report-status.js';

export type SyncView =
  | { kind: 'loading' }
  | { kind: 'idle'; last: RunSummary | null }
  | { kind: 'running'; runId: number | null; progress: SyncProgress | null; cancelling: boolean }
  | { kind: 'finished'; summary: RunSummary };

type Starter = () => Promise<{ ok: true; value: { runId: number } } | { ok: false; error: AppError }>;

const RESUMABLE = new Set(['cancelled', 'interrupted', 'failed']);

/** Whether a stopped run can be continued where it stopped. */
export function canResume(summary: RunSummary | null): boolean {
  return !!summary && !summary.dryRun && RESUMABLE.has(summary.status);
}

/**
 * The life of one sync as the screen sees it: start, progress events, cancel, resume, finish, then the
 * report email (`report:status`). Events are the fast path; a slow poll of a running run covers a
 * dropped event connection.
 */
export function useSyncRun(onFinished: (s: RunSummary) => void) {
  const [view, setView] = useState<SyncView>({ kind: 'loading' });
  const [error, setError] = useState<AppError | null>(null);
  const finished = useRef(new Map<number, RunSummary>());
  const viewRef = useRef(view);
  viewRef.current = view;
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;
  const emails = useLiveReportEmails();
  const forgetEmail = emails.forget;

  const finish = useCallback((s: RunSummary) => {
    finished.current.set(s.runId, s);
    const v = viewRef.current;
    if (v.kind === 'running' && (v.runId === null || v.runId === s.runId)) {
      setView({ kind: 'finished', summary: s });
      onFinishedRef.current(s);
    }
  }, []);

  useEffect(() => {
    void call('runs:list', {}).then((res) => {
      if (!res.ok) return setView({ kind: 'idle', last: null });
      const real = res.value.filter((r) => !r.dryRun).sort((a, b) => b.runId - a.runId);
      const last = real[0] ?? null;
      if (last?.status === 'running') setView({ kind: 'running', runId: last.runId, progress: null, cancelling: false });
      else setView({ kind: 'idle', last });
    });
    const offProgress = subscribe('sync:progress', (p) => {
      setView((v) => {
        if (v.kind === 'running' && (v.runId === null || v.runId === p.runId)) return { ...v, runId: p.runId, progress: p };
        if (v.kind !== 'running' && !finished.current.has(p.runId) && p.phase !== 'done') return { kind: 'running', runId: p.runId, progress: p, cancelling: false };
        return v;
      });
    });
    const offFinished = subscribe('sync:finished', finish);
    return () => {
      offProgress();
      offFinished();
    };
  }, [finish]);

  // Safety net for a lost event: ask for the run's state every few seconds while it runs.
  const runningId = view.kind === 'running' ? view.runId : null;
  useEffect(() => {
    if (runningId === null) return;
    const timer = setInterval(async () => {
      const res = await call('runs:get', { runId: runningId, limit: 1 });
      if (res.ok && res.value.summary.status !== 'running') finish(res.value.summary);
    }, 3000);
    return () => clearInterval(timer);
  }, [runningId, finish]);

  const begin = useCallback(
    async (request: Starter) => {
      setError(null);
      // A resumed run keeps its id: forget how it ended before, or its old end would end the new start.
      finished.current.clear();
      setView({ kind: 'running', runId: null, progress: null, cancelling: false });
      const res = await request();
      if (!res.ok) {
        setError(res.error);
        const last = await call('runs:list', {});
        setView({ kind: 'idle', last: last.ok ? (last.value.filter((r) => !r.dryRun).sort((a, b) => b.runId - a.runId)[0] ?? null) : null });
        return;
      }
      const done = finished.current.get(res.value.runId);
      setView((v) => (v.kind === 'running' ? { ...v, runId: res.value.runId } : v));
      if (done) {
        viewRef.current = { kind: 'running', runId: res.value.runId, progress: null, cancelling: false };
        finish(done);
      }
    },
    [finish],
  );

  // The report email goes out after the run ends: its status arrives as a `report:status` event.
  const shown: SyncView = view.kind === 'finished' ? { kind: 'finished', summary: emails.apply(view.summary) } : view;
  const emailPending =
    shown.kind === 'finished' && shown.summary.status === 'completed' && !shown.summary.dryRun && shown.summary.reportEmail.status === 'not_sent';

  const start = useCallback(() => begin(() => call('sync:start', { dryRun: false })), [begin]);
  const resume = useCallback(
    (runId: number) => {
      // The resumed run keeps its id: the email status of how it ended before does not apply any more.
      forgetEmail(runId);
      return begin(() => call('sync:resume', { runId }));
    },
    [begin, forgetEmail],
  );
  const cancel = useCallback(async () => {
    const v = viewRef.current;
    if (v.kind !== 'running' || v.runId === null) return;
    setView({ ...v, cancelling: true });
    const res = await call('sync:cancel', { runId: v.runId });
    if (!res.ok) setError(res.error);
  }, []);
  const reset = useCallback((last: RunSummary | null) => setView({ kind: 'idle', last }), []);

  return { view: shown, error, start, resume, cancel, reset, emailPending };
}
