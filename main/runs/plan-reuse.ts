import type { Db } from '../db/open-database.js';
import { runCounts } from './run-counts.js';
import type { RunRow } from './run-store.js';

/*
 * A no-change re-sync takes over the last run's plan instead of planning (or copying) a million rows.
 */

/**
 * The completed real run whose plan a new run can take over unchanged: the latest real run of the
 * audience, completed with the same plan key, the mirror untouched since (same version: Mailchimp
 * reported no change and nobody wrote), and nothing left to retry (its only failures are permanently
 * deleted addresses, its removals all done). Its stored counts say so without reading its rows.
 */
export function reusablePlan(db: Db, listId: string, planKey: string, mirrorVersion: number): number | undefined {
  const prev = db
    .prepare<[string], RunRow>("SELECT * FROM sync_runs WHERE list_id = ? AND dry_run = 0 AND status <> 'running' ORDER BY id DESC LIMIT 1")
    .get(listId);
  if (!prev || prev.status !== 'completed' || prev.plan_key !== planKey || prev.mirror_version !== mirrorVersion) return undefined;
  const removals = db.prepare<[number], { n: number }>("SELECT COUNT(*) AS n FROM run_removals WHERE run_id = ? AND (result IS NULL OR result = 'failed')").get(prev.id);
  return removals?.n === 0 && runCounts(db, prev).openItems === 0 ? prev.id : undefined;
}

/**
 * Takes over a reusable run's plan without copying a row: this run shows the rows of the run that holds
 * them (chains resolve to the first), what it created or updated now unchanged (see `run_item_view`).
 */
export function takeOverPlan(db: Db, fromRun: number, toRun: number): void {
  db.prepare('UPDATE sync_runs SET items_run_id = (SELECT COALESCE(items_run_id, id) FROM sync_runs WHERE id = ?) WHERE id = ?').run(fromRun, toRun);
}

/**
 * A resumed run that had taken over a plan plans afresh, with rows of its own: it wrote nothing to
 * Mailchimp, and a resumed plan must be built from its own rows.
 */
export function dropTakenOverPlan(db: Db, runId: number): void {
  db.prepare('UPDATE sync_runs SET items_run_id = NULL WHERE id = ?').run(runId);
}
