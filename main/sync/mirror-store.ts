import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-database.js';
import type { Member, MemberStatus } from '../mailchimp/mailchimp-api.js';
import type { KnownMember } from '../mapping/desired-state.js';

type MirrorRow = { email: string; status: MemberStatus; merge_fields: string; interests: string; last_changed: string | null };

/** A mirrored member with its email (for removals and reports). */
export type MirrorMember = KnownMember & { email: string; status: MemberStatus; lastChanged: string | null };

/** What this product knows about a member beyond Mailchimp's view. */
export type MemberState = { synced: boolean; forgotten: boolean; confirmedKey: string | null; confirmedLastChanged: string | null };

const NO_STATE: MemberState = { synced: false, forgotten: false, confirmedKey: null, confirmedLastChanged: null };

/** Lookups for planning one page of clients (see `lookup`). */
export type MirrorIndex = {
  light(hash: string): { status: MemberStatus; lastChanged: string | null } | undefined;
  state(hash: string): MemberState;
};

/** Our confirmed write, overlaid on the mirror so the next plan sees it without a re-read. */
export type ConfirmedWrite = {
  hash: string;
  email: string;
  status: MemberStatus;
  mergeFields: Record<string, string>;
  interests: Record<string, boolean>;
  lastChanged: string | null;
  /** The desired-data key that was confirmed (member_state.confirmed_key). */
  key?: string;
  /** Mailchimp just created the member: no earlier mirror row to merge with. */
  fresh?: boolean;
};

/** Rows per multi-row statement. */
const CHUNK = 50;
const placeholders = (rows: number, cols: number) => Array(rows).fill(`(${Array(cols).fill('?').join(',')})`).join(',');

