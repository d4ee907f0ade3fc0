import type { Db } from '../db/open-database.js';
import type { RunItem, RunSummary } from '../../shared/domain/sync.js';
import { loadRunItems, loadRunSummary } from './load-run.js';
import { loadRunNotes, type RunNotes } from './run-notes.js';

/** A run as the report needs it: the summary and every client's line. */
export type RunData = { summary: RunSummary; items: RunItem[]; notes?: RunNotes };

/**
 * Loads a run through the engine's loaders (a thin adapter, so the report never reads the engine's
 * tables itself). Throws `run_not_found` for an unknown run.
 */
export function loadRunData(db: Db, runId: number): RunData {
  // One read transaction: the summary's counts and the items come from the same snapshot.
  return db.transaction(() => ({ summary: loadRunSummary(db, runId), items: loadRunItems(db, runId).items, notes: loadRunNotes(db, runId) }))();
}

