import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open-database.js';
import { migrations } from '../../main/db/migrations/index.js';
import { listRunSummaries, loadRunItems, loadRunSummary } from '../../main/runs/load-run.js';
import { loadRunNotes } from '../../main/runs/run-notes.js';
import { getRun } from '../../main/runs/run-store.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('migration 070 on a database written before it', () => {
  it('keeps every run and row; finished runs get their counts on first read, a running one is counted live', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-070-'));
    dirs.push(dir);
    const file = path.join(dir, 'barsy-sync.sqlite');
    // The database as the previous version left it: migrations before 070 only, two runs (the second
    // a copied plan, as that version stored it) and a run still going.
    const old = openDatabase(file, migrations.filter((m) => m.version < 70));
    const run = old.prepare(
      "INSERT INTO sync_runs (id, list_id, import_id, dry_run, status, removal_policy, started_at, finished_at, permission_text) VALUES (?, 'L1', 1, 0, ?, 'leave', '2026-01-01T00:00:00Z', ?, ?)",
    );
    const item = old.prepare(
      "INSERT INTO run_items (run_id, client_id, line, name, email, email_hash, group_name, action, state, outcome, member_status, error, permission) VALUES (?, ?, ?, ?, ?, ?, 'VIP', ?, 'done', ?, ?, ?, ?)",
    );
    run.run(1, 'completed', '2026-01-01T00:01:00Z', 'Email');
    item.run(1, 10, 3, 'Анна', 'a@x.bg', 'h1', 'create', 'created', null, null, 'granted');
    item.run(1, 11, 2, 'Борис', 'b@x.bg', 'h2', 'create', 'keptStatus', 'pending', null, null);
    item.run(1, 12, 4, 'Вера', '', null, 'skip', 'skipped', null, null, null);
    item.run(1, 13, 5, 'Гошо', 'g@x.bg', 'h4', 'fail', 'failed', null, JSON.stringify({ code: 'mailchimp_forgotten_email', params: {} }), null);
    run.run(2, 'completed', '2026-01-02T00:01:00Z', null);
    for (const [id, line, outcome] of [[10, 3, 'unchanged'], [11, 2, 'keptStatus'], [12, 4, 'skipped'], [13, 5, 'failed']] as const) {
      item.run(2, id, line, `n${id}`, `${id}@x.bg`, `h${id}`, outcome === 'skipped' ? 'skip' : 'unchanged', outcome, null, null, null);
    }
    run.run(3, 'running', null, null);
    item.run(3, 10, 3, 'Анна', 'a@x.bg', 'h1', 'update', null, null, null, null);
    old.close();

    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM run_items').get()).toEqual({ n: 9 });
      expect(getRun(db, 1)?.item_counts).toBeNull();
      const s1 = loadRunSummary(db, 1);
      expect(s1.counts).toEqual({ clients: 4, eligible: 3, created: 1, updated: 0, unchanged: 0, skipped: 1, keptStatus: 1, failed: 1 });
      expect(s1.permissions).toEqual({ permission: 'Email', granted: 1, failed: 0 });
      expect(loadRunNotes(db, 1).reviewHeld).toBe(1);
      // Stored on first read (and reused: the rows are not counted again).
      expect(JSON.parse(getRun(db, 1)!.item_counts!)).toMatchObject({ counts: s1.counts, permissionsGranted: 1, openItems: 0 });
      // Rows in export order from the new index, pages as before.
      expect(loadRunItems(db, 1).items.map((i) => i.line)).toEqual([2, 3, 4, 5]);
      expect(loadRunItems(db, 1, { offset: 1, limit: 2 })).toMatchObject({ total: 4, items: [{ line: 3 }, { line: 4 }] });
      expect(loadRunItems(db, 2, { outcome: 'unchanged' })).toMatchObject({ total: 1, items: [{ clientId: 10, outcome: 'unchanged' }] });
      // A run still going is counted from its rows each time, never stored.
      expect(loadRunSummary(db, 3).counts).toMatchObject({ clients: 1, eligible: 1 });
      expect(getRun(db, 3)?.item_counts).toBeNull();
      expect(listRunSummaries(db).map((s) => [s.runId, s.counts.clients])).toEqual([[3, 1], [2, 4], [1, 4]]);
    } finally {
      db.close();
    }
  });
});