/** The audience mirror (what Mailchimp last said), the read cursor and per-member bookkeeping. */
export function mirrorStore(db: Db, listId: string) {
  const getRow = db.prepare<[string, string], MirrorRow>(
    'SELECT email, status, merge_fields, interests, last_changed FROM audience_members WHERE list_id = ? AND email_hash = ?',
  );
  const upsertRow = db.prepare(
    `INSERT INTO audience_members (list_id, email_hash, email, status, merge_fields, interests, last_changed) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(list_id, email_hash) DO UPDATE SET email = excluded.email, status = excluded.status, merge_fields = excluded.merge_fields,
       interests = excluded.interests, last_changed = excluded.last_changed
     -- An identical row is left alone, so re-reading a member does not count as a change (mirror version).
     WHERE (email, status, merge_fields, interests, last_changed) IS NOT (excluded.email, excluded.status, excluded.merge_fields, excluded.interests, excluded.last_changed)`,
  );
  const cursorRow = db.prepare<[string], { since: string | null; full_read_at: string | null }>('SELECT since, full_read_at FROM audience_cursors WHERE list_id = ?');
  const upsertState = db.prepare(
    `INSERT INTO member_state (list_id, email_hash, email, synced, forgotten, confirmed_key, confirmed_last_changed, last_run_id, confirmed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(list_id, email_hash) DO UPDATE SET email = excluded.email, synced = excluded.synced, forgotten = excluded.forgotten,
       confirmed_key = excluded.confirmed_key, confirmed_last_changed = excluded.confirmed_last_changed,
       last_run_id = excluded.last_run_id, confirmed_at = excluded.confirmed_at`,
  );

  const lightRows = db
    .prepare<[string, string]>('SELECT email_hash, status, last_changed FROM audience_members WHERE list_id = ? AND email_hash IN (SELECT value FROM json_each(?))')
    .raw();
  const stateRows = db
    .prepare<[string, string]>(
      'SELECT email_hash, synced, forgotten, confirmed_key, confirmed_last_changed FROM member_state WHERE list_id = ? AND email_hash IN (SELECT value FROM json_each(?))',
    )
    .raw();
  const syncedRows = db.prepare<[string], { hash: string; email: string }>('SELECT email_hash AS hash, email FROM member_state WHERE list_id = ? AND synced = 1');

  /** Multi-row statements, prepared once per row count. */
  const cached = (sql: (n: number) => string) => {
    const byRows = new Map<number, Statement>();
    return (n: number): Statement => {
      let st = byRows.get(n);
      if (!st) byRows.set(n, (st = db.prepare(sql(n))));
      return st;
    };
  };
  const insertMembers = cached(
    (n) => `INSERT OR REPLACE INTO audience_members (list_id, email_hash, email, status, merge_fields, interests, last_changed) VALUES ${placeholders(n, 7)}`,
  );
  const upsertStates = cached(
    (n) => `INSERT INTO member_state (list_id, email_hash, email, synced, forgotten, confirmed_key, confirmed_last_changed, last_run_id, confirmed_at)
     VALUES ${placeholders(n, 9)}
     ON CONFLICT(list_id, email_hash) DO UPDATE SET email = excluded.email, synced = 1, forgotten = 0, confirmed_key = excluded.confirmed_key,
       confirmed_last_changed = excluded.confirmed_last_changed, last_run_id = excluded.last_run_id, confirmed_at = excluded.confirmed_at`,
  );

  const parse = (r: MirrorRow): MirrorMember => ({
    email: r.email,
    status: r.status,
    mergeFields: JSON.parse(r.merge_fields) as Record<string, unknown>,
    interests: JSON.parse(r.interests) as Record<string, boolean>,
    lastChanged: r.last_changed,
  });

  return {
    /** A mirrored member with its parsed data. */
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
    /** Overlays a confirmed update on the mirrored member (fields we do not manage stay as read). Call inside a transaction. */
    applyWrite(w: ConfirmedWrite): void {
      const prev = getRow.get(listId, w.hash);
      const merge = { ...(prev ? (JSON.parse(prev.merge_fields) as Record<string, unknown>) : {}), ...w.mergeFields };
      const interests = { ...(prev ? (JSON.parse(prev.interests) as Record<string, boolean>) : {}), ...w.interests };
      upsertRow.run(listId, w.hash, w.email, w.status, JSON.stringify(merge), JSON.stringify(interests), w.lastChanged ?? prev?.last_changed ?? null);
    },
    /**
     * Records a batch of confirmed writes (call inside a transaction): created members (no earlier row
     * to merge with) go in with multi-row inserts, updated ones are merged into their mirror rows; each
     * becomes synced with its confirmed key.
     */
    recordConfirmed(writes: readonly ConfirmedWrite[], runId: number): void {
      const fresh = writes.filter((w) => w.fresh);
      for (const w of writes) if (!w.fresh) this.applyWrite(w);
      const at = new Date().toISOString();
      for (let i = 0; i < fresh.length; i += CHUNK) {
        const chunk = fresh.slice(i, i + CHUNK);
        insertMembers(chunk.length).run(...chunk.flatMap((w) => [listId, w.hash, w.email, w.status, JSON.stringify(w.mergeFields), JSON.stringify(w.interests), w.lastChanged]));
      }
      for (let i = 0; i < writes.length; i += CHUNK) {
        const chunk = writes.slice(i, i + CHUNK);
        upsertStates(chunk.length).run(...chunk.flatMap((w) => [listId, w.hash, w.email, 1, 0, w.key ?? null, w.lastChanged, runId, at]));
      }
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
    /** Changes so far to this audience's mirror (a trigger counts every insert, update and delete). */
    version(): number {
      return db.prepare<[string], { version: number }>('SELECT version FROM audience_cursors WHERE list_id = ?').get(listId)?.version ?? 0;
    },
    /** Where the next incremental read starts, and when every member was last read. */
    cursor(): { since: string | null; fullReadAt: string | null } {
      const r = cursorRow.get(listId);
      return { since: r?.since ?? null, fullReadAt: r?.full_read_at ?? null };
    },
    /** Moves the read cursor (and the full-read time when this run read every member). */
    setCursor(since: string | null, fullRead: boolean): void {
      const at = new Date().toISOString();
      db.prepare(
        `INSERT INTO audience_cursors (list_id, since, full_read_at, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(list_id) DO UPDATE SET since = excluded.since, updated_at = excluded.updated_at,
           full_read_at = COALESCE(?, audience_cursors.full_read_at)`,
      ).run(listId, since, fullRead ? at : null, at, fullRead ? at : null);
    },
    /**
     * Status/last_changed and our state of the given members, in two indexed queries: a page of the plan
     * looks up its own members only (one lookup per client would cost more than the whole plan; loading
     * the whole mirror would hold a million members in memory).
     */
    lookup(hashes: readonly string[]): MirrorIndex {
      const json = JSON.stringify(hashes);
      const light = new Map<string, { status: MemberStatus; lastChanged: string | null }>();
      for (const [hash, status, lastChanged] of lightRows.all(listId, json) as Array<[string, MemberStatus, string | null]>) light.set(hash, { status, lastChanged });
      const state = new Map<string, MemberState>();
      for (const [hash, synced, forgotten, key, lc] of stateRows.all(listId, json) as Array<[string, number, number, string | null, string | null]>) {
        state.set(hash, { synced: synced === 1, forgotten: forgotten === 1, confirmedKey: key, confirmedLastChanged: lc });
      }
      return { light: (h) => light.get(h), state: (h) => state.get(h) ?? NO_STATE };
    },
    /** Records what a run confirmed about a member. Call inside a transaction. */
    setState(hash: string, email: string, s: Pick<MemberState, 'synced' | 'forgotten'> & Partial<MemberState>, runId: number): void {
      upsertState.run(listId, hash, email, s.synced ? 1 : 0, s.forgotten ? 1 : 0, s.confirmedKey ?? null, s.confirmedLastChanged ?? null, runId, new Date().toISOString());
    },
    /** Members a sync put in the audience earlier (removal-policy candidates when no longer eligible), read row by row. */
    syncedMembers(): IterableIterator<{ hash: string; email: string }> {
      return syncedRows.iterate(listId);
    },
  };
}
export type MirrorStore = ReturnType<typeof mirrorStore>;
