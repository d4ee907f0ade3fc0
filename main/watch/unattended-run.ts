import type { AppContext } from '../context/app-context.js';
import { toAppError } from '../context/to-app-error.js';
import { startSync } from '../sync/engine.js';
import { AppFailure, type AppError } from '../../shared/domain/app-error.js';
import type { RunSummary } from '../../shared/domain/sync.js';
import { checkWatchSetup, scanFolderOnce, type WatchResult } from './watch-service.js';

export type UnattendedResult = { exitCode: number; runIds: number[]; files: WatchResult[]; error: AppError | null };

/** The CLI's exit code for a finished run: 0 completed, 130 cancelled, 1 otherwise. */
export function exitCodeOf(summary: Pick<RunSummary, 'status'>): number {
  if (summary.status === 'completed') return 0;
  return summary.status === 'cancelled' ? 130 : 1;
}

/** The exit code of a sync that could not start: 3 when another process holds the claim. */
export function exitCodeOfFailure(error: AppError): number {
  return error.code === 'run_already_running' ? 3 : 1;
}

/**
 * What a scheduled run does, in the headless app, in the open app (hand-off) and in `barsy-sync sync
 * --watch`: with `watch`, every export saved in the watched folder since the last look is imported and
 * synced (each its own run, with its report); when none was new, the current import is synced as
 * `barsy-sync sync` would (resuming an interrupted run). Runs are marked automatic. Never throws.
 */
export async function runUnattended(ctx: AppContext, o: { watch: boolean; stableMs?: number }): Promise<UnattendedResult> {
  const result: UnattendedResult = { exitCode: 0, runIds: [], files: [], error: null };
  const worse = (code: number, error: AppError | null) => {
    if (code > result.exitCode || (code !== 0 && result.exitCode === 0)) {
      result.exitCode = code;
      result.error = error;
    }
  };
  const folder = ctx.settings.get('watch.folder');
  if (o.watch && folder) {
    try {
      const dir = checkWatchSetup(ctx, folder);
      result.files = await scanFolderOnce(ctx, dir, { stableMs: o.stableMs ?? 2_000 });
      for (const f of result.files) {
        if (f.runId !== undefined) result.runIds.push(f.runId);
        if (f.action === 'imported' && f.error) worse(f.runId === undefined ? exitCodeOfFailure(f.error) : 1, f.error);
      }
    } catch (err) {
      // A missing folder must not stop the sync of what was imported already; it still fails the run's exit code.
      const error = toAppError(err, ctx, 'unattended watch');
      ctx.logger.warn('watched folder not read', { code: error.code });
      worse(1, error);
    }
  }
  if (result.runIds.length > 0) return result;
  try {
    const { runId, done } = await startSync(ctx, { dryRun: false, automatic: true });
    result.runIds.push(runId);
    const summary = await done;
    worse(exitCodeOf(summary), summary.error);
  } catch (err) {
    const error = err instanceof AppFailure ? err.appError : toAppError(err, ctx, 'unattended sync');
    worse(exitCodeOfFailure(error), error);
  }
  return result;
}
