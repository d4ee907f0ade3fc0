import type { Db } from '../db/open-database.js';
import { AppFailure } from '../../shared/domain/app-error.js';
import type { Outcome, RunItem, RunSummary, SyncCounts } from '../../shared/domain/sync.js';
import { getReportEmailStatus, reportEmailOf } from './report-email-status.js';
import { getRunReports } from './run-reports-store.js';
import { computeRunCounts, runCounts } from './run-counts.js';
import { pickedItemsSql, toItem, type ItemDbRow } from './run-items-page.js';
import { getRun, isResumableRun, parseAppError, type RunRow } from './run-store.js';

/** Filter for a run's items (the `runs:get` / `sync:preview` request shape). */
export type RunItemFilter = { outcome?: Outcome | undefined; search?: string | undefined; offset?: number; limit?: number };

/** Counts of a run's items by outcome, counted now; `eligible` = clients not skipped by the eligibility rules (`settledOnly`: rows with an outcome). */
export function countRunItems(db: Db, runId: number, opts: { settledOnly?: boolean } = {}): SyncCounts {
  return computeRunCounts(db, runId, opts).counts;
}

type ImportOfRun = { file_name: string; created_at: string } | undefined;

/** `reportEmail` of a run, from report rows read beforehand (a list) or looked up now (one run). */
type ReportEmailLookup = (runId: number) => RunSummary['reportEmail'];

function summaryOf(db: Db, run: RunRow, imp: ImportOfRun = importOf(db, run.import_id), reportEmail: ReportEmailLookup = (id) => getReportEmailStatus(db, id)): RunSummary {
  const stored = runCounts(db, run);
  return {
    runId: run.id,
    status: run.status,
    dryRun: run.dry_run === 1,
    listId: run.list_id,
    audienceName: run.audience_name,
    importId: run.import_id,
    importFileName: imp?.file_name ?? '',
    importedAt: imp?.created_at ?? '',
    startedAt: run.started_at,
    finishedAt: run.status === 'running' ? null : run.finished_at,
    durationMs: run.status === 'running' ? null : run.duration_ms,
    counts: stored.counts,
    requests: run.requests,
    error: parseAppError(run.error),
    resumable: isResumableRun(run),
    reportEmail: run.dry_run === 1 ? { status: 'not_required', to: null, sentAt: null, error: null } : reportEmail(run.id),
    ...(run.permission_text ? { permissions: { permission: run.permission_text, granted: stored.permissionsGranted, failed: stored.permissionsFailed } } : {}),
  };
}

function importOf(db: Db, importId: number): ImportOfRun {
  return db.prepare<[number], { file_name: string; created_at: string }>('SELECT file_name, created_at FROM imports WHERE id = ?').get(importId);
}

/** A run's summary (counts from its per-client rows, so they always add up; stored once it finished). */
export function loadRunSummary(db: Db, runId: number): RunSummary {
  const run = getRun(db, runId);
  if (!run) throw new AppFailure('run_not_found', { runId });
  return summaryOf(db, run);
}

/** Every run, newest first. */
export function listRunSummaries(db: Db, limit = 200): RunSummary[] {
  // The imports come in the same query: a statement prepared per run cost more than the rest of a row.
  const rows = db
    .prepare<[number], RunRow & { imp_file_name: string | null; imp_created_at: string | null }>(
      `SELECT r.*, i.file_name AS imp_file_name, i.created_at AS imp_created_at
       FROM sync_runs r LEFT JOIN imports i ON i.id = r.import_id ORDER BY r.id DESC LIMIT ?`,
    )
    .all(limit);
  const reports = getRunReports(db, rows.map((r) => r.id));
  const reportEmail: ReportEmailLookup = (id) => reportEmailOf(reports.get(id));
  return rows.map(({ imp_file_name, imp_created_at, ...run }) =>
    summaryOf(db, run, imp_file_name === null || imp_created_at === null ? undefined : { file_name: imp_file_name, created_at: imp_created_at }, reportEmail),
  );
}

const withLower = new WeakSet<Db>();

/** SQLite's LIKE and lower() fold ASCII only; searches must find "георги" in "Георги" too. */
function withUnicodeLower(db: Db): void {
  if (withLower.has(db)) return;
  db.function('unicode_lower', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v));
  withLower.add(db);
}

/**
 * A page of a run's per-client rows in export (line) order, optionally by outcome and a search in
 * name/email/group. `limit` defaults to every row (the report reads them all).
 */
export function loadRunItems(db: Db, runId: number, filter: RunItemFilter = {}): { total: number; items: RunItem[] } {
  const run = getRun(db, runId);
  if (!run) throw new AppFailure('run_not_found', { runId });
  const where = ['i.run_id = @runId'];
  const params: Record<string, string | number> = { runId };
  if (filter.outcome) {
    where.push('i.outcome = @outcome');
    params.outcome = filter.outcome;
  }
  const search = filter.search?.trim() ?? '';
  const searching = search !== '';
  if (searching) {
    withUnicodeLower(db);
    where.push("(unicode_lower(i.name) LIKE @q ESCAPE '\\' OR unicode_lower(i.email) LIKE @q ESCAPE '\\' OR unicode_lower(i.group_name) LIKE @q ESCAPE '\\')");
    params.q = `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  const clause = where.join(' AND ');
  // A finished run's counts are stored: a page of a million-row run costs a page, not a count of every row.
  const stored = run.status === 'running' || searching ? null : runCounts(db, run).counts;
  const total = stored
    ? filter.outcome ? stored[filter.outcome] : stored.clients
    : (db.prepare<Record<string, string | number>, { n: number }>(`SELECT COUNT(*) AS n FROM run_item_view i WHERE ${clause}`).get(params)?.n ?? 0);
  params.limit = filter.limit ?? -1;
  params.offset = filter.offset ?? 0;
  // Past the stored count (an outcome no row has): nothing to read, and no scan of the run to find that out.
  if (stored && params.offset >= total) return { total, items: [] };
  // Rows come in export order from the (run, line) index; the page is chosen before the clients are read.
  const picked = `SELECT i.client_id AS pick_id, 0 AS pick_rank, i.line AS pick_line FROM run_item_view i WHERE ${clause}
    ORDER BY i.line, i.client_id LIMIT @limit OFFSET @offset`;
  const rows = db
    .prepare<Record<string, string | number>, ItemDbRow>(pickedItemsSql(picked))
    .raw()
    .all(params);
  return { total, items: rows.map(toItem) };
}
