/**
 * Files of the watched export folder already handled, by path: what they were (size, modification
 * time, SHA-256 of the bytes) and what came of them. A file is handled again only when its bytes change,
 * so a failed file is reported once and an imported one is never synced twice. Owned by main/watch/.
 * Forward-only.
 */
export const migration062 = {
  version: 62,
  name: 'watched-files',
  sql: `
CREATE TABLE watched_files (
  path TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('imported', 'unchanged', 'failed')),
  import_id INTEGER,
  run_id INTEGER,
  -- AppError as JSON when the file failed (import) or its sync could not start.
  error TEXT,
  handled_at TEXT NOT NULL
);
`,
};
