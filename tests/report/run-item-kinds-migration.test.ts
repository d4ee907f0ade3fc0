import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open-database.js';
import { migrations } from '../../main/db/migrations/index.js';
import { digestOfItems, digestOfRun } from '../../main/report/report-digest.js';
import { tallyRunItems } from '../../main/report/run-item-tally.js';
import { loadRunData } from '../../main/runs/run-data.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** The view's columns as migration 070 made them (075 only adds columns after them). */
const VIEW_070 = `run_id, client_id, line, name, email, email_hash, group_name, action, state, attempts, outcome, reason, member_status, error,
  shortened, removal, permission, permission_error`;

describe('migration 075 on a database written before it', () => {
  it('keeps every run and row, shows them as before, and the report reads them from the new indexes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-075-'));
    dirs.push(dir);
    const file = path.join(dir, 'barsy-sync.sqlite');
    // The database as the previous version left it: a finished run with rows of every kind, a run that
    // took over its plan, and a run still going.
    const old = openDatabase(file, migrations.filter((m) => m.version < 75));
    const run = old.prepare(
      "INSERT INTO sync_runs (id, list_id, import_id, dry_run, status, removal_policy, started_at, finished_at, items_run_id) VALUES (?, 'L1', 1, 0, ?, 'leave', '2026-01-01T00:00:00Z', ?, ?)",
    );
    const item = old.prepare(
      "INSERT INTO run_items (run_id, client_id, line, name, email, email_hash, group_name, action, state, outcome, reason, member_status, error, shortened, removal) VALUES (?, ?, ?, ?, ?, ?, 'VIP', ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    run.run(1, 'completed', '2026-01-01T00:01:00Z', null);
    const rows: Array<[number, string, string | null, string | null, string | null, string | null, string, string | null]> = [
      [3, 'create', 'created', null, null, null, '[]', null],
      [2, 'kept', 'keptStatus', null, 'pending', null, '[]', null],
      [4, 'skip', 'skipped', 'no_email', null, null, '[]', null],
      [5, 'fail', 'failed', null, null, JSON.stringify({ code: 'internal', params: {} }), '[{"tag":"NOTES","originalBytes":300,"sentValue":"x"}]', null],
      [6, 'update', 'updated', null, null, null, '[{"tag":"ADDRESS","originalBytes":280,"sentValue":"y"}]', 'archived'],
      [7, 'unchanged', 'unchanged', null, null, null, '[]', 'unsubscribed'],
      [8, 'kept', 'keptStatus', null, 'some-new-status', null, '[]', null],
    ];
    for (const [line, action, outcome, reason, status, error, shortened, removal] of rows) {
      item.run(1, 100 + line, line, `Клиент ${line}`, `c${line}@x.bg`, `h${line}`, action, 'done', outcome, reason, status, error, shortened, removal);
    }
    run.run(2, 'completed', '2026-01-02T00:01:00Z', 1);
    run.run(3, 'running', null, null);
    item.run(3, 101, 2, 'Анна', 'a@x.bg', 'h1', 'update', 'planned', null, null, null, null, '[]', null);
    const before = [1, 2, 3].map((id) => old.prepare(`SELECT ${VIEW_070} FROM run_item_view WHERE run_id = ? ORDER BY line`).all(id));
    old.close();

    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...migrations.map((m) => m.version)));
      expect(db.prepare('SELECT COUNT(*) AS n FROM run_items').get()).toEqual({ n: rows.length + 1 });
      // The view shows every run's rows exactly as before.
      for (const [i, id] of [1, 2, 3].entries()) expect(db.prepare(`SELECT ${VIEW_070} FROM run_item_view WHERE run_id = ? ORDER BY line`).all(id)).toEqual(before[i]);
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'run_items' ORDER BY name").pluck().all();
      expect(indexes).toEqual(expect.arrayContaining(['run_items_kind', 'run_items_marked']));
      // The new columns hold what is stored (the taken-over run's created and updated rows included).
      expect(db.prepare('SELECT line, outcome, stored_kind, removal, stored_removal FROM run_item_view WHERE run_id = 2 AND line IN (6, 8) ORDER BY line').all()).toEqual([
        { line: 6, outcome: 'unchanged', stored_kind: 'updated', removal: null, stored_removal: 'archived' },
        { line: 8, outcome: 'keptStatus', stored_kind: 'keptStatus:some-new-status', removal: null, stored_removal: null },
      ]);
      // The report of each run, read from the indexes, is the report of its rows.
      for (const id of [1, 2]) {
        const digest = digestOfRun(db, id, 50);
        const held = digestOfItems(loadRunData(db, id), 50);
        expect(digest.listed).toEqual(held.listed);
        expect(digest.sections).toEqual(held.sections);
      }
      expect(tallyRunItems(db, 1)).toMatchObject({ all: 7, 'kept-pending': 1, 'kept-other': 1, 'skipped-no_email': 1, 's:shortened': 2, 's:removals': 2, 'o:none': 0 });
      expect(tallyRunItems(db, 2)).toMatchObject({ all: 7, 'o:created': 0, 'o:updated': 0, 'o:unchanged': 3, 's:shortened': 2, 's:removals': 0 });
      expect(tallyRunItems(db, 3)).toMatchObject({ all: 1, 'o:none': 1 });
    } finally {
      db.close();
    }
  });
});
