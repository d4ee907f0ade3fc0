import type { Db } from '../db/open-database.js';
import { appError, type AppError } from '../../shared/domain/app-error.js';
import { classifyBatchRowError } from '../mailchimp/classify-error.js';
import { isMailchimpError } from '../mailchimp/mailchimp-error.js';
import { mailchimpErrorToAppError } from '../mailchimp/to-app-error.js';
import type { PlannedRemoval } from './plan.js';
import { pool } from './pool.js';
import type { WriteDeps } from './push.js';

type RemovalResult = 'unsubscribed' | 'archived' | 'failed' | 'not_needed';

export type RemovalDeps = WriteDeps & { onDone: () => void };

/** Removals of a run that already have a result (a resumed run skips them). */
export function doneRemovals(db: Db, runId: number): Set<string> {
  const rows = db.prepare<[number], { email_hash: string }>('SELECT email_hash FROM run_removals WHERE run_id = ? AND result IS NOT NULL').all(runId);
  return new Set(rows.map((r) => r.email_hash));
}

/** Records the planned removals before any is done (so the report lists them even if the run stops). */
export function writeRemovalPlan(db: Db, runId: number, removals: readonly PlannedRemoval[]): void {
  const ins = db.prepare(
    `INSERT INTO run_removals (run_id, email_hash, email, client_id, action) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(run_id, email_hash) DO NOTHING`,
  );
  db.transaction(() => removals.forEach((r) => ins.run(runId, r.hash, r.email, r.clientId, r.action)))();
}

/**
 * Applies the removal policy to members whose client is no longer eligible: `unsubscribe` through batch
 * subscribe with status `unsubscribed` (500 a request), `archive` through DELETE one by one (Mailchimp
 * has no batch archive). Each result is recorded as it arrives; a refusal affects only that member.
 */
export async function applyRemovals(deps: RemovalDeps, removals: readonly PlannedRemoval[]): Promise<void> {
  const upd = deps.db.prepare('UPDATE run_removals SET result = ?, error = ? WHERE run_id = ? AND email_hash = ?');
  const record = (r: PlannedRemoval, result: RemovalResult, error: AppError | null) => {
    deps.db.transaction(() => {
      upd.run(result, error ? JSON.stringify(error) : null, deps.runId, r.hash);
      if (result === 'unsubscribed' || result === 'archived') {
        deps.mirror.setStatus(r.hash, result);
        deps.mirror.setState(r.hash, r.email, { synced: false, forgotten: false }, deps.runId);
        if (r.clientId !== null) deps.writers.setRemoval(r.clientId, result);
      }
    })();
    deps.onDone();
  };
  const errorOf = (err: unknown): AppError => (isMailchimpError(err) ? mailchimpErrorToAppError(err) : appError('mailchimp_bad_response'));

  const unsubscribes = removals.filter((r) => r.action === 'unsubscribe');
  const chunks: PlannedRemoval[][] = [];
  for (let i = 0; i < unsubscribes.length; i += deps.batchSize) chunks.push(unsubscribes.slice(i, i + deps.batchSize));
  await pool(chunks, deps.concurrency, deps.signal, async (chunk) => {
    try {
      const res = await deps.api.batchSubscribe(deps.listId, chunk.map((r) => ({ email_address: r.email, status: 'unsubscribed' })), { updateExisting: true });
      const failed = new Map(res.errors.map((e) => [e.email_address.toLowerCase(), e]));
      for (const r of chunk) {
        const e = failed.get(r.email.toLowerCase());
        if (!e) record(r, 'unsubscribed', null);
        else record(r, 'failed', mailchimpErrorToAppError({ kind: classifyBatchRowError(e), detail: e.error, title: undefined, status: 400, errors: [] }));
      }
    } catch (err) {
      chunk.forEach((r) => record(r, 'failed', errorOf(err)));
    }
  });

  const archives = removals.filter((r) => r.action === 'archive');
  await pool(archives, deps.concurrency, deps.signal, async (r) => {
    try {
      const res = await deps.api.archiveMember(deps.listId, r.hash);
      record(r, res === 'archived' ? 'archived' : 'not_needed', null);
    } catch (err) {
      record(r, 'failed', errorOf(err));
    }
  });
}
