import type { Db } from '../db/open-database.js';
import { AppFailure } from '../../shared/domain/app-error.js';
import { eligibilityReasonSchema } from '../../shared/domain/client.js';
import { memberStatusSchema, outcomeSchema, type RunItem } from '../../shared/domain/sync.js';
import { getRun, parseAppError, type RunRow } from './run-store.js';

/*
 * A run's rows read without holding them: the report of a 1,000,000-client run needs its counts, the
 * first rows of each list and its attachment's first rows by importance (read from migration 075's
 * indexes, not by a pass over the rows), and the export every row once, never all of them in memory.
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

function requireRun(db: Db, runId: number): RunRow {
  const run = getRun(db, runId);
  if (!run) throw new AppFailure('run_not_found', { runId });
  return run;
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

/** A run's rows counted from migration 075's indexes: by (outcome, status or reason) as the view shows them, shortened, removed, all. */
export type RunItemKindCounts = {
  kinds: Array<Pick<RunItem, 'outcome' | 'memberStatus' | 'reason'> & { n: number }>;
  shortened: number;
  removals: number;
  all: number;
};

/** Whether a run shows the rows of an earlier run whose plan it took over (`run_item_view`). */
const takesOver = (db: Db, runId: number): boolean => requireRun(db, runId).items_run_id !== null;

/**
 * The stored outcomes of the rows the view shows with `outcome` (null: not settled). A run that took
 * over a plan shows what its holding run created or updated as unchanged (migration 070's view); the
 * indexes hold what is stored, so a read by outcome must name what is stored.
 */
function storedOutcomes(outcome: NonNullable<RunItem['outcome']>, takenOver: boolean): string[] {
  if (!takenOver) return [outcome];
  if (outcome === 'unchanged') return ['created', 'updated', 'unchanged'];
  return outcome === 'created' || outcome === 'updated' ? [] : [outcome];
}

/**
 * Every count a report needs of a run, without a pass over its rows: the settled rows by kind walk
 * migration 075's kind index, the shortened and removed ones its small index of marked rows, the total
 * the line index (no table rows are read for any of them). ~0.1 s for 1,000,000 rows, where a pass
 * over the rows took 0.6–0.9 s.
 */
export function countRunItemKinds(db: Db, runId: number): RunItemKindCounts {
  const takenOver = takesOver(db, runId);
  const all = db.prepare<[number], number>('SELECT COUNT(*) FROM run_item_view WHERE run_id = ?').pluck().get(runId)!;
  // `stored_kind > ''` (not IS NOT NULL): the term SQLite needs to see that the partial index holds every row asked for.
  const kinds = db
    .prepare<[number], { kind: string; n: number }>("SELECT stored_kind AS kind, COUNT(*) AS n FROM run_item_view WHERE run_id = ? AND stored_kind > '' GROUP BY stored_kind")
    .all(runId)
    .map(({ kind, n }) => {
      const at = kind.indexOf(':');
      const stored = at < 0 ? kind : kind.slice(0, at);
      const sub = at < 0 ? null : kind.slice(at + 1);
      // As the view shows it (the inverse of `storedOutcomes`).
      const outcome = known<NonNullable<RunItem['outcome']>>(OUTCOMES, takenOver && (stored === 'created' || stored === 'updated') ? 'unchanged' : stored);
      return {
        outcome,
        memberStatus: outcome === 'keptStatus' ? known<NonNullable<RunItem['memberStatus']>>(STATUSES, sub) : null,
        reason: outcome === 'skipped' ? known<NonNullable<RunItem['reason']>>(REASONS, sub) : null,
        n,
      };
    });
  const marked = db
    .prepare<[number], [number, number]>(
      `SELECT COALESCE(SUM(shortened <> '[]'), 0), COALESCE(SUM(removal IS NOT NULL), 0) FROM run_item_view WHERE run_id = ? AND ${MARKED}`,
    )
    .raw()
    .get(runId)!;
  return { kinds, shortened: marked[0], removals: marked[1], all };
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

/** The rows migration 075's small index holds (a shortened value or a removal stored), spelt as that index's condition. */
const MARKED = "(shortened <> '[]' OR stored_removal IS NOT NULL)";

/**
 * Conditions that reach a filter's rows through migration 075's indexes, one per range of an index read in
 * export order; they only narrow what is read (the filter still decides, on the view's own columns).
 * Null: no index narrows the filter (rows not settled, or no condition), so the run is read in line order.
 */
function indexRanges(f: RunItemFilter, takenOver: boolean): string[] | null {
  if (f.shortened || f.removal) return [MARKED];
  if (f.outcome === undefined || f.outcome === null) return null;
  return storedOutcomes(f.outcome, takenOver).map((o) => {
    const sub = o === 'keptStatus' ? f.memberStatus : o === 'skipped' ? f.reason : undefined;
    // A status or reason this version knows is one kind; any other (or none) is somewhere in the outcome's range.
    if (sub) return `stored_kind = '${o}:${sub}'`;
    return o === 'keptStatus' || o === 'skipped' ? `stored_kind >= '${o}' AND stored_kind < '${o};'` : `stored_kind = '${o}'`;
  });
}

/** No row can be in both lists: they name different outcomes, or the same outcome with different statuses or reasons. */
function disjoint(a: RunItemFilter, b: RunItemFilter): boolean {
  if (a.outcome === undefined || b.outcome === undefined) return false;
  if (a.outcome !== b.outcome) return true;
  return (a.memberStatus !== undefined && b.memberStatus !== undefined && a.memberStatus !== b.memberStatus) || (a.reason !== undefined && b.reason !== undefined && a.reason !== b.reason);
}

/**
 * The query behind `firstRunItemsWhere` (parameters `@runId`, `@limit`) for a run that took over a plan
 * or not; null when no row of such a run can match.
 */
export function firstRunItemsSql(filter: RunItemFilter, takenOver: boolean, except: readonly RunItemFilter[] = []): string | null {
  const ranges = indexRanges(filter, takenOver);
  if (ranges?.length === 0) return null;
  // Only the lists a row of this one can also be in are checked (a failed row is never in a kept list).
  const outside = except.filter((e) => !disjoint(e, filter)).map((e) => ` AND NOT IFNULL(${filterSql(e)}, 0)`).join('');
  const first = (range: string) => `SELECT * FROM (SELECT * FROM run_item_view
    WHERE run_id = @runId AND ${range} AND ${filterSql(filter)}${outside} ORDER BY line, client_id LIMIT @limit)`;
  // Several ranges (an unchanged list of a run that took over a plan): the first rows of each, merged.
  // The clients' columns are looked up for the chosen rows only.
  const chosen = `${(ranges ?? ['1']).map(first).join(' UNION ALL ')} ORDER BY line, client_id LIMIT @limit`;
  return `SELECT ${ITEM_COLUMNS} FROM (${chosen}) i LEFT JOIN clients c ON c.id = i.client_id ORDER BY i.line, i.client_id`;
}

/**
 * The first `limit` rows of a run a filter holds and none of the `except` lists does, in export (line)
 * order. Read from the range of an index the filter names, up to the limit (a list of 5 rows in a
 * million costs 5 reads, not a pass over the run).
 */
export function firstRunItemsWhere(db: Db, runId: number, filter: RunItemFilter, limit: number, except: readonly RunItemFilter[] = []): RunItem[] {
  const sql = firstRunItemsSql(filter, takesOver(db, runId), except);
  return sql ? db.prepare<{ runId: number; limit: number }, ItemDbRow>(sql).raw().all({ runId, limit }).map(toItem) : [];
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
