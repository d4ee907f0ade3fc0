/**
 * Runs of a million clients, read and repeated cheaply. Owned by main/runs/. Forward-only.
 * - `items_run_id`: a run that took over the plan of the last completed run (nothing changed since)
 *   keeps no rows of its own; it shows the rows of that run (the first run of the chain that holds them).
 * - `run_item_view`: the one way to read a run's rows. For a run that took over a plan, what the
 *   holding run created or updated is shown as `unchanged`, and what that run did besides (removals,
 *   permissions, attempts) is not this run's; other runs read their own rows as they are.
 * - `item_counts`: a finished run's counts (JSON), stored once, so a summary or a page of a 1M-client run
 *   does not count every row again. NULL while it runs (and, for runs finished before this version,
 *   until first read).
 * - `run_items_line`: a page of a run's rows in export order is read from an index, not sorted.
 */
export const migration070 = {
  version: 70,
  name: 'run-item-view',
  sql: `
ALTER TABLE sync_runs ADD COLUMN items_run_id INTEGER;
ALTER TABLE sync_runs ADD COLUMN item_counts TEXT;
CREATE INDEX run_items_line ON run_items(run_id, line, client_id);
CREATE VIEW run_item_view AS
SELECT r.id AS run_id, i.client_id, i.line, i.name, i.email, i.email_hash, i.group_name,
  CASE WHEN r.items_run_id IS NOT NULL AND i.outcome IN ('created', 'updated') THEN 'unchanged' ELSE i.action END AS action,
  i.state,
  CASE WHEN r.items_run_id IS NULL THEN i.attempts ELSE 0 END AS attempts,
  CASE WHEN r.items_run_id IS NOT NULL AND i.outcome IN ('created', 'updated') THEN 'unchanged' ELSE i.outcome END AS outcome,
  i.reason, i.member_status, i.error, i.shortened,
  CASE WHEN r.items_run_id IS NULL THEN i.removal END AS removal,
  CASE WHEN r.items_run_id IS NULL THEN i.permission END AS permission,
  CASE WHEN r.items_run_id IS NULL THEN i.permission_error END AS permission_error
FROM sync_runs r JOIN run_items i ON i.run_id = COALESCE(r.items_run_id, r.id);
`,
};
