import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/open-database.js';
import { openDatabase } from '../../main/db/open-database.js';
import { migrations } from '../../main/db/migrations/index.js';
import type { Member } from '../../main/mailchimp/mailchimp-api.js';
import { mirrorStore } from '../../main/sync/mirror-store.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const member = (i: number, list = 'L1'): Member => ({
  id: `${list}-${String(i).padStart(4, '0')}`.replace(/./g, (c) => c.charCodeAt(0).toString(16)).slice(0, 32),
  email_address: `m${i}@x.bg`,
  status: i % 3 === 0 ? 'unsubscribed' : 'subscribed',
  merge_fields: { FNAME: `Име ${i}`, COMPANY: `Фирма ${i}`.repeat(1 + (i % 4)) },
  interests: { g1: i % 2 === 0, g2: true },
  last_changed: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}+00:00`,
});

const all = (db: Db, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY list_id, email_hash`).all();
const schemaSql = (db: Db, type: string, name: string) =>
  (db.prepare<[string, string], { sql: string }>('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?').get(type, name)?.sql ?? '').trim();
const versionOf = (db: Db, list: string) => db.prepare<[string], { version: number }>('SELECT version FROM audience_cursors WHERE list_id = ?').get(list)?.version;

describe('migration 072 on a database with a mirror written before it', () => {
  it('keeps every mirrored member, its state and the change counter; rowid tables, the same triggers and upserts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-072-'));
    dirs.push(dir);
    const file = path.join(dir, 'barsy-sync.sqlite');

    // The database as the previous version left it: two audiences' mirrors, state with every kind of
    // value (synced, forgotten, confirmed key, nulls), a moved read cursor.
    const old = openDatabase(file, migrations.filter((m) => m.version < 72));
    const l1 = mirrorStore(old, 'L1');
    const l2 = mirrorStore(old, 'L2');
    l1.putPage(Array.from({ length: 120 }, (_, i) => member(i)));
    l2.putPage(Array.from({ length: 30 }, (_, i) => member(i, 'L2')));
    l1.setCursor('2026-01-01T00:00:00+00:00', true);
    old.transaction(() => {
      for (let i = 0; i < 120; i += 2) l1.setState(member(i).id, `m${i}@x.bg`, { synced: true, forgotten: false, confirmedKey: `k${i}`, confirmedLastChanged: 'lc' }, 7);
      l1.setState('forgottenhash', 'gone@x.bg', { synced: false, forgotten: true }, 8);
      l2.setState(member(1, 'L2').id, 'm1@x.bg', { synced: true, forgotten: false }, 9);
    })();
    old.prepare('UPDATE member_state SET last_run_id = NULL, confirmed_at = NULL WHERE email_hash = ?').run('forgottenhash');
    const before = { members: all(old, 'audience_members'), state: all(old, 'member_state'), cursors: old.prepare('SELECT * FROM audience_cursors ORDER BY list_id').all() };
    const triggers = ['audience_members_ins', 'audience_members_upd', 'audience_members_del'].map((t) => schemaSql(old, 'trigger', t));
    expect(schemaSql(old, 'table', 'audience_members')).toMatch(/WITHOUT ROWID/);
    expect(before.members).toHaveLength(150);
    expect(before.state).toHaveLength(62);
    old.close();

    const db = openDatabase(file);
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

      // The store works on the new tables: reads, upserts on (list_id, email_hash), and the counter moves
      // on a real change only.
      const m1 = mirrorStore(db, 'L1');
      expect(m1.get(member(4).id)).toMatchObject({ email: 'm4@x.bg', status: 'subscribed', interests: { g1: true, g2: true } });
      expect(m1.lookup([member(0).id, 'forgottenhash']).state('forgottenhash')).toEqual({ synced: false, forgotten: true, confirmedKey: null, confirmedLastChanged: null });
      expect([...m1.syncedMembers()]).toHaveLength(60);
      const v0 = versionOf(db, 'L1')!;
      m1.putPage([member(5)]);
      expect(versionOf(db, 'L1')).toBe(v0);
      m1.putPage([{ ...member(5), status: 'cleaned' }]);
      expect(versionOf(db, 'L1')).toBe(v0 + 1);
      db.transaction(() =>
        m1.recordConfirmed(
          [
            { hash: member(6).id, email: 'm6@x.bg', status: 'subscribed', mergeFields: { FNAME: 'Ново' }, interests: {}, lastChanged: 'x', key: 'k6b' },
            { hash: 'newhash', email: 'new@x.bg', status: 'subscribed', mergeFields: { FNAME: 'Н' }, interests: { g1: true }, lastChanged: 'y', key: 'kn', fresh: true },
          ],
          10,
        ),
      )();
      expect(versionOf(db, 'L1')).toBe(v0 + 3);
      expect(m1.get(member(6).id)?.mergeFields).toEqual({ ...member(6).merge_fields, FNAME: 'Ново' });
      expect(m1.lookup([member(6).id, 'newhash']).state('newhash')).toMatchObject({ synced: true, confirmedKey: 'kn' });
      expect(db.prepare("SELECT COUNT(*) AS n FROM member_state WHERE list_id = 'L1' AND email_hash = ?").get(member(6).id)).toEqual({ n: 1 });
      expect(m1.sweep(new Set([member(0).id]))).toBe(120);
      expect(versionOf(db, 'L1')).toBe(v0 + 3 + 120);
      expect(db.prepare("SELECT COUNT(*) AS n FROM audience_members WHERE list_id = 'L2'").get()).toEqual({ n: 30 });
    } finally {
      db.close();
    }
  });
});
