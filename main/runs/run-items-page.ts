import type { Db } from '../db/open-database.js';
import { AppFailure } from '../../shared/domain/app-error.js';
import { eligibilityReasonSchema } from '../../shared/domain/client.js';
import { memberStatusSchema, outcomeSchema, type RunItem } from '../../shared/domain/sync.js';
import { getRun, parseAppError } from './run-store.js';

/*
 * A run's rows read without holding them: the report of a 1,000,000-client run needs every row once
 * (its counts, the first rows of each list, the CSV attachment), but never all of them in memory.
 */

/**
 * Which of a run's rows a list holds (all given fields must match). `null` for an outcome, status or
 * reason means "none known", as `RunItem` shows it.
 */
export type RunItemFilter = {
  outcome?: RunItem['outcome'];
  memberStatus?: RunItem['memberStatus'];
  reason?: RunItem['reason'];
  shortened?: true;
  removal?: true;
};

/** A row as read (raw: an array is far cheaper than an object per row of a million), in `ITEM_COLUMNS` order. */
export type ItemDbRow = [
  clientId: number,
  line: number,
  name: string,
  email: string,
  group: string,
  outcome: string | null,
  reason: string | null,
  memberStatus: string | null,
  error: string | null,
  shortened: string,
  removal: 'unsubscribed' | 'archived' | null,
  barsyId: string | null,
  code: string | null,
  emailSuggestion: string | null,
];

// The client as imported (one primary-key lookup): Barsy ID and code to find it in Barsy, the corrected email.
export const ITEM_COLUMNS = `i.client_id, i.line, i.name, i.email, i.group_name, i.outcome, i.reason, i.member_status, i.error, i.shortened, i.removal,
  c.barsy_id, c.code, c.email_suggestion`;
// `run_item_view` (migration 070) is the one way to read a run's rows: a run that took over an earlier plan shows that run's rows.
export const ITEM_FROM = 'run_item_view i LEFT JOIN clients c ON c.id = i.client_id';

const OUTCOMES = new Set<string>(outcomeSchema.options);
const STATUSES = new Set<string>(memberStatusSchema.options);
const REASONS = new Set<string>(eligibilityReasonSchema.options);
const known = <T extends string>(set: Set<string>, v: string | null): T | null => (v !== null && set.has(v) ? (v as T) : null);

/** A raw row (`ITEM_COLUMNS` order) as the run item every reader returns. */
export function toItem(r: ItemDbRow): RunItem {
  return {
    clientId: r[0],
    line: r[1],
    name: r[2],
    email: r[3],
    group: r[4],
    outcome: known(OUTCOMES, r[5]),
    reason: known(REASONS, r[6]),
    memberStatus: known(STATUSES, r[7]),
    error: parseAppError(r[8]),
    shortened: r[9] === '[]' ? [] : (JSON.parse(r[9]) as RunItem['shortened']),
    removal: r[10],
    barsyId: r[11] ?? '',
    code: r[12] ?? '',
    emailSuggestion: r[13],
  };
}

function requireRun(db: Db, runId: number): void {
  if (!getRun(db, runId)) throw new AppFailure('run_not_found', { runId });
}

/** `column` holds `value`, or (for null) no value this version knows — the way `toItem` reads it. */
function columnIs(column: string, value: string | null, knownValues: Set<string>): string {
  if (value !== null) return `${column} = '${value.replace(/'/g, "''")}'`;
  return `(${column} IS NULL OR ${column} NOT IN (${[...knownValues].map((v) => `'${v}'`).join(', ')}))`;
}

/** The filter as an SQL condition on `run_item_view` (values come from closed enums, checked here). */
function filterSql(f: RunItemFilter): string {
  const parts: string[] = [];
  const check = (set: Set<string>, v: string | null | undefined) => {
    if (v != null && !set.has(v)) throw new Error(`unknown filter value ${v}`);
  };
  check(OUTCOMES, f.outcome);
  check(STATUSES, f.memberStatus);
  check(REASONS, f.reason);
  if (f.outcome !== undefined) parts.push(columnIs('outcome', f.outcome, OUTCOMES));
  if (f.memberStatus !== undefined) parts.push(columnIs('member_status', f.memberStatus, STATUSES));
  if (f.reason !== undefined) parts.push(columnIs('reason', f.reason, REASONS));
  if (f.shortened) parts.push("shortened <> '[]'");
  if (f.removal) parts.push('removal IS NOT NULL');
  return parts.length > 0 ? parts.join(' AND ') : '1';
}

