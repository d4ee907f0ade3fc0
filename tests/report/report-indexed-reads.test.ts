import fs from 'node:fs';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunItem } from '../../shared/domain/sync.js';
import { outcomeSchema } from '../../shared/domain/sync.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { attachmentTiers, ATTACHMENT_LIMITS, writeReportAttachment } from '../../main/report/report-attachment.js';
import { digestOfItems, digestOfRun, SECTIONS } from '../../main/report/report-digest.js';
import { reportCap } from '../../main/report/report-document.js';
import { tallyRunItems } from '../../main/report/run-item-tally.js';
import { firstRunItemsSql, firstRunItemsWhere, itemMatches, type RunItemFilter } from '../../main/runs/run-items-page.js';
import { loadRunData } from '../../main/runs/run-data.js';
import { takeOverPlan } from '../../main/runs/plan-reuse.js';
import { createRun, finishRun } from '../../main/runs/run-store.js';
import { item, runOf } from '../helpers/report/synthetic-run.js';
import { storeRun } from '../helpers/report/stored-run.js';

/*
 * The report reads a run's counts, its lists' first rows and its attachment's rows from the run's indexes
 * (migration 075) instead of passing over every row. They must be exactly what the rows say, for a run
 * with rows of its own and for one that took over an earlier run's plan (whose rows it shows, created
 * and updated as unchanged, without removals) — and the reads must stay on the indexes.
 */
let app: TempApp;
beforeEach(() => {
  app = createTempApp('barsy-report-indexed-');
});
afterEach(async () => {
  await app.cleanup();
});

/** Every kind of row, overlaps included; values this version does not know are written raw below. */
const KINDS: Array<Partial<RunItem> & Pick<RunItem, 'outcome'>> = [
  { outcome: 'created' },
  { outcome: 'unchanged', removal: 'unsubscribed' },
  { outcome: 'updated' },
  { outcome: 'skipped', reason: 'deleted' },
  { outcome: 'failed', error: { code: 'internal', params: {} } },
  { outcome: 'created', shortened: [{ tag: 'NOTES', originalBytes: 300, sentValue: 'бележка' }] },
  { outcome: 'keptStatus', memberStatus: 'pending' },
  { outcome: null },
  { outcome: 'updated', removal: 'archived' },
  { outcome: 'keptStatus', memberStatus: 'unsubscribed', shortened: [{ tag: 'ADDRESS', originalBytes: 280, sentValue: 'ул.' }] },
  { outcome: 'skipped', reason: 'invalid_email' },
  { outcome: 'created', removal: 'archived' },
  { outcome: 'keptStatus', memberStatus: null },
  { outcome: 'skipped', reason: null },
  { outcome: 'unchanged' },
];

/** A stored run of `n` rows of every kind (client ids against the lines), plus a status and a reason no version knows. */
function storeMixed(n: number): number {
  const items = Array.from({ length: n }, (_, k) => item(k + 2, { clientId: 10 * n - k, ...KINDS[k % KINDS.length]! }));
  const runId = storeRun(app.ctx.db, runOf(items, { status: 'interrupted' }));
  const db = app.ctx.db;
  db.prepare("UPDATE run_items SET member_status = 'vip-hold' WHERE run_id = ? AND line IN (SELECT line FROM run_items WHERE run_id = ? AND outcome = 'keptStatus' ORDER BY line LIMIT 3)").run(runId, runId);
  db.prepare("UPDATE run_items SET reason = 'future_reason' WHERE run_id = ? AND line IN (SELECT line FROM run_items WHERE run_id = ? AND outcome = 'skipped' ORDER BY line LIMIT 2)").run(runId, runId);
  return runId;
}

/** A completed run that took over `from`'s plan, as a no-change re-sync does. */
function takeOver(from: number): number {
  const db = app.ctx.db;
  const run = db.prepare('SELECT list_id, import_id FROM sync_runs WHERE id = ?').get(from) as { list_id: string; import_id: number };
  const runId = createRun(db, { listId: run.list_id, audienceName: 'x', importId: run.import_id, dryRun: false, removalPolicy: 'leave' });
  takeOverPlan(db, from, runId);
  finishRun(db, runId, { status: 'completed', activeMs: 1, requests: 1 });
  return runId;
}

/** Every list a report or the app reads by, each outcome (and none) included. */
const FILTERS: Record<string, RunItemFilter> = {
  ...SECTIONS,
  ...Object.fromEntries(outcomeSchema.options.map((o) => [`o:${o}`, { outcome: o }])),
  'o:none': { outcome: null },
};

const byLine = (a: RunItem, b: RunItem) => a.line - b.line || a.clientId - b.clientId;

