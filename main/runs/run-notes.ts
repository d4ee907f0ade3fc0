import type { Db } from '../db/open-database.js';

/** A client who left the audience's subscribers in Mailchimp since the previous run. */
export type MailchimpChangeRow = { email: string; status: 'unsubscribed' | 'cleaned'; name: string | null; line: number | null };

/** What a run noticed about Mailchimp besides its own outcomes (migration 050), for the report. */
export type RunNotes = {
  /** Members the run sent as `subscribed` that Mailchimp holds as `pending` (an account under review). */
  reviewHeld: number;
  /** Who unsubscribed or was cleaned in Mailchimp since the previous run, with their Barsy client if any. */
  mailchimpChanges: MailchimpChangeRow[];
};

/** Loads a run's notes (empty for runs before migration 050 recorded any). */
export function loadRunNotes(db: Db, runId: number): RunNotes {
  const reviewHeld =
    db
      .prepare<[number], { n: number }>(
        "SELECT COUNT(*) AS n FROM run_items WHERE run_id = ? AND action IN ('create', 'resubscribe') AND outcome = 'keptStatus' AND member_status = 'pending'",
      )
      .get(runId)?.n ?? 0;
  const mailchimpChanges = db
    .prepare<[number], MailchimpChangeRow>(
      `SELECT c.email, c.status, i.name, i.line
       FROM run_mailchimp_changes c LEFT JOIN run_items i ON i.run_id = c.run_id AND i.email_hash = c.email_hash
       WHERE c.run_id = ? ORDER BY i.line IS NULL, i.line, c.email`,
    )
    .all(runId);
  return { reviewHeld, mailchimpChanges };
}