/** Does a row held in memory (or a group of rows) belong to the list? The same rule as the SQL, for runs not stored. */
export function itemMatches(f: RunItemFilter, i: Pick<RunItem, 'outcome' | 'memberStatus' | 'reason'> & Partial<Pick<RunItem, 'shortened' | 'removal'>>): boolean {
  return (
    (f.outcome === undefined || i.outcome === f.outcome) &&
    (f.memberStatus === undefined || i.memberStatus === f.memberStatus) &&
    (f.reason === undefined || i.reason === f.reason) &&
    (!f.shortened || (i.shortened?.length ?? 0) > 0) &&
    (!f.removal || (i.removal ?? null) !== null)
  );
}

/** How many rows of a run each filter holds: one pass over the run in SQLite, whatever the number of filters. */
export function countRunItemsWhere<K extends string>(db: Db, runId: number, filters: Record<K, RunItemFilter>): Record<K, number> {
  requireRun(db, runId);
  const keys = Object.keys(filters) as K[];
  const row = db
    .prepare<[number], number[]>(`SELECT ${keys.map((k) => `COALESCE(SUM(${filterSql(filters[k])}), 0)`).join(', ')} FROM run_item_view WHERE run_id = ?`)
    .raw()
    .get(runId)!;
  return Object.fromEntries(keys.map((k, i) => [k, row[i]!])) as Record<K, number>;
}

/**
 * How many rows of a run with one of `outcomes` have each (outcome, status, reason): a pass over the
 * run that groups only those rows (few, next to a million created or unchanged ones).
 */
export function countRunItemGroups(
  db: Db,
  runId: number,
  outcomes: ReadonlyArray<NonNullable<RunItem['outcome']>>,
): Array<Pick<RunItem, 'outcome' | 'memberStatus' | 'reason'> & { n: number }> {
  requireRun(db, runId);
  return db
    .prepare<[number, string], { outcome: string | null; member_status: string | null; reason: string | null; n: number }>(
      'SELECT outcome, member_status, reason, COUNT(*) AS n FROM run_item_view WHERE run_id = ? AND outcome IN (SELECT value FROM json_each(?)) GROUP BY 1, 2, 3',
    )
    .all(runId, JSON.stringify(outcomes))
    .map((g) => ({ outcome: known(OUTCOMES, g.outcome), memberStatus: known(STATUSES, g.member_status), reason: known(REASONS, g.reason), n: g.n }));
}

/**
 * Reads the rows a query chose: `picked` selects `pick_id` (client id), `pick_rank` and `pick_line` of run
 * `@runId`, ordered and limited; the clients' columns are then looked up for those rows only. (Joined
 * before a LIMIT/OFFSET, every row skipped on the way would cost a lookup: a page in the middle of a
 * million-row run took ~0.25 s instead of milliseconds.) Rows come in rank, then export order.
 */
export function pickedItemsSql(picked: string): string {
  return `SELECT ${ITEM_COLUMNS} FROM (${picked}) p JOIN ${ITEM_FROM}
    WHERE i.run_id = @runId AND i.client_id = p.pick_id ORDER BY p.pick_rank, p.pick_line, p.pick_id`;
}

/** The first `limit` rows of a run a filter holds, in export (line) order. */
export function firstRunItemsWhere(db: Db, runId: number, filter: RunItemFilter, limit: number): RunItem[] {
  const picked = `SELECT client_id AS pick_id, 0 AS pick_rank, line AS pick_line FROM run_item_view
    WHERE run_id = @runId AND ${filterSql(filter)} ORDER BY line, client_id LIMIT @limit`;
  return db.prepare<{ runId: number; limit: number }, ItemDbRow>(pickedItemsSql(picked)).raw().all({ runId, limit }).map(toItem);
}

/**
 * Calls `each` with every row of a run in export (line) order, one row at a time (from the run's line
 * index, not sorted). Synchronous on purpose: the connection is busy while the rows stream, so nothing
 * else may use it in between. Returns the number of rows.
 */
export function eachRunItem(db: Db, runId: number, each: (item: RunItem) => void): number {
  requireRun(db, runId);
  let n = 0;
  for (const r of db.prepare<[number], ItemDbRow>(`SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM} WHERE i.run_id = ? ORDER BY i.line, i.client_id`).raw().iterate(runId)) {
    each(toItem(r));
    n += 1;
  }
  return n;
}
