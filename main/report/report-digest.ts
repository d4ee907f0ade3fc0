import type { Db } from '../db/open-database.js';
import { ELIGIBILITY_REASONS } from '../../shared/domain/client.js';
import { memberStatusSchema, outcomeSchema, type Outcome, type RunItem, type RunSummary } from '../../shared/domain/sync.js';
import { loadRunSummary } from '../runs/load-run.js';
import { loadRunNotes, type RunNotes } from '../runs/run-notes.js';
import { firstRunItemsWhere, itemMatches, type RunItemFilter } from '../runs/run-items-page.js';
import type { RunData } from '../runs/run-data.js';
import { tallyRunItems } from './run-item-tally.js';

/** How many of a run's clients are listed with each outcome (`none`: not settled yet), and in all. */
export type ListedCounts = Record<Outcome, number> & { none: number; all: number };

/** A list of the report: how many clients it has, and the first of them in export order. */
export type DigestSection = { total: number; items: RunItem[] };

/**
 * What the report shows of a run, without every row: its summary, the clients counted by outcome,
 * and per list (failed, kept by status, skipped by reason, shortened, removals, created, updated)
 * its size and its first rows. A 1,000,000-client run's email is built from this.
 */
export type RunDigest = { summary: RunSummary; notes?: RunNotes | undefined; listed: ListedCounts; sections: Map<string, DigestSection> };

/** The report's lists, by id (the model decides their order, titles and how many rows each shows). */
export const SECTIONS: Readonly<Record<string, RunItemFilter>> = {
  failed: { outcome: 'failed' },
  ...Object.fromEntries(memberStatusSchema.options.map((s) => [`kept-${s}`, { outcome: 'keptStatus', memberStatus: s }])),
  'kept-other': { outcome: 'keptStatus', memberStatus: null },
  ...Object.fromEntries(ELIGIBILITY_REASONS.map((r) => [`skipped-${r}`, { outcome: 'skipped', reason: r }])),
  'skipped-other': { outcome: 'skipped', reason: null },
  shortened: { shortened: true },
  removals: { removal: true },
  created: { outcome: 'created' },
  updated: { outcome: 'updated' },
};
/** Every client counted once, by outcome: what the summary's counts must equal. */
const OUTCOMES: Record<Outcome | 'none', RunItemFilter> = {
  ...(Object.fromEntries(outcomeSchema.options.map((o) => [o, { outcome: o }])) as Record<Outcome, RunItemFilter>),
  none: { outcome: null },
};
/** Lists whose size is that of their outcome. */
const WHOLE_OUTCOME = new Set(['failed', 'created', 'updated']);

function listedOf(count: (f: RunItemFilter, key: string) => number): ListedCounts {
  const listed = Object.fromEntries(Object.entries(OUTCOMES).map(([k, f]) => [k, count(f, `o:${k}`)])) as Record<Outcome | 'none', number>;
  return { ...listed, all: Object.values(listed).reduce((a, b) => a + b, 0) };
}

/** The digest of a run held in memory (tests, small runs): the same lists, by the same rules, as for a stored run. */
export function digestOfItems(data: RunData, cap: number): RunDigest {
  const items = [...data.items].sort((a, b) => a.line - b.line || a.clientId - b.clientId);
  const sections = new Map<string, DigestSection>();
  for (const [id, f] of Object.entries(SECTIONS)) {
    const all = items.filter((i) => itemMatches(f, i));
    if (all.length > 0) sections.set(id, { total: all.length, items: all.slice(0, cap) });
  }
  return { summary: data.summary, notes: data.notes, listed: listedOf((f) => items.filter((i) => itemMatches(f, i)).length), sections };
}

/**
 * The digest of a stored run: every count from the run's indexes (`run-item-tally.ts`), then the first
 * `cap` rows of each list that has any, each read from an index range up to the cap; all in one read
 * transaction, so the summary and the lists come from the same snapshot. Throws `run_not_found` for an
 * unknown run.
 */
export function digestOfRun(db: Db, runId: number, cap: number): RunDigest {
  return db.transaction((): RunDigest => {
    const summary = loadRunSummary(db, runId);
    const counts = tallyRunItems(db, runId);
    const totalOf = (id: string, f: RunItemFilter): number => {
      if (WHOLE_OUTCOME.has(id)) return counts[`o:${f.outcome}`] ?? 0;
      if (id === 'shortened' || id === 'removals') return counts[`s:${id}`] ?? 0;
      return counts[id] ?? 0;
    };
    const sections = new Map<string, DigestSection>();
    for (const [id, f] of Object.entries(SECTIONS)) {
      const total = totalOf(id, f);
      if (total > 0) sections.set(id, { total, items: firstRunItemsWhere(db, runId, f, cap) });
    }
    return { summary, notes: loadRunNotes(db, runId), listed: listedOf((_, key) => counts[key] ?? 0), sections };
  })();
}
