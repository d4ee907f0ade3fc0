import { useCallback, useEffect, useState } from 'react';
import type { RunSummary } from '../../../shared/domain/sync.js';
import { subscribe } from './client.js';

type ReportEmail = RunSummary['reportEmail'];

export type LiveReportEmails = {
  /** The run with the report email status main last pushed for it, if one came since the screen opened. */
  apply<T extends { runId: number; reportEmail: ReportEmail }>(run: T): T;
  /** Drops what is known about a run (a resumed run keeps its id; its email is decided anew). */
  forget(runId: number): void;
};

/**
 * Report email statuses as main pushes them (`report:status`, after every send attempt and when a run
 * needs none): the email goes out after `sync:finished`, and the screens follow it without polling.
 */
export function useLiveReportEmails(): LiveReportEmails {
  const [byRun, setByRun] = useState<ReadonlyMap<number, ReportEmail>>(() => new Map());
  useEffect(() => subscribe('report:status', (e) => setByRun((m) => new Map(m).set(e.runId, e.reportEmail))), []);
  const apply = useCallback(
    <T extends { runId: number; reportEmail: ReportEmail }>(run: T): T => {
      const live = byRun.get(run.runId);
      return live ? { ...run, reportEmail: live } : run;
    },
    [byRun],
  );
  const forget = useCallback((runId: number) => {
    setByRun((m) => {
      if (!m.has(runId)) return m;
      const next = new Map(m);
      next.delete(runId);
      return next;
    });
  }, []);
  return { apply, forget };
}
