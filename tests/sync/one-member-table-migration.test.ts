import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/db/open-database.js';
import { openDatabase } from '../../main/db/open-database.js';
import { migrations } from '../../main/db/migrations/index.js';
import { mirrorStore } from '../../main/sync/mirror-store.js';
import { oldMember, UPPER_KEY, writeOldMirror } from './old-mirror.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const versionOf = (db: Db, list: string) => db.prepare<[string], { version: number }>('SELECT version FROM audience_cursors WHERE list_id = ?').get(list)?.version;
/** The key as it was before 073 (hex text), whatever way it is stored now. */
const HASH = "CASE WHEN typeof(email_hash) = 'blob' THEN lower(hex(email_hash)) ELSE email_hash END";

/** The two tables as they were, read back out of the one table (mirror rows, state rows). */
function asBefore(db: Db) {
  return {
    members: db
      .prepare(`SELECT list_id, ${HASH} AS email_hash, email, status, merge_fields, interests, last_changed FROM audience_members WHERE status IS NOT NULL ORDER BY 1, 2`)
      .all(),
    state: db
      .prepare(
        `SELECT list_id, ${HASH} AS email_hash, state_email AS email, synced, forgotten, confirmed_key, confirmed_last_changed, last_run_id, confirmed_at
         FROM audience_members WHERE state_email IS NOT NULL ORDER BY 1, 2`,
      )
      .all(),
  };
}

function migratedDatabase(): { db: Db; before: ReturnType<typeof asBefore> & { cursors: unknown[] } } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-073-'));
  dirs.push(dir);
  const file = path.join(dir, 'barsy-sync.sqlite');
  const old = openDatabase(file, migrations.filter((m) => m.version <= 72));
  writeOldMirror(old);
  const before = {
    members: old.prepare('SELECT * FROM audience_members ORDER BY list_id, email_hash').all(),
    state: old.prepare('SELECT * FROM member_state ORDER BY list_id, email_hash').all(),
    cursors: old.prepare('SELECT * FROM audience_cursors ORDER BY list_id').all(),
  };
  expect(before.members).toHaveLength(151);
  expect(before.state).toHaveLength(64);
  old.close();
  return { db: openDatabase(file), before };
}

