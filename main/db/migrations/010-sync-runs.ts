/**
 * Sync runs and their per-client rows (the engine's record of what happened, and what a resumed run
 * must not send again). Owned by main/sync/. Forward-only.
 */
export const migration010 = {
  version: 10,
  name: 'sync-runs',
  sql: `
CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY,
  list_id TEXT NOT NULL,
  audience_name TEXT NOT NULL DEFAULT '',
  import_id INTEGER NOT NULL,
  dry_run INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled', 'interrupted')),
  removal_policy TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  -- Active time summed over every start of the run (a resumed run adds to it).
  duration_ms INTEGER NOT NULL DEFAULT 0,
  requests INTEGER NOT NULL DEFAULT 0,
  -- AppError as JSON when the run failed as a whole (preflight, auth, …).
  error TEXT,
  -- Which process runs it and when it last showed life: a dead owner means the run was interrupted.
  pid INTEGER,
  heartbeat_at TEXT,
  starts INTEGER NOT NULL DEFAULT 1,
  -- What decided the plan (import, mappings, settings, audience fields/groups) and the mirror's version
  -- when the run completed: a later run with both unchanged has the same plan (see engine.ts).
  plan_key TEXT,
  mirror_version INTEGER
);
CREATE INDEX sync_runs_list ON sync_runs(list_id, id);

-- One row per client of the import. action: what the plan decided; state: planned -> sent -> done.
-- A plain rowid table: rows are appended in export order, 100k per run, so inserts must be cheap.
CREATE TABLE run_items (
  run_id INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
  client_id INTEGER NOT NULL,
  line INTEGER NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  email_hash TEXT,
  group_name TEXT NOT NULL,
  action TEXT,
  state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'sent', 'done')),
  attempts INTEGER NOT NULL DEFAULT 0,
  outcome TEXT CHECK (outcome IN ('created', 'updated', 'unchanged', 'skipped', 'keptStatus', 'failed')),
  reason TEXT,
  member_status TEXT,
  error TEXT,
  shortened TEXT NOT NULL DEFAULT '[]',
  removal TEXT CHECK (removal IN ('unsubscribed', 'archived'))
);
CREATE UNIQUE INDEX run_items_client ON run_items(run_id, client_id);

-- Removal-policy actions on members whose client is no longer eligible (or no longer in the export).
CREATE TABLE run_removals (
  run_id INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
  email_hash TEXT NOT NULL,
  email TEXT NOT NULL,
  client_id INTEGER,
  action TEXT NOT NULL CHECK (action IN ('unsubscribe', 'archive')),
  result TEXT CHECK (result IN ('unsubscribed', 'archived', 'failed', 'not_needed')),
  error TEXT,
  PRIMARY KEY (run_id, email_hash)
) WITHOUT ROWID;
`,
};
