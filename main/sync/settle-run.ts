import type { AppContext } from '../context/app-context.js';
import type { AppError } from '../../shared/domain/app-error.js';
import type { RunStatus, RunSummary, SyncCounts } from '../../shared/domain/sync.js';
import { loadRunSummary } from '../runs/load-run.js';
import { storeRunCounts } from '../runs/run-counts.js';
import { finishRun, isResumableRun } from '../runs/run-store.js';
import { withStorageRetry } from './storage-error.js';

export type RunEnd = {
  runId: number;
  status: RunStatus;
  error: AppError | null;
  activeMs: number;
  /** Adds the requests counted since the last heartbeat. */
  flushRequests: () => void;
  /** What the summary says if the database cannot even be read. */
  known: Pick<RunSummary, 'listId' | 'importId' | 'dryRun'> & { counts: SyncCounts };
};

/**
 * Records how a run ended and loads its summary, whatever the database does. A write that meets the
 * database locked (another process importing) is tried again for about a minute; if it still cannot be
 * written the run row stays `running` without a heartbeat, which the next start finds stale and marks
 * `interrupted` — never a run that looks alive for ever. The summary comes from the database when it can
 * be read, else from what the engine knows.
 */
export async function settleSummary(ctx: Pick<AppContext, 'db' | 'logger'>, end: RunEnd): Promise<RunSummary> {
  try {
    await withStorageRetry(() =>
      ctx.db.transaction(() => {
        end.flushRequests();
        finishRun(ctx.db, end.runId, { status: end.status, error: end.error, activeMs: end.activeMs });
        storeRunCounts(ctx.db, end.runId);
      })(),
    );
  } catch (err) {
    ctx.logger.error(`run ${end.runId}: its end could not be recorded`, err instanceof Error ? { message: err.message } : err);
  }
  try {
    return loadRunSummary(ctx.db, end.runId);
  } catch (err) {
    ctx.logger.error(`run ${end.runId}: its summary could not be read`, err instanceof Error ? { message: err.message } : err);
    const now = new Date().toISOString();
    return {
      runId: end.runId,
      status: end.status,
      ...end.known,
      audienceName: '',
      importFileName: '',
      importedAt: '',
      startedAt: now,
      finishedAt: now,
      durationMs: Math.round(end.activeMs),
      requests: 0,
      error: end.error,
      resumable: isResumableRun({ dry_run: end.known.dryRun ? 1 : 0, status: end.status }),
      reportEmail: { status: 'not_sent', to: null, sentAt: null, error: null },
    };
  }
}
