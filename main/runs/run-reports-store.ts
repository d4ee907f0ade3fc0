import type { Db } from '../db/open-database.js';
import type { AppError } from '../../shared/domain/app-error.js';
import { parseAppError } from './run-store.js';
import type { RunSummary } from '../../shared/domain/sync.js';

export type ReportEmailStatus = RunSummary['reportEmail']['status'];

/** One row of `run_reports`: where a run's report email stands. */
export type RunReportRow = {
  runId: number;
  status: ReportEmailStatus;
  to: string | null;
  sentAt: string | null;
  error: AppError | null;
  attempts: number;
  nextRetryAt: string | null;
};

type RawRow = {
  run_id: number;
  status: ReportEmailStatus;
  to_address: string | null;
  sent_at: string | null;
  error: string | null;
  attempts: number;
  next_retry_at: string | null;
};

function toRow(r: RawRow): RunReportRow {
  return {
    runId: r.run_id,
    status: r.status,
    to: r.to_address,
    sentAt: r.sent_at,
    error: parseAppError(r.error),
    attempts: r.attempts,
    nextRetryAt: r.next_retry_at,
  };
}

/** The report rows of several runs at once (a list of runs reads them in one query, not one per run). */
export function getRunReports(db: Db, runIds: readonly number[]): Map<number, RunReportRow> {
  const rows = db.prepare<[string], RawRow>('SELECT * FROM run_reports WHERE run_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(runIds));
  return new Map(rows.map((r) => [r.run_id, toRow(r)]));
}

/** Reads a run's report row, or undefined when no email was ever due for it. */
export function getRunReport(db: Db, runId: number): RunReportRow | undefined {
  const r = db.prepare<[number], RawRow>('SELECT * FROM run_reports WHERE run_id = ?').get(runId);
  return r ? toRow(r) : undefined;
}

/**
 * Runs whose email failed and may be retried automatically, oldest first: below the attempt cap, with a
 * retry time (none = retry only by hand) that has come by `now` (null: whatever the time).
 */
export function listDueRetries(db: Db, now: Date | null, maxAttempts: number): RunReportRow[] {
  return db
    .prepare<{ now: string | null; max: number }, RawRow>(
      `SELECT * FROM run_reports
       WHERE status = 'failed' AND next_retry_at IS NOT NULL AND (@now IS NULL OR next_retry_at <= @now) AND attempts < @max
       ORDER BY run_id`,
    )
    .all({ now: now ? now.toISOString() : null, max: maxAttempts })
    .map(toRow);
}

/** Records that a run's report is due (before the first attempt), keeping an existing row as it is. */
export function markReportDue(db: Db, runId: number, to: string | null): void {
  db.prepare(
    `INSERT INTO run_reports (run_id, status, to_address, attempts, updated_at) VALUES (?, 'not_sent', ?, 0, ?)
     ON CONFLICT(run_id) DO NOTHING`,
  ).run(runId, to, new Date().toISOString());
}

/** Records a run whose report needs no email (dry run, demo, no address). */
export function markReportNotRequired(db: Db, runId: number): void {
  db.prepare(
    `INSERT INTO run_reports (run_id, status, attempts, updated_at) VALUES (?, 'not_required', 0, ?)
     ON CONFLICT(run_id) DO UPDATE SET status = 'not_required', updated_at = excluded.updated_at
     WHERE run_reports.status <> 'sent'`,
  ).run(runId, new Date().toISOString());
}

/** Records the result of one send attempt. */
export function recordAttempt(
  db: Db,
  runId: number,
  result: { to: string | null; ok: true; at: Date } | { to: string | null; ok: false; error: AppError; at: Date; nextRetryAt: Date | null },
): void {
  const at = result.at.toISOString();
  db.prepare(
    `INSERT INTO run_reports (run_id, status, to_address, sent_at, error, attempts, next_retry_at, updated_at)
     VALUES (@runId, @status, @to, @sentAt, @error, 1, @next, @at)
     ON CONFLICT(run_id) DO UPDATE SET status = excluded.status, to_address = excluded.to_address,
       sent_at = COALESCE(excluded.sent_at, run_reports.sent_at), error = excluded.error,
       attempts = run_reports.attempts + 1, next_retry_at = excluded.next_retry_at, updated_at = excluded.updated_at`,
  ).run({
    runId,
    status: result.ok ? 'sent' : 'failed',
    to: result.to,
    sentAt: result.ok ? at : null,
    error: result.ok ? null : JSON.stringify(result.error),
    next: result.ok ? null : (result.nextRetryAt?.toISOString() ?? null),
    at,
  });
}
