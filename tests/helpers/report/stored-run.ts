import type { Db } from '../../../main/db/open-database.js';
import { createRun, finishRun, itemWriters, writePlan, type ItemAction } from '../../../main/runs/run-store.js';
import type { Outcome } from '../../../shared/domain/sync.js';
import type { RunData } from '../../../main/runs/run-data.js';

const ACTION: Record<Outcome, ItemAction> = {
  created: 'create',
  updated: 'update',
  unchanged: 'unchanged',
  skipped: 'skip',
  keptStatus: 'kept',
  failed: 'fail',
};

/**
 * Stores a synthetic run through the engine's own run store (so the report reads it back through the
 * engine's loaders, as in production) and returns its id.
 */
export function storeRun(db: Db, data: RunData): number {
  const { summary } = data;
  const importId = Number(
    db
      .prepare(
        `INSERT INTO imports (file_name, file_path, file_size, sha256, encoding, delimiter, column_mapping, rows, client_count,
           representative_count, duplicates, created_at)
         VALUES (?, ?, 0, 'x', 'cp1251', ';', '[]', ?, ?, 0, 0, ?)`,
      )
      .run(summary.importFileName, `/tmp/${summary.importFileName}`, data.items.length, data.items.length, summary.importedAt).lastInsertRowid,
  );
  const runId = createRun(db, {
    listId: summary.listId,
    audienceName: summary.audienceName,
    importId,
    dryRun: summary.dryRun,
    removalPolicy: 'leave',
  });
  writePlan(
    db,
    runId,
    data.items.map((i) => ({
      clientId: i.clientId,
      line: i.line,
      name: i.name,
      email: i.email,
      hash: null,
      group: i.group,
      action: i.outcome ? ACTION[i.outcome] : 'create',
      outcome: i.outcome,
      reason: i.reason,
      memberStatus: i.memberStatus,
      error: i.error,
      shortened: i.shortened,
    })),
  );
  const writers = itemWriters(db, runId);
  for (const i of data.items) if (i.removal) writers.setRemoval(i.clientId, i.removal);
  if (summary.status !== 'running') finishRun(db, runId, { status: summary.status, activeMs: summary.durationMs ?? 0, requests: summary.requests });
  return runId;
}
