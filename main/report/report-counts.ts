import { AppFailure } from '../../shared/domain/app-error.js';
import type { Outcome, RunSummary, SyncCounts } from '../../shared/domain/sync.js';
import type { ListedCounts } from './report-digest.js';

const OUTCOMES: Outcome[] = ['created', 'updated', 'unchanged', 'skipped', 'keptStatus', 'failed'];

/** Sum of the six outcomes: for a completed run, the number of clients. */
export function outcomeSum(c: SyncCounts): number {
  return OUTCOMES.reduce((sum, o) => sum + c[o], 0);
}

/**
 * The report's promise is that the numbers add up; it refuses to render a run where they do not
 * (clients = created + updated + unchanged + skipped + keptStatus + failed for a completed run, and
 * every count equal to the number of clients listed with that outcome). A mismatch is an engine bug.
 */
export function assertCountsAddUp(summary: RunSummary, listed: ListedCounts): void {
  const c = summary.counts;
  const problems: string[] = [];
  if (listed.all !== c.clients) problems.push(`${listed.all} items listed for ${c.clients} clients`);
  for (const o of OUTCOMES) if (listed[o] !== c[o]) problems.push(`${o}: count ${c[o]}, listed ${listed[o]}`);
  const finished = summary.status === 'completed';
  if (finished && outcomeSum(c) !== c.clients) problems.push(`outcomes sum to ${outcomeSum(c)}, not ${c.clients}`);
  if (finished && listed.none > 0) problems.push(`${listed.none} clients without an outcome`);
  if (problems.length > 0) {
    throw new AppFailure('internal', { detail: `run ${summary.runId}: counts do not add up (${problems.join('; ')})`.slice(0, 500) });
  }
}
