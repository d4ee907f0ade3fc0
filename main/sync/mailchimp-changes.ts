import type { Db } from '../db/open-database.js';
import type { MailchimpChange } from './read-audience.js';

/**
 * Records members a run's reads found unsubscribed or cleaned in Mailchimp that were not before (one
 * transaction); the report lists them (main/runs/run-notes.ts) so the owner can untick Maillist in Barsy.
 */
export function recordMailchimpChanges(db: Db, runId: number, changes: readonly MailchimpChange[]): void {
  const ins = db.prepare(
    `INSERT INTO run_mailchimp_changes (run_id, email_hash, email, status, last_changed) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(run_id, email_hash) DO UPDATE SET status = excluded.status, last_changed = excluded.last_changed`,
  );
  db.transaction(() => changes.forEach((c) => ins.run(runId, c.hash, c.email, c.status, c.lastChanged)))();
}
