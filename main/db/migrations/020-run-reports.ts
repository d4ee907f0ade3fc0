/**
 * Report email bookkeeping, one row per sync run that had (or will have) a report email. The report's
 * content is not stored here: it is rendered on demand from the run's stored items, so a resend always
 * matches the run. Forward-only; no foreign key to the engine's runs table so the two domains migrate
 * independently.
 */
export const migration020 = {
  version: 20,
  name: 'run-reports',
  sql: `
CREATE TABLE run_reports (
  run_id INTEGER PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('not_sent', 'sent', 'failed', 'not_required')),
  to_address TEXT,
  sent_at TEXT,
  -- AppError as JSON for a failed send (code + params), never a stack trace.
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_retry_at TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX run_reports_status ON run_reports(status, next_retry_at);
`,
};
