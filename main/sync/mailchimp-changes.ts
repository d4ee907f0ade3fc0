import type { Db } from '../db/open-database.js';
import type { MailchimpChange } from './read-audience.js';

/** Records members found unsubscribed or cleaned in Mailchimp during a run's reads (one transaction). */
export function recordMailchimpChanges(db: Db, runId: number, changes: readonly MailchimpChange[]): void {
  const ins = db.prepare(
    `INSERT INTO run_mailchimp_changes (run_id, email_hash, email, status, last_changed) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(run_id, email_hash) DO UPDATE SET status = excluded.status, last_changed = excluded.last_changed`,
  );
  db.transaction(() => changes.forEach((c) => ins.run(runId, c.hash, c.email, c.status, c.lastChanged)))();
}

/** A client who left the audience's subscribers in Mailchimp since the previous run. */
export type MailchimpChangeRow = { email: string; status: 'unsubscribed' | 'cleaned'; lastChanged: string | null; name: string | null; line: number | null };

/**
 * Who unsubscribed or was cleaned in Mailchimp since the previous run (found by this run's reads), with
 * the Barsy client of that address when the import has one — so the owner can untick Maillist in Barsy.
 */
export function loadMailchimpChanges(db: Db, runId: number): MailchimpChangeRow[] {
  return db
    .prepare<[number], MailchimpChangeRow>(
      `SELECT c.email, c.status, c.last_changed AS lastChanged, i.name, i.line
       FROM run_mailchimp_changes c LEFT JOIN run_items i ON i.run_id = c.run_id AND i.email_hash = c.email_hash
       WHERE c.run_id = ? ORDER BY i.line IS NULL, i.line, c.email`,
    )
    .all(runId);
}

/**
 * Members this run sent as `subscribed` (new, or re-subscribed with the Barsy flag as consent) that
 * Mailchimp holds as `pending`: it does so while it reviews an account (often after a first big import).
 */
export function countReviewHeld(db: Db, runId: number): number {
  return (
    db
      .prepare<[number], { n: number }>(
        "SELECT COUNT(*) AS n FROM run_items WHERE run_id = ? AND action IN ('create', 'resubscribe') AND outcome = 'keptStatus' AND member_status = 'pending'",
      )
      .get(runId)?.n ?? 0
  );
}
