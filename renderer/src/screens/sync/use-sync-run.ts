import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../../shared/domain/app-error.js';
import type { RunSummary, SyncProgress } from '../../../../shared/domain/sync.js';
import { call, subscribe } from '../../api/client.js';

export type SyncView =
  | { kind: 'loading' }
  | { kind: 'idle'; last: RunSummary | null }
  | { kind: 'running'; runId: number | null; progress: SyncProgress | null; cancelling: boolean }
  | { kind: 'finished'; summary: RunSummary };

type Starter = () => Promise<{ ok: true; value: { runId: number } } | { ok: false; error: AppError }>;

/** About a minute of polls for the report email (SMTP timeouts are shorter). */
const EMAIL_POLLS = 40;

const RESUMABLE = new Set(['cancelled', 'interrupted', 'failed']);

/** Whether a stopped run can be continued where it stopped. */
export function canResume(summary: RunSummary | null): boolean {
  return !!summary && !summary.dryRun && RESUMABLE.has(summary.status);
}

/**
 * The life of one sync as the screen sees it: start, progress events, cancel, resume, finish. Events
 * are the fast path; a slow poll of the run covers a dropped event connection.
 */
export function useSyncRun(onFinished: (s: RunSummary) => void) {
  const [view, setView] = useState<SyncView>({ kind: 'loading' });
  const [error, setError] = useState<AppError | null>(null);
  const finished = useRef(new Map<number, RunSummary>());
  const viewRef = useRef(view);
  viewRef.current = view;
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;

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

  // The report email goes out after the run ends: follow the run until its email status settles.
  const awaitingEmail =
    view.kind === 'finished' && view.summary.status === 'completed' && !view.summary.dryRun && view.summary.reportEmail.status === 'not_sent'
      ? view.summary.runId
      : null;
  useEffect(() => {
    if (awaitingEmail === null) return;
    let tries = 0;
    const timer = setInterval(async () => {
      tries += 1;
      const res = await call('runs:get', { runId: awaitingEmail, limit: 1 });
      const settled = res.ok && res.value.summary.reportEmail.status !== 'not_sent';
      if (settled || tries >= EMAIL_POLLS) {
        clearInterval(timer);
        if (res.ok) setView((v) => (v.kind === 'finished' && v.summary.runId === awaitingEmail ? { kind: 'finished', summary: res.value.summary } : v));
      }
    }, 1500);
    return () => clearInterval(timer);
  }, [awaitingEmail]);

  const start = useCallback(() => begin(() => call('sync:start', { dryRun: false })), [begin]);
  const resume = useCallback((runId: number) => begin(() => call('sync:resume', { runId })), [begin]);
  const cancel = useCallback(async () => {
    const v = viewRef.current;
    if (v.kind !== 'running' || v.runId === null) return;
    setView({ ...v, cancelling: true });
    const res = await call('sync:cancel', { runId: v.runId });
    if (!res.ok) setError(res.error);
  }, []);
  const reset = useCallback((last: RunSummary | null) => setView({ kind: 'idle', last }), []);

  return { view, error, start, resume, cancel, reset, emailPending: awaitingEmail !== null };
}
