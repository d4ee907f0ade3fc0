import crypto from 'node:crypto';
import type { Db } from '../db/open-database.js';

/** Longer than any one send (SMTP timeouts included); a claim left by a killed process expires after it. */
export const SEND_CLAIM_MS = 5 * 60_000;

/**
 * Takes the right to email a run's report, in one UPDATE (atomic across processes). An automatic send
 * (after the run, a retry) is taken only while the report is still unsent or failed, so a report another
 * process has just sent is never mailed again; a send by hand ("send again") may repeat a sent one.
 * Either way, only one process holds the claim at a time. Returns the claim's token, or null.
 */
export function claimReportSend(db: Db, runId: number, o: { manual: boolean; now?: Date }): string | null {
  const now = o.now ?? new Date();
  const token = `${process.pid}:${crypto.randomBytes(6).toString('hex')}`;
  // A send by hand may find no row yet (a run from before reports were kept): make the row first.
  db.prepare(`INSERT INTO run_reports (run_id, status, attempts, updated_at) VALUES (?, 'not_sent', 0, ?) ON CONFLICT(run_id) DO NOTHING`).run(runId, now.toISOString());
  const taken = db
    .prepare(
      `UPDATE run_reports SET sending_by = @token, sending_until = @until
       WHERE run_id = @runId AND (sending_until IS NULL OR sending_until < @now) AND (@manual = 1 OR status IN ('not_sent', 'failed'))`,
    )
    .run({ token, until: new Date(now.getTime() + SEND_CLAIM_MS).toISOString(), runId, now: now.toISOString(), manual: o.manual ? 1 : 0 });
  return taken.changes === 1 ? token : null;
}

/** Gives the claim back once the attempt is recorded. */
export function releaseReportSend(db: Db, runId: number, token: string): void {
  db.prepare('UPDATE run_reports SET sending_by = NULL, sending_until = NULL WHERE run_id = ? AND sending_by = ?').run(runId, token);
}
