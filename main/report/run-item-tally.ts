import type { Db } from '../db/open-database.js';
import { eligibilityReasonSchema } from '../../shared/domain/client.js';
import { memberStatusSchema, outcomeSchema } from '../../shared/domain/sync.js';

/*
 * Every count a report needs of a run in one pass over its rows. In SQLite each aggregate costs about
 * as much per row as reading the row, so the counts are packed three to an aggregate (21 bits each):
 * 8 aggregates instead of 9 plus a grouping pass — ~0.55 s instead of ~0.9 s for 1,000,000 rows.
 */

/** 21 bits per count: three sum to under 2^63, exact for runs of up to 2,097,151 rows. */
const BITS = 2n ** 21n;
const LIMIT = Number(BITS);

/** The lists counted by value; the values are the closed enums' own (zod options), never user input. */
const SPLITS = [
  { column: 'outcome', values: outcomeSchema.options, key: (v: string) => `o:${v}`, other: 'o:none', of: null },
  { column: "CASE outcome WHEN 'keptStatus' THEN member_status END", values: memberStatusSchema.options, key: (v: string) => `kept-${v}`, other: 'kept-other', of: 'o:keptStatus' },
  { column: "CASE outcome WHEN 'skipped' THEN reason END", values: eligibilityReasonSchema.options, key: (v: string) => `skipped-${v}`, other: 'skipped-other', of: 'o:skipped' },
] as const;

/**
 * A run's rows counted: `all`; by outcome `o:<outcome>` and `o:none` (none this version knows); kept by
 * status `kept-<status>`, `kept-other`; skipped by reason `skipped-<reason>`, `skipped-other`; and
 * `s:shortened`, `s:removals`. Null for a run too big to pack (the caller counts the slow way).
 */
export function tallyRunItems(db: Db, runId: number): Record<string, number> | null {
  const sums = ['COUNT(*)', `SUM((shortened <> '[]') + ${BITS} * (removal IS NOT NULL))`];
  const keys: string[][] = [['all'], ['s:shortened', 's:removals']];
  for (const split of SPLITS) {
    for (let i = 0; i < split.values.length; i += 3) {
      const part = split.values.slice(i, i + 3);
      sums.push(`SUM(CASE ${split.column} ${part.map((v, j) => `WHEN '${v}' THEN ${BITS ** BigInt(j)}`).join(' ')} ELSE 0 END)`);
      keys.push(part.map(split.key));
    }
  }
  const row = db.prepare<[number], Array<bigint | null>>(`SELECT ${sums.join(', ')} FROM run_item_view WHERE run_id = ?`).raw().safeIntegers().get(runId)!;
  if (Number(row[0] ?? 0n) >= LIMIT) return null;
  const tally: Record<string, number> = {};
  keys.forEach((names, i) => {
    let packed = row[i] ?? 0n;
    for (const name of names) {
      tally[name] = Number(packed % BITS);
      packed /= BITS;
    }
  });
  // What no known value holds: an outcome, status or reason this version does not know, or none.
  for (const split of SPLITS) {
    const whole = split.of === null ? tally.all! : tally[split.of]!;
    tally[split.other] = whole - split.values.reduce((sum, v) => sum + tally[split.key(v)]!, 0);
  }
  return tally;
}
