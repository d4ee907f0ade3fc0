import type { Db } from '../../main/db/open-database.js';
import type { Member } from '../../main/mailchimp/mailchimp-api.js';
import { subscriberHash } from '../../main/mailchimp/subscriber-hash.js';

/**
 * A mirror as the versions before migration 073 wrote it (two tables, `audience_members` and
 * `member_state`, keyed by hex text), written with plain SQL so it does not depend on today's store:
 * two audiences' members, state with every kind of value (synced, forgotten, confirmed key, nulls),
 * state of members that are not mirrored, keys that are not MD5 hex, and a moved read cursor.
 */
export const oldMember = (i: number, list = 'L1'): Member => ({
  id: subscriberHash(`m${i}@${list}.bg`),
  email_address: `m${i}@x.bg`,
  status: i % 3 === 0 ? 'unsubscribed' : 'subscribed',
  merge_fields: { FNAME: `Име ${i}`, COMPANY: `Фирма ${i}`.repeat(1 + (i % 4)) },
  interests: { g1: i % 2 === 0, g2: true },
  last_changed: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}+00:00`,
});

/** A key that is 32 characters but not lowercase hex: kept as text by migration 073. */
export const UPPER_KEY = 'ABCDEF0123456789ABCDEF0123456789';

export function writeOldMirror(db: Db): void {
  const member = db.prepare(
    'INSERT INTO audience_members (list_id, email_hash, email, status, merge_fields, interests, last_changed) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const state = db.prepare(
    `INSERT INTO member_state (list_id, email_hash, email, synced, forgotten, confirmed_key, confirmed_last_changed, last_run_id, confirmed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const put = (list: string, m: Member) => member.run(list, m.id, m.email_address, m.status, JSON.stringify(m.merge_fields), JSON.stringify(m.interests), m.last_changed ?? null);
  db.transaction(() => {
    for (let i = 0; i < 120; i++) put('L1', oldMember(i));
    for (let i = 0; i < 30; i++) put('L2', oldMember(i, 'L2'));
    put('L1', { ...oldMember(500), id: UPPER_KEY, last_changed: undefined } as Member);
    for (let i = 0; i < 120; i += 2) state.run('L1', oldMember(i).id, `m${i}@x.bg`, 1, 0, `k${i}`, 'lc', 7, '2026-01-02T00:00:00.000Z');
    // Not mirrored: a forgotten address (non-hex key), a member we synced that a full read no longer found.
    state.run('L1', 'forgottenhash', 'gone@x.bg', 0, 1, null, null, null, null);
    state.run('L1', oldMember(900).id, 'm900@x.bg', 1, 0, 'k900', null, 8, '2026-01-03T00:00:00.000Z');
    state.run('L1', UPPER_KEY, 'm500@x.bg', 0, 0, 'refused', null, 8, '2026-01-03T00:00:00.000Z');
    state.run('L2', oldMember(1, 'L2').id, 'm1@x.bg', 1, 0, null, null, 9, '2026-01-04T00:00:00.000Z');
    db.prepare("UPDATE audience_cursors SET since = '2026-01-01T00:00:00+00:00', full_read_at = '2026-01-01T00:00:01.000Z', updated_at = 'u' WHERE list_id = 'L1'").run();
  })();
}
