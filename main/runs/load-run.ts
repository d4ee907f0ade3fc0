import type { Db } from '../db/open-database.js';
import { AppFailure } from '../../shared/domain/app-error.js';
import { eligibilityReasonSchema } from '../../shared/domain/client.js';
import {
  memberStatusSchema,
  outcomeSchema,
  type Outcome,
  type RunItem,
  type RunSummary,
  type SyncCounts,
} from '../../shared/domain/sync.js';
import { getReportEmailStatus } from './report-email-status.js';
import { computeRunCounts, runCounts } from './run-counts.js';
import { getRun, isResumableRun, parseAppError, type RunRow } from './run-store.js';

/** Filter for a run's items (the `runs:get` / `sync:preview` request shape). */
export type RunItemFilter = { outcome?: Outcome | undefined; search?: string | undefined; offset?: number; limit?: number };

type ItemDbRow = {
  client_id: number;
  line: number;
  name: string;
  email: string;
  group_name: string;
  outcome: string | null;
  reason: string | null;
  member_status: string | null;
  error: string | null;
  shortened: string;
  removal: 'unsubscribed' | 'archived' | null;
  barsy_id: string | null;
  code: string | null;
  email_suggestion: string | null;
};

/** Counts of a run's items by outcome, counted now; `eligible` = clients not skipped by the eligibility rules (`settledOnly`: rows with an outcome). */
export function countRunItems(db: Db, runId: number, opts: { settledOnly?: boolean } = {}): SyncCounts {
  return computeRunCounts(db, runId, opts).counts;
}

function summaryOf(db: Db, run: RunRow): RunSummary {
  const stored = runCounts(db, run);
  const imp = db.prepare<[number], { file_name: string; created_at: string }>('SELECT file_name, created_at FROM imports WHERE id = ?').get(run.import_id);
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
    reportEmail: run.dry_run === 1 ? { status: 'not_required', to: null, sentAt: null, error: null } : getReportEmailStatus(db, run.id),
    ...(run.permission_text ? { permissions: { permission: run.permission_text, granted: stored.permissionsGranted, failed: stored.permissionsFailed } } : {}),
  };
}

/** A run's summary (counts from its per-client rows, so they always add up; stored once it finished). */
export function loadRunSummary(db: Db, runId: number): RunSummary {
  const run = getRun(db, runId);
  if (!run) throw new AppFailure('run_not_found', { runId });
  return summaryOf(db, run);
}

/** Every run, newest first. */
export function listRunSummaries(db: Db, limit = 200): RunSummary[] {
  return db
    .prepare<[number], RunRow>('SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?')
    .all(limit)
    .map((r) => summaryOf(db, r));
}

function toItem(r: ItemDbRow): RunItem {
  const outcome = outcomeSchema.safeParse(r.outcome);
  const reason = eligibilityReasonSchema.safeParse(r.reason);
  const status = memberStatusSchema.safeParse(r.member_status);
  return {
    clientId: r.client_id,
    line: r.line,
    name: r.name,
    email: r.email,
    group: r.group_name,
    outcome: outcome.success ? outcome.data : null,
    reason: reason.success ? reason.data : null,
    memberStatus: status.success ? status.data : null,
    error: parseAppError(r.error),
    shortened: JSON.parse(r.shortened) as RunItem['shortened'],
    removal: r.removal,
    barsyId: r.barsy_id ?? '',
    code: r.code ?? '',
    emailSuggestion: r.email_suggestion,
  };
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
  const where = ['run_id = @runId'];
  const params: Record<string, string | number> = { runId };
  if (filter.outcome) {
    where.push('outcome = @outcome');
    params.outcome = filter.outcome;
  }
  const search = filter.search?.trim() ?? '';
  const searching = search !== '';
  if (searching) {
    withUnicodeLower(db);
    where.push("(unicode_lower(name) LIKE @q ESCAPE '\\' OR unicode_lower(email) LIKE @q ESCAPE '\\' OR unicode_lower(group_name) LIKE @q ESCAPE '\\')");
    params.q = `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  const clause = where.join(' AND ');
  // A finished run's counts are stored: a page of a million-row run costs a page, not a count of every row.
  const stored = run.status === 'running' || searching ? null : runCounts(db, run).counts;
  const total = stored
    ? filter.outcome ? stored[filter.outcome] : stored.clients
    : (db.prepare<Record<string, string | number>, { n: number }>(`SELECT COUNT(*) AS n FROM run_item_view WHERE ${clause}`).get(params)?.n ?? 0);
  params.limit = filter.limit ?? -1;
  params.offset = filter.offset ?? 0;
  // Past the stored count (an outcome no row has): nothing to read, and no scan of the run to find that out.
  if (stored && params.offset >= total) return { total, items: [] };
  // Rows come in export order from the (run, line) index; the client's columns are looked up for the page's rows only.
  const rows = db
    .prepare<Record<string, string | number>, ItemDbRow>(
      `SELECT client_id, line, name, email, group_name, outcome, reason, member_status, error, shortened, removal,
         -- The client as imported (by primary key): Barsy ID and code to find it in Barsy, the corrected email.
         (SELECT barsy_id FROM clients WHERE id = client_id) AS barsy_id, (SELECT code FROM clients WHERE id = client_id) AS code,
         (SELECT email_suggestion FROM clients WHERE id = client_id) AS email_suggestion
       FROM run_item_view WHERE ${clause} ORDER BY line, client_id LIMIT @limit OFFSET @offset`,
    )
    .all(params);
  return { total, items: rows.map(toItem) };
}
