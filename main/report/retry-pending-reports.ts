import type { AppContext } from '../context/app-context.js';
import { deliverRunReport, MAX_AUTO_ATTEMPTS } from './report-delivery.js';
import { listDueRetries } from '../runs/run-reports-store.js';

export type RetrySummary = { tried: number; sent: number; failed: number };

/**
 * Tries again every report email that failed and whose retry time has come (`evenIfNotDue`: every
 * failed one below the attempt cap). Called when the app starts, and by `sendRunReport` after a
 * successful send (the server works again: flush the backlog). Never throws; callers need not await it.
 */
export async function retryPendingReports(ctx: AppContext, opts: { now?: Date; evenIfNotDue?: boolean } = {}): Promise<RetrySummary> {
  const result: RetrySummary = { tried: 0, sent: 0, failed: 0 };
  try {
    const due = listDueRetries(ctx.db, opts.evenIfNotDue ? null : (opts.now ?? new Date()), MAX_AUTO_ATTEMPTS);
    // One at a time: a dead server should cost one timeout per report, not a burst of connections.
    for (const row of due) {
      result.tried += 1;
      try {
        const error = await deliverRunReport(ctx, row.runId);
        if (error) result.failed += 1;
        else result.sent += 1;
      } catch (err) {
        result.failed += 1;
        ctx.logger.warn(`report of run ${row.runId} could not be retried`, err);
      }
    }
  } catch (err) {
    ctx.logger.error('retrying report emails failed', err);
  }
  return result;
}
