import type { Db } from '../db/open-database.js';
import { outcomeSchema, type SyncCounts } from '../../shared/domain/sync.js';
import { getRun, type RunRow } from './run-store.js';

/** Everything a run's summary, notes and the next run's plan count over its rows. */
export type RunCounts = {
  counts: SyncCounts;
  permissionsGranted: number;
  permissionsFailed: number;
  /** Members sent as subscribed that Mailchimp holds as pending (see run-notes.ts). */
  reviewHeld: number;
  /** Rows left to try again: unsettled, failed for a reason other than a deleted address, kept with an error. */
  openItems: number;
};

const emptyCounts = (): SyncCounts => ({ clients: 0, eligible: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, keptStatus: 0, failed: 0 });

/** One scan of a run's rows (through `run_item_view`), grouped: a few dozen groups whatever the run's size. */
export function computeRunCounts(db: Db, runId: number, opts: { settledOnly?: boolean } = {}): RunCounts {
  const rows = db
    .prepare<[number], { outcome: string | null; action: string | null; permission: string | null; held: number; open: number; n: number }>(
      `SELECT outcome, action, permission,
         (action IN ('create', 'resubscribe') AND outcome = 'keptStatus' AND member_status IS 'pending') AS held,
         IFNULL(outcome IS NULL OR (outcome = 'failed' AND json_extract(error, '$.code') <> 'mailchimp_forgotten_email')
           OR (outcome = 'keptStatus' AND error IS NOT NULL), 0) AS open,
         COUNT(*) AS n
       FROM run_item_view WHERE run_id = ? ${opts.settledOnly ? 'AND outcome IS NOT NULL' : ''} GROUP BY 1, 2, 3, 4, 5`,
    )
    .all(runId);
  const c: RunCounts = { counts: emptyCounts(), permissionsGranted: 0, permissionsFailed: 0, reviewHeld: 0, openItems: 0 };
  for (const r of rows) {
    c.counts.clients += r.n;
    if (r.action !== 'skip') c.counts.eligible += r.n;
    const o = outcomeSchema.safeParse(r.outcome);
    if (o.success) c.counts[o.data] += r.n;
    if (r.permission === 'granted') c.permissionsGranted += r.n;
    if (r.permission === 'failed') c.permissionsFailed += r.n;
    if (r.held) c.reviewHeld += r.n;
    if (r.open) c.openItems += r.n;
  }
  return c;
}

/** The counts of a run that took over `held`'s plan: what that run created or updated is unchanged now, and it granted nothing. */
export function takenOverCounts(held: RunCounts): RunCounts {
  const { created, updated, unchanged } = held.counts;
  return { ...held, counts: { ...held.counts, created: 0, updated: 0, unchanged: unchanged + created + updated }, permissionsGranted: 0, permissionsFailed: 0 };
}

function parseStored(text: string | null): RunCounts | null {
  if (!text) return null;
  try {
    const c = JSON.parse(text) as RunCounts;
    return typeof c.counts?.clients === 'number' && typeof c.openItems === 'number' ? c : null;
  } catch {
    return null;
  }
}

/**
 * A run's counts without recounting what cannot change: a finished run's are stored (computed and stored
 * on first read for runs finished before they were); a run that took over a plan derives them from the
 * holding run's; only a running run is counted row by row.
 */
export function runCounts(db: Db, run: Pick<RunRow, 'id' | 'status' | 'items_run_id' | 'item_counts'>): RunCounts {
  const stored = parseStored(run.item_counts);
  if (stored) return stored;
  const holder = run.items_run_id !== null ? getRun(db, run.items_run_id) : undefined;
  const c = holder ? takenOverCounts(runCounts(db, holder)) : computeRunCounts(db, run.id);
  if (run.status !== 'running') {
    try {
      db.prepare("UPDATE sync_runs SET item_counts = ? WHERE id = ? AND status <> 'running'").run(JSON.stringify(c), run.id);
    } catch {
      // A database another process holds (or opened read-only) only costs this reader a count next time.
    }
  }
  return c;
}

/** Stores a run's counts as it finishes (call in the transaction that records its end). */
export function storeRunCounts(db: Db, runId: number): void {
  const run = getRun(db, runId);
  if (run) runCounts(db, { ...run, item_counts: null });
}
