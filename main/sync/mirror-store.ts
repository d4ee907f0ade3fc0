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
  /** The desired-data key that was confirmed (audience_members.confirmed_key). */
  key?: string;
  /** Mailchimp just created the member: no earlier mirror row to merge with. */
  fresh?: boolean;
};

/** Rows per multi-row statement. */
const CHUNK = 50;
const placeholders = (rows: number, cols: number) => Array(rows).fill(`(${Array(cols).fill('?').join(',')})`).join(',');

/**
 * How a subscriber hash is stored (migration 073): an MD5 hash (32 lowercase hex digits) as its 16 bytes,
 * any other key as the text it is. `KEY_SQL` is the same rule in SQL, for hashes passed as JSON.
 */
const HEX32 = /^[0-9a-f]{32}$/;
const keyOf = (hash: string): Buffer | string => (HEX32.test(hash) ? Buffer.from(hash, 'hex') : hash);
const hashOf = (key: Buffer | string): string => (typeof key === 'string' ? key : key.toString('hex'));
const KEY_SQL = (col: string) => `CASE WHEN length(${col}) = 32 AND ${col} NOT GLOB '*[^0-9a-f]*' THEN unhex(${col}) ELSE ${col} END`;

/** The mirror part of a row: what Mailchimp last said (status NULL = not mirrored). */
const MIRROR_COLS = 'email, status, merge_fields, interests, last_changed';
/** Our part of a row (state_email NULL = nothing recorded). */
const STATE_COLS = 'state_email, synced, forgotten, confirmed_key, confirmed_last_changed, last_run_id, confirmed_at';
const SET_MIRROR = 'email = excluded.email, status = excluded.status, merge_fields = excluded.merge_fields, interests = excluded.interests, last_changed = excluded.last_changed';
const SET_CONFIRMED = `state_email = excluded.state_email, synced = 1, forgotten = 0, confirmed_key = excluded.confirmed_key,
  confirmed_last_changed = excluded.confirmed_last_changed, last_run_id = excluded.last_run_id, confirmed_at = excluded.confirmed_at`;

/**
 * The audience mirror (what Mailchimp last said), the read cursor and per-member bookkeeping — one row per
 * member in `audience_members` (see migration 073), so recording a member touches one random-keyed index.
 */
