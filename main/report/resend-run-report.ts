import type { AppContext } from '../context/app-context.js';
import type { RunSummary } from '../../shared/domain/sync.js';
import { deliverRunReport } from './report-delivery.js';
import { loadRunSummary } from '../runs/load-run.js';

/**
 * "Send again": emails a run's report now, whatever its state (a sent report is sent once more), and
 * returns the run's summary with the new email status. A send failure is in `reportEmail.error`, not
 * thrown; an unknown run throws `run_not_found`.
 */
export async function resendRunReport(ctx: AppContext, runId: number): Promise<RunSummary> {
  await deliverRunReport(ctx, runId, { manual: true });
  return loadRunSummary(ctx.db, runId);
}
