import type { AppContext } from '../context/app-context.js';
import type { Db } from '../db/open-database.js';
import type { RunSummary } from '../../shared/domain/sync.js';
import { getRunReport, type RunReportRow } from './run-reports-store.js';

/**
 * Where a run's report email stands, for `RunSummary.reportEmail`. A run with no row yet reports
 * `not_sent` (the engine marks dry runs and demo runs `not_required` via `markReportNotRequired`).
 */
export function getReportEmailStatus(db: Db, runId: number): RunSummary['reportEmail'] {
  return reportEmailOf(getRunReport(db, runId));
}

/** A run's `reportEmail` from its report row (none yet: not sent). */
export function reportEmailOf(row: RunReportRow | undefined): RunSummary['reportEmail'] {
  if (!row) return { status: 'not_sent', to: null, sentAt: null, error: null };
  return { status: row.status, to: row.to, sentAt: row.sentAt, error: row.error };
}

/**
 * Tells the UI (event `report:status`) where a run's email stands now: `sync:finished` goes out before
 * the email, so the screens learn the outcome from this instead of asking again. Never throws.
 */
export function emitReportStatus(ctx: AppContext, runId: number): void {
  try {
    ctx.events.emit('report:status', { runId, reportEmail: getReportEmailStatus(ctx.db, runId) });
  } catch (err) {
    ctx.logger.warn(`report status of run ${runId} could not be announced`, err);
  }
}