export function mirrorStore(db: Db, listId: string) {
  const getRow = db.prepare<[string, Buffer | string], MirrorRow>(
    `SELECT ${MIRROR_COLS} FROM audience_members WHERE list_id = ? AND email_hash = ? AND status IS NOT NULL`,
  );
  const upsertRow = db.prepare(
    `INSERT INTO audience_members (list_id, email_hash, ${MIRROR_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(list_id, email_hash) DO UPDATE SET ${SET_MIRROR}
     -- An identical row is left alone, so re-reading a member does not count as a change (mirror version).
     WHERE (${MIRROR_COLS}) IS NOT (excluded.email, excluded.status, excluded.merge_fields, excluded.interests, excluded.last_changed)`,
  );
  const cursorRow = db.prepare<[string], { since: string | null; full_read_at: string | null }>('SELECT since, full_read_at FROM audience_cursors WHERE list_id = ?');
  const upsertState = db.prepare(
    `INSERT INTO audience_members (list_id, email_hash, ${STATE_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(list_id, email_hash) DO UPDATE SET state_email = excluded.state_email, synced = excluded.synced, forgotten = excluded.forgotten,
       confirmed_key = excluded.confirmed_key, confirmed_last_changed = excluded.confirmed_last_changed,
       last_run_id = excluded.last_run_id, confirmed_at = excluded.confirmed_at`,
  );

  // A member's mirror part and our state, in one probe of the key.
  const lookupRows = db
    .prepare<[string, string]>(
      `SELECT email_hash, status, last_changed, state_email IS NOT NULL, synced, forgotten, confirmed_key, confirmed_last_changed
       FROM audience_members WHERE list_id = ? AND email_hash IN (SELECT ${KEY_SQL('value')} FROM json_each(?))`,
    )
    .raw();
  const syncedRows = db.prepare<[string]>('SELECT email_hash, state_email FROM audience_members WHERE list_id = ? AND synced = 1').raw();

  /** Multi-row statements, prepared once per row count. */
  const cached = (sql: (n: number) => string) => {
    const byRows = new Map<number, Statement>();
    return (n: number): Statement => {
      let st = byRows.get(n);
      if (!st) byRows.set(n, (st = db.prepare(sql(n))));
      return st;
    };
  };
  // A member Mailchimp just created: its mirror row and our state in one row, one statement for many.
  const insertConfirmed = cached(
    (n) => `INSERT INTO audience_members (list_id, email_hash, ${MIRROR_COLS}, ${STATE_COLS}) VALUES ${placeholders(n, 14)}
     ON CONFLICT(list_id, email_hash) DO UPDATE SET ${SET_MIRROR}, ${SET_CONFIRMED}`,
  );
  const upsertStates = cached(
    (n) => `INSERT INTO audience_members (list_id, email_hash, ${STATE_COLS}) VALUES ${placeholders(n, 9)}
     ON CONFLICT(list_id, email_hash) DO UPDATE SET ${SET_CONFIRMED}`,
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
      const r = getRow.get(listId, keyOf(hash));
      return r ? parse(r) : undefined;
    },
    /** Stores a page of members exactly as Mailchimp returned them (one transaction per page). */
    putPage(members: readonly Member[]): void {
      db.transaction(() => {
        for (const m of members) {
          upsertRow.run(listId, keyOf(m.id), m.email_address, m.status, JSON.stringify(m.merge_fields ?? {}), JSON.stringify(m.interests ?? {}), m.last_changed ?? null);
        }
      })();
    },
    /** Overlays a confirmed update on the mirrored member (fields we do not manage stay as read). Call inside a transaction. */
    applyWrite(w: ConfirmedWrite): void {
      const key = keyOf(w.hash);
      const prev = getRow.get(listId, key);
      const merge = { ...(prev ? (JSON.parse(prev.merge_fields) as Record<string, unknown>) : {}), ...w.mergeFields };
      const interests = { ...(prev ? (JSON.parse(prev.interests) as Record<string, boolean>) : {}), ...w.interests };
      upsertRow.run(listId, key, w.email, w.status, JSON.stringify(merge), JSON.stringify(interests), w.lastChanged ?? prev?.last_changed ?? null);
    },
    /**
     * Records a batch of confirmed writes (call inside a transaction): created members (no earlier row
     * to merge with) go in with their state, many rows a statement; updated ones are merged into their
     * mirror rows first. Each becomes synced with its confirmed key.
     */
    recordConfirmed(writes: readonly ConfirmedWrite[], runId: number): void {
      const fresh = writes.filter((w) => w.fresh);
      const updated = writes.filter((w) => !w.fresh);
      for (const w of updated) this.applyWrite(w);
      const at = new Date().toISOString();
      for (let i = 0; i < fresh.length; i += CHUNK) {
        const chunk = fresh.slice(i, i + CHUNK);
        insertConfirmed(chunk.length).run(
          ...chunk.flatMap((w) => [listId, keyOf(w.hash), w.email, w.status, JSON.stringify(w.mergeFields), JSON.stringify(w.interests), w.lastChanged, w.email, 1, 0, w.key ?? null, w.lastChanged, runId, at]),
        );
      }
      for (let i = 0; i < updated.length; i += CHUNK) {
        const chunk = updated.slice(i, i + CHUNK);
        upsertStates(chunk.length).run(...chunk.flatMap((w) => [listId, keyOf(w.hash), w.email, 1, 0, w.key ?? null, w.lastChanged, runId, at]));
      }
    },
    /** Replaces one member's mirror row with what Mailchimp just returned (e.g. a GET after "contact exists"). */
    putMember(m: Member): void {
      upsertRow.run(listId, keyOf(m.id), m.email_address, m.status, JSON.stringify(m.merge_fields ?? {}), JSON.stringify(m.interests ?? {}), m.last_changed ?? null);
    },
    /** Sets a mirrored member's status only (after an unsubscribe or archive). */
    setStatus(hash: string, status: MemberStatus): void {
      db.prepare('UPDATE audience_members SET status = ? WHERE list_id = ? AND email_hash = ? AND status IS NOT NULL').run(status, listId, keyOf(hash));
    },
    /**
     * Drops mirrored members a full read did not return (permanently deleted in Mailchimp): their mirror
     * part is cleared, our state of them stays (a row with neither goes).
     */
    sweep(seen: ReadonlySet<string>): number {
      const keys = db.prepare<[string]>('SELECT email_hash FROM audience_members WHERE list_id = ? AND status IS NOT NULL').pluck().all(listId) as Array<Buffer | string>;
      const clear = db.prepare(
        'UPDATE audience_members SET email = NULL, status = NULL, merge_fields = NULL, interests = NULL, last_changed = NULL WHERE list_id = ? AND email_hash = ? AND status IS NOT NULL',
      );
      let n = 0;
      db.transaction(() => {
        for (const k of keys) if (!seen.has(hashOf(k))) n += clear.run(listId, k).changes;
        db.prepare('DELETE FROM audience_members WHERE list_id = ? AND status IS NULL AND state_email IS NULL').run(listId);
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
     * Status/last_changed and our state of the given members, in one indexed query: a page of the plan
     * looks up its own members only (one lookup per client would cost more than the whole plan; loading
     * the whole mirror would hold a million members in memory).
     */
    lookup(hashes: readonly string[]): MirrorIndex {
      const light = new Map<string, { status: MemberStatus; lastChanged: string | null }>();
      const state = new Map<string, MemberState>();
      type Row = [Buffer | string, MemberStatus | null, string | null, number, number, number, string | null, string | null];
      for (const [k, status, lastChanged, hasState, synced, forgotten, key, lc] of lookupRows.all(listId, JSON.stringify(hashes)) as Row[]) {
        const hash = hashOf(k);
        if (status !== null) light.set(hash, { status, lastChanged });
        if (hasState === 1) state.set(hash, { synced: synced === 1, forgotten: forgotten === 1, confirmedKey: key, confirmedLastChanged: lc });
      }
      return { light: (h) => light.get(h), state: (h) => state.get(h) ?? NO_STATE };
    },
    /** Records what a run confirmed about a member. Call inside a transaction. */
    setState(hash: string, email: string, s: Pick<MemberState, 'synced' | 'forgotten'> & Partial<MemberState>, runId: number): void {
      upsertState.run(listId, keyOf(hash), email, s.synced ? 1 : 0, s.forgotten ? 1 : 0, s.confirmedKey ?? null, s.confirmedLastChanged ?? null, runId, new Date().toISOString());
    },
    /** Members a sync put in the audience earlier (removal-policy candidates when no longer eligible), read row by row. */
    *syncedMembers(): IterableIterator<{ hash: string; email: string }> {
      for (const [key, email] of syncedRows.iterate(listId) as IterableIterator<[Buffer | string, string]>) yield { hash: hashOf(key), email };
    },
  };
}
export type MirrorStore = ReturnType<typeof mirrorStore>;
