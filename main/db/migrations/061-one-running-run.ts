/**
 * One sync at a time per database, enforced by SQLite itself: a unique partial index lets at most one
 * run be `running`, so two processes that both decided to start cannot both insert (the second gets a
 * constraint error, which the run store turns into `run_already_running`). Rows left `running` by
 * crashed processes of older versions are marked interrupted first (all but the newest, which the
 * heartbeat check then judges), or the index could not be built.
 * `automatic`: 1 for runs nobody started by hand (schedule, watched folder); Home shows the latest and
 * the report's subject says when one failed. Owned by main/runs/. Forward-only.
 */
export const migration061 = {
  version: 61,
  name: 'one-running-run',
  sql: `
ALTER TABLE sync_runs ADD COLUMN automatic INTEGER NOT NULL DEFAULT 0;
UPDATE sync_runs SET status = 'interrupted', finished_at = COALESCE(finished_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  WHERE status = 'running' AND id <> (SELECT MAX(id) FROM sync_runs WHERE status = 'running');
CREATE UNIQUE INDEX sync_runs_one_running ON sync_runs(status) WHERE status = 'running';
`,
};
