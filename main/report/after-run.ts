import type { AppContext } from '../context/app-context.js';
import type { RunSummary } from '../../shared/domain/sync.js';
import { isAutomatic } from '../runs/automatic-runs.js';
import { recordReportNotRequired, sendRunReport } from './send-run-report.js';

/**
 * The report email after a run (main/report/ owns it): dry runs and demo runs need none; a completed
 * real run is emailed to `report.email`. A failed send is recorded by the report domain and never
 * fails the run.
 */
export async function afterRun(ctx: AppContext, summary: RunSummary, opts: { demo: boolean }): Promise<void> {
  try {
    if (summary.dryRun || opts.demo || !ctx.settings.get('report.email')) recordReportNotRequired(ctx, summary.runId);
    // An automatic run that failed is emailed too: nobody was watching, and the report says what to fix.
    else if (summary.status === 'completed' || (summary.status === 'failed' && isAutomatic(ctx.db, summary.runId))) await sendRunReport(ctx, summary.runId);
  } catch (err) {
    ctx.logger.error(`report email of run ${summary.runId} failed`, err);
  }
}
