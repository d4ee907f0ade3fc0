import type { Db } from '../db/open-database.js';
import type { Member, MemberStatus } from '../mailchimp/mailchimp-api.js';
import type { KnownMember } from './desired-state.js';

type MirrorRow = { email: string; status: MemberStatus; merge_fields: string; interests: string; last_changed: string | null };

/** A mirrored member with its email (for removals and reports). */
export type MirrorMember = KnownMember & { email: string; status: MemberStatus; lastChanged: string | null };

/** Our confirmed write, overlaid on the mirror so the next plan sees it without a re-read. */
export type ConfirmedWrite = {
  hash: string;
  email: string;
  status: MemberStatus;
  mergeFields: Record<string, string>;
  interests: Record<string, boolean>;
  lastChanged: string | null;
};

/** The audience mirror (what Mailchimp last said), the read cursor and per-member bookkeeping. */
export function mirrorStore(db: Db, listId: string) {
  const getRow = db.prepare<[string, string], MirrorRow>(
    'SELECT email, status, merge_fields, interests, last_changed FROM audience_members WHERE list_id = ? AND email_hash = ?',
  );
  const upsertRow = db.prepare(
    `INSERT INTO audience_members (list_id, email_hash, email, status, merge_fields, interests, last_changed) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(list_id, email_hash) DO UPDATE SET email = excluded.email, status = excluded.status, merge_fields = excluded.merge_fields,
       interests = excluded.interests, last_changed = excluded.last_changed`,
  );
  const cursorRow = db.prepare<[string], { since: string | null; full_read_at: string | null }>('SELECT since, full_read_at FROM audience_cursors WHERE list_id = ?');
  const stateRow = db.prepare<[string, string], { synced: number; forgotten: number }>('SELECT synced, forgotten FROM member_state WHERE list_id = ? AND email_hash = ?');
  const upsertState = db.prepare(
    `INSERT INTO member_state (list_id, email_hash, email, synced, forgotten, last_run_id, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(list_id, email_hash) DO UPDATE SET email = excluded.email, synced = excluded.synced, forgotten = excluded.forgotten,
       last_run_id = excluded.last_run_id, confirmed_at = excluded.confirmed_at`,
  );

  const parse = (r: MirrorRow): MirrorMember => ({
    email: r.email,
    status: r.status,
    mergeFields: JSON.parse(r.merge_fields) as Record<string, unknown>,
    interests: JSON.parse(r.interests) as Record<string, boolean>,
    lastChanged: r.last_changed,
  });

  return {
    get(hash: string): MirrorMember | undefined {
      const r = getRow.get(listId, hash);
      return r ? parse(r) : undefined;
    },
    /** Stores a page of members exactly as Mailchimp returned them (one transaction per page). */
    putPage(members: readonly Member[]): void {
      db.transaction(() => {
        for (const m of members) {
          upsertRow.run(listId, m.id, m.email_address, m.status, JSON.stringify(m.merge_fields ?? {}), JSON.stringify(m.interests ?? {}), m.last_changed ?? null);
        }
      })();
    },
    /** Overlays a confirmed write on the mirrored member (fields we do not manage stay as read). Call inside a transaction. */
    applyWrite(w: ConfirmedWrite, fresh = false): void {
      // A member Mailchimp just created has no earlier row: skip the read (100k creates on a first sync).
      const prev = fresh ? undefined : getRow.get(listId, w.hash);
      const merge = { ...(prev ? (JSON.parse(prev.merge_fields) as Record<string, unknown>) : {}), ...w.mergeFields };
      const interests = { ...(prev ? (JSON.parse(prev.interests) as Record<string, boolean>) : {}), ...w.interests };
      upsertRow.run(listId, w.hash, w.email, w.status, JSON.stringify(merge), JSON.stringify(interests), w.lastChanged ?? prev?.last_changed ?? null);
    },
    /** Replaces one member's mirror row with what Mailchimp just returned (e.g. a GET after "contact exists"). */
    putMember(m: Member): void {
      upsertRow.run(listId, m.id, m.email_address, m.status, JSON.stringify(m.merge_fields ?? {}), JSON.stringify(m.interests ?? {}), m.last_changed ?? null);
    },
    /** Sets a mirrored member's status only (after an unsubscribe or archive). */
    setStatus(hash: string, status: MemberStatus): void {
      db.prepare('UPDATE audience_members SET status = ? WHERE list_id = ? AND email_hash = ?').run(status, listId, hash);
    },
    /** Drops mirrored members a full read did not return (permanently deleted in Mailchimp). */
    sweep(seen: ReadonlySet<string>): number {
      const rows = db.prepare<[string], { email_hash: string }>('SELECT email_hash FROM audience_members WHERE list_id = ?').all(listId);
      const del = db.prepare('DELETE FROM audience_members WHERE list_id = ? AND email_hash = ?');
      let n = 0;
      db.transaction(() => {
        for (const r of rows) if (!seen.has(r.email_hash)) n += del.run(listId, r.email_hash).changes;
      })();
      return n;
    },
    cursor(): { since: string | null; fullReadAt: string | null } {
      const r = cursorRow.get(listId);
      return { since: r?.since ?? null, fullReadAt: r?.full_read_at ?? null };
    },
    setCursor(since: string | null, fullRead: boolean): void {
      const at = new Date().toISOString();
      db.prepare(
        `INSERT INTO audience_cursors (list_id, since, full_read_at, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(list_id) DO UPDATE SET since = excluded.since, updated_at = excluded.updated_at,
           full_read_at = COALESCE(?, audience_cursors.full_read_at)`,
      ).run(listId, since, fullRead ? at : null, at, fullRead ? at : null);
    },
    state(hash: string): { synced: boolean; forgotten: boolean } {
      const r = stateRow.get(listId, hash);
      return { synced: r?.synced === 1, forgotten: r?.forgotten === 1 };
    },
    /** Records what a run confirmed about a member. Call inside a transaction. */
    setState(hash: string, email: string, s: { synced: boolean; forgotten: boolean }, runId: number): void {
      upsertState.run(listId, hash, email, s.synced ? 1 : 0, s.forgotten ? 1 : 0, runId, new Date().toISOString());
    },
    /** Members a sync put in the audience earlier (removal-policy candidates when no longer eligible). */
    syncedMembers(): Array<{ hash: string; email: string }> {
      return db
        .prepare<[string], { email_hash: string; email: string }>('SELECT email_hash, email FROM member_state WHERE list_id = ? AND synced = 1')
        .all(listId)
        .map((r) => ({ hash: r.email_hash, email: r.email }));
    },
  };
}
export type MirrorStore = ReturnType<typeof mirrorStore>;
