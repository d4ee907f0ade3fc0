import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/open-database.js';
import { openDatabase } from '../../main/db/open-database.js';
import { migrations } from '../../main/db/migrations/index.js';
import { writeOldMirror } from './old-mirror.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const all = (db: Db, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY list_id, email_hash`).all();
const schemaSql = (db: Db, type: string, name: string) =>
  (db.prepare<[string, string], { sql: string }>('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?').get(type, name)?.sql ?? '').trim();
const versionOf = (db: Db, list: string) => db.prepare<[string], { version: number }>('SELECT version FROM audience_cursors WHERE list_id = ?').get(list)?.version;

describe('migration 072 on a database with a mirror written before it', () => {
  it('keeps every mirrored member, its state and the change counter; rowid tables, the same triggers and upserts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-072-'));
    dirs.push(dir);
    const file = path.join(dir, 'barsy-sync.sqlite');

    // The database as the previous version left it (see old-mirror.ts).
    const old = openDatabase(file, migrations.filter((m) => m.version < 72));
    writeOldMirror(old);
    const before = { members: all(old, 'audience_members'), state: all(old, 'member_state'), cursors: old.prepare('SELECT * FROM audience_cursors ORDER BY list_id').all() };
    const triggers = ['audience_members_ins', 'audience_members_upd', 'audience_members_del'].map((t) => schemaSql(old, 'trigger', t));
    expect(schemaSql(old, 'table', 'audience_members')).toMatch(/WITHOUT ROWID/);
    expect(before.members).toHaveLength(151);
    expect(before.state).toHaveLength(64);
    old.close();

    // Up to 072 only: what 073 does with these tables is tested in one-member-table-migration.test.ts.
    const db = openDatabase(file, migrations.filter((m) => m.version <= 72));
    try {
      // Nothing lost or altered, and the copy is not counted as a change of the mirror.
      expect(all(db, 'audience_members')).toEqual(before.members);
      expect(all(db, 'member_state')).toEqual(before.state);
      expect(db.prepare('SELECT * FROM audience_cursors ORDER BY list_id').all()).toEqual(before.cursors);
      // Ordinary rowid tables with the unique key; the helper tables are gone; the triggers are the old ones.
      for (const t of ['audience_members', 'member_state']) {
        expect(schemaSql(db, 'table', t)).not.toMatch(/WITHOUT ROWID/);
        expect(schemaSql(db, 'table', t)).toMatch(/UNIQUE \(list_id, email_hash\)/);
        expect(db.prepare(`SELECT rowid FROM ${t} LIMIT 1`).get()).toBeDefined();
      }
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%_rowid'").all()).toEqual([]);
      expect(['audience_members_ins', 'audience_members_upd', 'audience_members_del'].map((t) => schemaSql(db, 'trigger', t))).toEqual(triggers);

      // Upserts on (list_id, email_hash) still apply (one row), and an insert counts as a change.
      const v0 = versionOf(db, 'L1')!;
      const upsert = db.prepare(
        `INSERT INTO audience_members (list_id, email_hash, email, status, merge_fields, interests) VALUES ('L1', ?, 'a@x.bg', 'subscribed', '{}', '{}')
         ON CONFLICT(list_id, email_hash) DO UPDATE SET status = excluded.status`,
      );
      upsert.run('newhash');
      expect(versionOf(db, 'L1')).toBe(v0 + 1);
      upsert.run('newhash');
      expect(db.prepare("SELECT COUNT(*) AS n FROM audience_members WHERE email_hash = 'newhash'").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});
