import type { AppContext } from '../context/app-context.js';
import { AppFailure } from '../../shared/domain/app-error.js';
import { deliverRunReport } from './report-delivery.js';
import { emitReportStatus } from '../runs/report-email-status.js';
import { retryPendingReports } from './retry-pending-reports.js';
import { markReportDue, markReportNotRequired, recordAttempt } from '../runs/run-reports-store.js';

/**
 * Emails a completed run's report to `report.email` and records the outcome in `run_reports`.
 * Never throws: a failure (SMTP, missing run, rendering) is recorded as status `failed` with its error,
 * and `retryPendingReports` or "send again" (`report:resend`) tries later. After a successful send,
 * earlier failed reports are retried at once (this is the "next sync" retry).
 */
export async function sendRunReport(ctx: AppContext, runId: number): Promise<void> {
  try {
    markReportDue(ctx.db, runId, ctx.settings.get('report.email') ?? null);
    const error = await deliverRunReport(ctx, runId);
    // The mail server works now: earlier reports that failed go out too, without waiting for their slot.
    if (!error) await retryPendingReports(ctx, { evenIfNotDue: true });
  } catch (err) {
    // Only loading the run can get here; record it so the run shows why it has no email.
    const error = err instanceof AppFailure ? err.appError : { code: 'internal' as const, params: {} };
    if (!(err instanceof AppFailure)) ctx.logger.error(`report of run ${runId} could not be prepared`, err);
    try {
      recordAttempt(ctx.db, runId, { to: ctx.settings.get('report.email') ?? null, ok: false, error, at: new Date(), nextRetryAt: null });
    } catch (dbErr) {
      ctx.logger.error(`report status of run ${runId} could not be recorded`, dbErr);
    }
    emitReportStatus(ctx, runId);
  }
}

/** Records that a run needs no report email (dry run, demo, no address) and tells the UI, which is waiting for it. */
export function recordReportNotRequired(ctx: AppContext, runId: number): void {
  markReportNotRequired(ctx.db, runId);
  emitReportStatus(ctx, runId);
}
