import type { Db } from '../db/open-database.js';
import { runCounts } from './run-counts.js';
import { getRun } from './run-store.js';

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
  const run = getRun(db, runId);
  const reviewHeld = run ? runCounts(db, run).reviewHeld : 0;
  // The run as a bound value on both sides: only this run's rows are read for the join (not every run's).
  const mailchimpChanges = db
    .prepare<{ r: number }, MailchimpChangeRow>(
      `SELECT c.email, c.status, i.name, i.line
       FROM run_mailchimp_changes c LEFT JOIN run_item_view i ON i.run_id = @r AND i.email_hash = c.email_hash
       WHERE c.run_id = @r ORDER BY i.line IS NULL, i.line, c.email`,
    )
    .all({ r: runId });
  return { reviewHeld, mailchimpChanges };
}
