import { migration070 } from './070-run-item-view.js';

/**
 * A run's rows by what the report does with them, read from indexes instead of a pass over every row.
 * The report email of a 1,000,000-client run needs its counts per list (by outcome, kept by Mailchimp
 * status, skipped by reason, shortened, removed), the first rows of each list and, for its attachment,
 * the first 20,000 rows by importance. Read through `run_item_view`, each of those was a pass over the
 * run's rows (a small list a whole pass of its own): ~1.6–2.3 s for the email on our 2-core machine.
 * - `run_items_kind`: (run, kind, line, client) of the settled rows. A row's kind is its outcome, with a
 *   kept row's Mailchimp status or a skipped row's reason after a colon: `created`, `keptStatus:pending`,
 *   `skipped:no_email` (NULL while unsettled: such rows are not in the index). The counts are one walk of
 *   this index (no table rows), and a list's first rows in export order are a range of it read up to a
 *   LIMIT. One expression, not (outcome, status, reason) columns, and partial on that expression: SQLite
 *   chose an index led by `outcome` for the run store's `outcome IS NULL` updates (walking every
 *   unsettled row for each batch of 500) and for its other scans of a run, which read the table in
 *   line order faster by the line index; this one it uses only where a query names the kind.
 * - `run_items_marked`: only the rows with a shortened value or a removal (few), in export order.
 * - `run_item_view` gains the stored values these indexes hold (`stored_kind`, `stored_removal`): a run
 *   that took over a plan shows what its holding run created or updated as `unchanged` (and none of its
 *   removals), so a query names the stored values to reach an index and the view's own columns to
 *   decide (see `main/runs/run-items-page.ts`). Its other columns are as migration 070 made them.
 * Cost: one more index entry per run item, moved once when the row settles (in export order, so few
 * pages per batch), measured by `bench:scale`'s run-item writes. Owned by main/runs/. Forward-only.
 */
/** A stored row's kind (see above); the view and the index must spell it alike for SQLite to match them. */
const kind = (t: string) => `${t}outcome || IFNULL(':' || CASE ${t}outcome WHEN 'keptStatus' THEN ${t}member_status WHEN 'skipped' THEN ${t}reason END, '')`;

// Migration 070's view (its text never changes: migrations are forward-only) with the stored values after its columns.
const VIEW_070 = migration070.sql.slice(migration070.sql.indexOf('CREATE VIEW run_item_view AS'));
const view = VIEW_070.replace(/\nFROM sync_runs r /, `,\n  ${kind('i.')} AS stored_kind,\n  i.removal AS stored_removal\nFROM sync_runs r `);
if (view === VIEW_070) throw new Error('migration 075: the view of migration 070 is not where it was');

export const migration075 = {
  version: 75,
  name: 'run-item-kinds',
  sql: `
CREATE INDEX run_items_kind ON run_items(run_id, (${kind('')}), line, client_id) WHERE (${kind('')}) IS NOT NULL;
CREATE INDEX run_items_marked ON run_items(run_id, line, client_id) WHERE shortened <> '[]' OR removal IS NOT NULL;
DROP VIEW run_item_view;
${view}
`,
};
