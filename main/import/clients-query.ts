import type { Client, EligibilityReason } from '../../shared/domain/client.js';
import type { Db } from '../db/open-database.js';
import { clientIdRange, loadClientsByIds } from './client-store.js';
import { eligibilityOf } from './eligibility.js';

export type ClientsQuery = {
  filter: 'all' | 'eligible' | 'ineligible';
  reason?: EligibilityReason;
  search?: string;
  offset: number;
  limit: number;
};

export type ListedClient = Client & { eligible: boolean; allReasons: EligibilityReason[] };

const folded = new WeakSet<Db>();

/** SQLite's lower() only folds ASCII; searching Cyrillic names needs JavaScript's. */
function ensureFoldFunction(db: Db): void {
  if (folded.has(db)) return;
  db.function('barsy_fold', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? s.toLowerCase() : ''));
  folded.add(db);
}

/**
 * One page of an import's clients in file order, filtered by eligibility (against `mapped`), by one
 * reason, and by a case-insensitive search over name, email, code, ID, company and group.
 */
export function queryClients(db: Db, importId: number, mapped: ReadonlySet<string>, q: ClientsQuery): { total: number; items: ListedClient[] } {
  ensureFoldFunction(db);
  // The import's clients are its id range, in file order (see `clientIdRange`).
  const { first, last } = clientIdRange(db, importId);
  const where = ['id BETWEEN @first AND @last'];
  const params: Record<string, string | number> = { first, last, mapped: JSON.stringify([...mapped]) };
  const inMapped = 'group_name IN (SELECT value FROM json_each(@mapped))';
  if (q.filter === 'eligible') where.push(`(reasons = '[]' AND ${inMapped})`);
  if (q.filter === 'ineligible') where.push(`NOT (reasons = '[]' AND ${inMapped})`);
  if (q.reason === 'group_not_mapped') where.push(`NOT ${inMapped}`);
  else if (q.reason) {
    where.push(`instr(reasons, @reason) > 0`);
    params.reason = `"${q.reason}"`;
  }
  const search = q.search?.trim().toLowerCase();
  if (search) {
    where.push(`instr(barsy_fold(name || ' ' || email || ' ' || code || ' ' || barsy_id || ' ' || company || ' ' || group_name), @search) > 0`);
    params.search = search;
  }
  const sql = where.join(' AND ');
  const total = db.prepare<Record<string, string | number>, { n: number }>(`SELECT COUNT(*) AS n FROM clients WHERE ${sql}`).get(params)!.n;
  const ids = db
    .prepare<Record<string, string | number>, { id: number }>(`SELECT id FROM clients WHERE ${sql} ORDER BY id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.limit, offset: q.offset })
    .map((r) => r.id);
  const items = loadClientsByIds(db, importId, ids).map((c) => {
    const verdict = eligibilityOf(c, mapped);
    return { ...c, eligible: verdict.eligible, allReasons: verdict.reasons };
  });
  return { total, items };
}
