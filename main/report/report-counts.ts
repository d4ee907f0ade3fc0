import { AppFailure } from '../../shared/domain/app-error.js';
import type { Outcome, RunItem, RunSummary, SyncCounts } from '../../shared/domain/sync.js';

const OUTCOMES: Outcome[] = ['created', 'updated', 'unchanged', 'skipped', 'keptStatus', 'failed'];

/** How many items a run has per outcome, plus those without one yet (an unfinished run). */
export function countItems(items: RunItem[]): Record<Outcome, number> & { none: number } {
  const counts = { created: 0, updated: 0, unchanged: 0, skipped: 0, keptStatus: 0, failed: 0, none: 0 };
  for (const item of items) counts[item.outcome ?? 'none'] += 1;
  return counts;
}

/** Sum of the six outcomes: for a completed run, the number of clients. */
export function outcomeSum(c: SyncCounts): number {
  return OUTCOMES.reduce((sum, o) => sum + c[o], 0);
}

/**
 * The report's promise is that the numbers add up; it refuses to render a run where they do not
 * (clients = created + updated + unchanged + skipped + keptStatus + failed for a completed run, and
 * every count equal to the number of clients listed with that outcome). A mismatch is an engine bug.
 */
export function assertCountsAddUp(summary: RunSummary, items: RunItem[]): void {
  const c = summary.counts;
  const listed = countItems(items);
  const problems: string[] = [];
  if (items.length !== c.clients) problems.push(`${items.length} items listed for ${c.clients} clients`);
  for (const o of OUTCOMES) if (listed[o] !== c[o]) problems.push(`${o}: count ${c[o]}, listed ${listed[o]}`);
  const finished = summary.status === 'completed';
  if (finished && outcomeSum(c) !== c.clients) problems.push(`outcomes sum to ${outcomeSum(c)}, not ${c.clients}`);
  if (finished && listed.none > 0) problems.push(`${listed.none} clients without an outcome`);
  if (problems.length > 0) {
    throw new AppFailure('internal', { detail: `run ${summary.runId}: counts do not add up (${problems.join('; ')})`.slice(0, 500) });
  }
}