describe.each([
  ['a run with rows of its own', (runId: number) => runId],
  ['a run that took over its plan', takeOver],
])('the report of %s, read from the indexes', (_name, which) => {
  it('counts every list as its rows do', () => {
    const runId = which(storeMixed(450));
    // Every row as the view shows it, in memory: the rule, not the indexes.
    const rows = loadRunData(app.ctx.db, runId).items;
    const tally = tallyRunItems(app.ctx.db, runId);
    expect(tally.all).toBe(450);
    const want: Record<string, number> = {
      ...Object.fromEntries(Object.entries(FILTERS).map(([k, f]) => [k, rows.filter((i) => itemMatches(f, i)).length])),
      's:shortened': rows.filter((i) => i.shortened.length > 0).length,
      's:removals': rows.filter((i) => i.removal !== null).length,
    };
    // Every count the tally gives is checked (its lists by status or reason, its outcomes, shortened, removed).
    expect(Object.keys(tally).filter((k) => k !== 'all' && !(k in want))).toEqual([]);
    for (const key of Object.keys(tally)) if (key !== 'all') expect([key, tally[key]]).toEqual([key, want[key]]);
    expect(tally['kept-other']).toBeGreaterThanOrEqual(3);
    expect(tally['skipped-other']).toBeGreaterThanOrEqual(2);
    expect(tally['o:none']).toBe(30);
  });

  it('reads the first rows of every list in file order, and a whole list when asked for more than it has', () => {
    const runId = which(storeMixed(450));
    const rows = loadRunData(app.ctx.db, runId).items.sort(byLine);
    for (const [key, f] of Object.entries(FILTERS)) {
      const all = rows.filter((i) => itemMatches(f, i));
      expect([key, firstRunItemsWhere(app.ctx.db, runId, f, 7)]).toEqual([key, all.slice(0, 7)]);
      expect([key, firstRunItemsWhere(app.ctx.db, runId, f, 1000)]).toEqual([key, all]);
    }
    // The digest (counts and first rows of each list) equals the one made from the rows held in memory.
    const stored = digestOfRun(app.ctx.db, runId, reportCap('email'));
    const held = digestOfItems(loadRunData(app.ctx.db, runId), reportCap('email'));
    expect(stored.listed).toEqual(held.listed);
    expect(stored.sections).toEqual(held.sections);
  });

  it('attaches the first rows by importance, each list in file order', () => {
    const runId = which(storeMixed(600));
    const rows = loadRunData(app.ctx.db, runId).items;
    const tiers = attachmentTiers();
    const rank = (i: RunItem) => tiers.findIndex((t) => itemMatches(t.filter, i));
    const want = [...rows].sort((a, b) => rank(a) - rank(b) || byLine(a, b));
    const digest = digestOfRun(app.ctx.db, runId, reportCap('email'));
    for (const shown of [35, 420, 599]) {
      const dir = fs.mkdtempSync(`${app.dir}/att-`);
      const att = writeReportAttachment(app.ctx.db, digest, 'en', dir, { ...ATTACHMENT_LIMITS, fullRows: 100, partialRows: shown });
      const lines = Papa.parse<string[]>(fs.readFileSync(att.path, 'utf8').replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true }).data.slice(2);
      expect(lines.map((r) => Number(r[0]))).toEqual(want.slice(0, shown).map((i) => i.line));
    }
  });
});

describe('the report\u2019s reads of a run stay on its indexes', () => {
  const plan = (sql: string, params: Record<string, number> = { runId: 1, limit: 50 }) =>
    (app.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');

  it('reads each list and each attachment tier from the kind or the marked index, never by walking the run', () => {
    for (const takenOver of [false, true]) {
      const tiers = attachmentTiers();
      const lists: Array<[string, RunItemFilter, RunItemFilter[]]> = [
        ...Object.entries(SECTIONS).map(([id, f]): [string, RunItemFilter, RunItemFilter[]] => [id, f, []]),
        // An attachment tier: a list's rows that no earlier list holds.
        ...tiers.map((t, at): [string, RunItemFilter, RunItemFilter[]] => [`tier ${t.id}`, t.filter, tiers.slice(0, at).map((e) => e.filter)]),
      ];
      for (const [id, f, except] of lists) {
        const sql = firstRunItemsSql(f, takenOver, except);
        // Rows with no outcome have no index; a run that took over a plan has no created, updated or removed rows.
        if (id === 'tier none') continue;
        if (sql === null) {
          expect([id, takenOver && /^(tier )?(created|updated|removals)$/.test(id)]).toEqual([id, true]);
          continue;
        }
        expect([id, takenOver, plan(sql)]).toEqual([id, takenOver, expect.stringMatching(/USING (COVERING )?INDEX run_items_(kind|marked)/)]);
        expect(plan(sql)).not.toMatch(/run_items_line|run_items_client|SCAN run_items/);
      }
    }
    // The counts walk the indexes only.
    expect(plan("SELECT stored_kind, COUNT(*) FROM run_item_view WHERE run_id = @runId AND stored_kind > '' GROUP BY stored_kind", { runId: 1 })).toMatch(/INDEX run_items_kind/);
  });

  it('leaves the run store\u2019s per-batch writes on the client index (an index led by the outcome would be walked for every batch)', () => {
    // The statements `itemWriters` (main/runs/run-store.ts) runs for each batch of a sync.
    const writes = [
      "UPDATE run_items SET state = 'done', outcome = 'created' WHERE run_id = @runId AND outcome IS NULL AND client_id IN (SELECT value FROM json_each('[1,2]'))",
      "UPDATE run_items SET state = 'sent', attempts = attempts + 1 WHERE run_id = @runId AND client_id IN (SELECT value FROM json_each('[1,2]'))",
      "UPDATE run_items SET state = 'done', outcome = 'failed', member_status = NULL, error = NULL WHERE run_id = @runId AND client_id = 5 AND outcome IS NULL",
    ];
    for (const sql of writes) expect(plan(sql, { runId: 1 })).toMatch(/INDEX run_items_client/);
  });
});
