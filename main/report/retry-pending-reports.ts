import type { AppContext } from '../context/app-context.js';
import { MAX_AUTO_ATTEMPTS, tryDeliverRunReport } from './report-delivery.js';
import { listDueRetries } from '../runs/run-reports-store.js';

export type RetrySummary = { tried: number; sent: number; failed: number };

/**
 * Tries again every report email that failed and whose retry time has come (`evenIfNotDue`: every
 * failed one below the attempt cap). Called when the app starts, every few minutes while it is open
 * (`startReportRetryTimer`), by a CLI sync, and by `sendRunReport` after a successful send (the server
 * works again: flush the backlog). Never throws; callers need not await it.
 */
export async function retryPendingReports(ctx: AppContext, opts: { now?: Date; evenIfNotDue?: boolean } = {}): Promise<RetrySummary> {
  const result: RetrySummary = { tried: 0, sent: 0, failed: 0 };
  try {
    const due = listDueRetries(ctx.db, opts.evenIfNotDue ? null : (opts.now ?? new Date()), MAX_AUTO_ATTEMPTS);
    // One at a time: a dead server should cost one timeout per report, not a burst of connections.
    for (const row of due) {
      try {
        // Another process (the app's timer, a scheduled run) may be sending it or have sent it: then not ours.
        const error = await tryDeliverRunReport(ctx, row.runId);
        if (error === 'taken') continue;
        result.tried += 1;
        if (error) result.failed += 1;
        else result.sent += 1;
      } catch (err) {
        result.tried += 1;
        result.failed += 1;
        ctx.logger.warn(`report of run ${row.runId} could not be retried`, err);
      }
    }
  } catch (err) {
    ctx.logger.error('retrying report emails failed', err);
  }
  return result;
}

/**
 * Retries due reports on a timer while the app is open (the engine host starts it), so a report that
 * failed at 07:00 goes out at 07:01, 07:06, … without waiting for the next start. A tick never overlaps
 * the previous one. Returns the function that stops it (and waits for a tick in progress).
 */
export function startReportRetryTimer(ctx: AppContext, o: { intervalMs?: number } = {}): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = retryPendingReports(ctx).finally(() => (busy = false));
  }, o.intervalMs ?? 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
