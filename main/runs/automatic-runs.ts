import type { Db } from '../db/open-database.js';
import type { RunSummary } from '../../shared/domain/sync.js';
import { loadRunSummary } from './load-run.js';

/** Whether nobody started the run by hand (the report's subject then says plainly when it failed). */
export function isAutomatic(db: Db, runId: number): boolean {
  return db.prepare<[number], { automatic: number }>('SELECT automatic FROM sync_runs WHERE id = ?').get(runId)?.automatic === 1;
}

/** The latest automatic run, for Home. */
export function lastAutomaticRun(db: Db): RunSummary | null {
  const row = db.prepare<[], { id: number }>('SELECT id FROM sync_runs WHERE automatic = 1 ORDER BY id DESC LIMIT 1').get();
  return row ? loadRunSummary(db, row.id) : null;
}
