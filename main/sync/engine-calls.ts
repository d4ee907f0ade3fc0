import type { AppContext } from '../context/app-context.js';
import { AppFailure } from '../../shared/domain/app-error.js';
import { cancelActiveRun } from '../runs/run-registry.js';
import { getRun } from '../runs/run-store.js';
import { startSync } from './engine.js';
import { dropPreview } from './preview.js';
import type { SyncOptions } from './sync-options.js';

/**
 * The engine as the app's channels use it: a run changes the audience, so the cached preview is dropped
 * when it starts and again when it ends.
 */
export async function startSyncFromUi(ctx: AppContext, opts: Pick<SyncOptions, 'dryRun' | 'resumeRunId'>): Promise<{ runId: number }> {
  dropPreview(ctx);
  const { runId, done } = await startSync(ctx, opts);
  void done.then(() => dropPreview(ctx));
  return { runId };
}

/** Takes up an interrupted or cancelled run by id. */
export async function resumeSync(ctx: AppContext, runId: number): Promise<{ runId: number }> {
  return startSyncFromUi(ctx, { dryRun: false, resumeRunId: runId });
}

/** Cancels a run of this process; an unknown run id is a `run_not_found` failure. */
export function cancelSync(ctx: AppContext, runId: number): void {
  if (!cancelActiveRun(ctx, runId) && !getRun(ctx.db, runId)) throw new AppFailure('run_not_found', { runId });
}
