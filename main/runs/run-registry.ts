import type { AppContext } from '../context/app-context.js';
import type { RunSummary } from '../../shared/domain/sync.js';

/** A run going on in this process. */
export type ActiveRun = { runId: number; controller: AbortController; done: Promise<RunSummary> };

const registries = new WeakMap<AppContext, Map<number, ActiveRun>>();

/** Runs going on in this process for this context (at most one in practice). */
export function activeRuns(ctx: AppContext): Map<number, ActiveRun> {
  let map = registries.get(ctx);
  if (!map) registries.set(ctx, (map = new Map()));
  return map;
}

/** Ids of the runs this process is running right now. */
export function activeIds(ctx: AppContext): Set<number> {
  return new Set(activeRuns(ctx).keys());
}

/** Cancels a run of this process; false when it is not running here. */
export function cancelActiveRun(ctx: AppContext, runId: number): boolean {
  const run = activeRuns(ctx).get(runId);
  if (!run) return false;
  run.controller.abort();
  return true;
}

/** Resolves when a run of this process ends (undefined when it is not running here). */
export function whenRunEnds(ctx: AppContext, runId: number): Promise<RunSummary> | undefined {
  return activeRuns(ctx).get(runId)?.done;
}