describe('migration 073: the mirror and our state of each member in one row', () => {
  it('an existing database keeps every mirrored member, every state row and the change counter', () => {
    const { db, before } = migratedDatabase();
    try {
      expect(asBefore(db)).toEqual({ members: before.members, state: before.state });
      expect(db.prepare('SELECT * FROM audience_cursors ORDER BY list_id').all()).toEqual(before.cursors);
      // One row per key of either table: 151 mirrored, 2 of the state rows have no mirror row.
      expect(db.prepare('SELECT COUNT(*) AS n FROM audience_members').get()).toEqual({ n: 153 });
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('member_state', 'audience_members_073')").all()).toEqual([]);
      // MD5 hex keys are 16 bytes now; other keys stay the text they were.
      const types = db.prepare<[], { t: string; n: number }>('SELECT typeof(email_hash) AS t, COUNT(*) AS n FROM audience_members GROUP BY 1 ORDER BY 1').all();
      expect(types).toEqual([{ t: 'blob', n: 151 }, { t: 'text', n: 2 }]);
      expect(db.prepare("SELECT length(email_hash) AS n FROM audience_members WHERE typeof(email_hash) = 'blob' GROUP BY 1").all()).toEqual([{ n: 16 }]);
    } finally {
      db.close();
    }
  });

  it('the store reads and writes the migrated rows; bookkeeping is not counted as a change of the mirror', () => {
    const { db } = migratedDatabase();
    try {
      const m1 = mirrorStore(db, 'L1');
      expect(m1.get(oldMember(4).id)).toMatchObject({ email: 'm4@x.bg', status: 'subscribed', interests: { g1: true, g2: true } });
      expect(m1.get(UPPER_KEY)).toMatchObject({ email: 'm500@x.bg', lastChanged: null });
      expect(m1.get(oldMember(900).id)).toBeUndefined();
      const idx = m1.lookup([oldMember(0).id, oldMember(1).id, oldMember(900).id, 'forgottenhash', UPPER_KEY]);
      expect(idx.state('forgottenhash')).toEqual({ synced: false, forgotten: true, confirmedKey: null, confirmedLastChanged: null });
      expect(idx.state(oldMember(0).id)).toEqual({ synced: true, forgotten: false, confirmedKey: 'k0', confirmedLastChanged: 'lc' });
      expect(idx.state(oldMember(1).id).synced).toBe(false);
      expect(idx.state(UPPER_KEY).confirmedKey).toBe('refused');
      expect(idx.light(oldMember(900).id)).toBeUndefined();
      expect(idx.light(oldMember(0).id)).toEqual({ status: 'unsubscribed', lastChanged: oldMember(0).last_changed });
      expect([...m1.syncedMembers()].map((m) => m.hash).sort()).toEqual([...Array.from({ length: 60 }, (_, i) => oldMember(2 * i).id), oldMember(900).id].sort());

      const v0 = versionOf(db, 'L1')!;
      // Re-reading an identical member and recording our state are not changes of the audience.
      m1.putPage([oldMember(5)]);
      db.transaction(() => m1.setState(oldMember(5).id, 'm5@x.bg', { synced: true, forgotten: false, confirmedKey: 'k5', confirmedLastChanged: 'x' }, 11))();
      db.transaction(() => m1.setState('e'.repeat(32), 'new-state@x.bg', { synced: false, forgotten: true }, 11))();
      expect(versionOf(db, 'L1')).toBe(v0);
      expect(m1.get('e'.repeat(32))).toBeUndefined();
      m1.putPage([{ ...oldMember(5), status: 'cleaned' }]);
      expect(versionOf(db, 'L1')).toBe(v0 + 1);
      // The member's state survived the mirror update, and the mirror survived the state update.
      expect(m1.lookup([oldMember(5).id]).state(oldMember(5).id)).toMatchObject({ synced: true, confirmedKey: 'k5' });
      expect(m1.get(oldMember(5).id)?.status).toBe('cleaned');

      // A mirror row for a member we only had state of (not mirrored before) counts as a change.
      m1.putMember({ ...oldMember(900), email_address: 'm900@x.bg' });
      expect(versionOf(db, 'L1')).toBe(v0 + 2);
      expect(m1.lookup([oldMember(900).id]).state(oldMember(900).id)).toMatchObject({ synced: true, confirmedKey: 'k900' });

      db.transaction(() =>
        m1.recordConfirmed(
          [
            { hash: oldMember(6).id, email: 'm6@x.bg', status: 'subscribed', mergeFields: { FNAME: 'Ново' }, interests: {}, lastChanged: 'x', key: 'k6b' },
            { hash: 'f'.repeat(32), email: 'new@x.bg', status: 'subscribed', mergeFields: { FNAME: 'Н' }, interests: { g1: true }, lastChanged: 'y', key: 'kn', fresh: true },
          ],
          10,
        ),
      )();
      expect(versionOf(db, 'L1')).toBe(v0 + 4);
      expect(m1.get(oldMember(6).id)?.mergeFields).toEqual({ ...oldMember(6).merge_fields, FNAME: 'Ново' });
      expect(m1.get('f'.repeat(32))).toMatchObject({ email: 'new@x.bg', status: 'subscribed', mergeFields: { FNAME: 'Н' }, lastChanged: 'y' });
      expect(m1.lookup([oldMember(6).id, 'f'.repeat(32)]).state('f'.repeat(32))).toEqual({ synced: true, forgotten: false, confirmedKey: 'kn', confirmedLastChanged: 'y' });
      expect(m1.lookup([oldMember(6).id]).state(oldMember(6).id)).toEqual({ synced: true, forgotten: false, confirmedKey: 'k6b', confirmedLastChanged: 'x' });

      // A full read that finds only member 0: the other 122 mirrored members of L1 go from the mirror
      // (each a change), our state of them stays, rows with neither go (66 keep state: the 60 even
      // members, 5, 900, the text keys, and the three written above); L2 is untouched.
      expect(m1.sweep(new Set([oldMember(0).id]))).toBe(122);
      expect(versionOf(db, 'L1')).toBe(v0 + 4 + 122);
      expect(m1.get(oldMember(2).id)).toBeUndefined();
      expect(m1.lookup([oldMember(2).id]).state(oldMember(2).id)).toMatchObject({ synced: true, confirmedKey: 'k2' });
      expect(db.prepare("SELECT COUNT(*) AS n FROM audience_members WHERE list_id = 'L1' AND status IS NULL AND state_email IS NULL").get()).toEqual({ n: 0 });
      expect(db.prepare("SELECT COUNT(*) AS n FROM audience_members WHERE list_id = 'L1'").get()).toEqual({ n: 66 });
      expect(db.prepare("SELECT COUNT(*) AS n FROM audience_members WHERE list_id = 'L2' AND status IS NOT NULL").get()).toEqual({ n: 30 });
    } finally {
      db.close();
    }
  });
});
