/**
 * The audience mirror and our per-member bookkeeping become one table, `audience_members`, keyed by
 * (list_id, email_hash) with the hash as 16 raw bytes. A sync records every member it writes in both:
 * two tables meant two random-keyed unique indexes, so every member of a batch dirtied a leaf page in
 * each of them and every commit wrote twice the pages (a million members: about 2 KB of WAL per member
 * and batch commits that grew with the audience). One table has one such index, and a 16-byte key is
 * half the 32 hex characters, so more keys fit a page. At 300k members a batch of 500 costs about half
 * as much to record (measured: 20.6 s → 9.3 s for 600 batches).
 *
 * A row may hold the mirror (what Mailchimp last said: `status` NOT NULL), our state (`state_email` NOT
 * NULL: synced, forgotten, confirmed data), or both — exactly the rows of the two tables before, joined
 * by key. Hashes that are 32 lowercase hex digits (every MD5 subscriber hash) are stored as their 16
 * bytes; any other key is kept as the text it was, so nothing collides or changes. The triggers that count
 * changes of the mirror (`audience_cursors.version`) now fire only when the mirror part of a row changes:
 * bookkeeping writes are not changes of the audience, as before. Dropped first, so the copy is not a
 * change either. Owned by main/sync/. Forward-only.
 */
const KEY = (col: string) => `CASE WHEN length(${col}) = 32 AND ${col} NOT GLOB '*[^0-9a-f]*' THEN unhex(${col}) ELSE ${col} END`;

export const migration073 = {
  version: 73,
  name: 'one-member-table',
  sql: `
DROP TRIGGER audience_members_ins;
DROP TRIGGER audience_members_upd;
DROP TRIGGER audience_members_del;

CREATE TABLE audience_members_073 (
  list_id TEXT NOT NULL,
  -- MD5 subscriber hash as 16 bytes (any other key as text).
  email_hash BLOB NOT NULL,
  -- The mirror: the member as Mailchimp last reported it; status NULL = not in the mirror.
  email TEXT,
  status TEXT,
  -- JSON objects as Mailchimp returned them (merge values, interest id -> bool).
  merge_fields TEXT,
  interests TEXT,
  last_changed TEXT,
  -- Our bookkeeping; state_email NULL = none.
  state_email TEXT,
  -- 1 while the member is in the audience because a sync put or kept it there (removal policy applies).
  synced INTEGER,
  -- 1 when Mailchimp said the address was permanently deleted ("Forgotten Email Not Subscribed").
  forgotten INTEGER,
  -- The data (merge values + interests, as JSON) Mailchimp last confirmed for the member, and the member's
  -- last_changed right after: while both still match, the member needs no write and no comparison.
  confirmed_key TEXT,
  confirmed_last_changed TEXT,
  last_run_id INTEGER,
  confirmed_at TEXT,
  UNIQUE (list_id, email_hash)
);
INSERT INTO audience_members_073 (list_id, email_hash, email, status, merge_fields, interests, last_changed,
    state_email, synced, forgotten, confirmed_key, confirmed_last_changed, last_run_id, confirmed_at)
  SELECT m.list_id, ${KEY('m.email_hash')}, m.email, m.status, m.merge_fields, m.interests, m.last_changed,
    s.email, s.synced, s.forgotten, s.confirmed_key, s.confirmed_last_changed, s.last_run_id, s.confirmed_at
  FROM audience_members m LEFT JOIN member_state s ON s.list_id = m.list_id AND s.email_hash = m.email_hash
  ORDER BY 1, 2;
INSERT INTO audience_members_073 (list_id, email_hash, state_email, synced, forgotten, confirmed_key, confirmed_last_changed, last_run_id, confirmed_at)
  SELECT s.list_id, ${KEY('s.email_hash')}, s.email, s.synced, s.forgotten, s.confirmed_key, s.confirmed_last_changed, s.last_run_id, s.confirmed_at
  FROM member_state s WHERE NOT EXISTS (SELECT 1 FROM audience_members m WHERE m.list_id = s.list_id AND m.email_hash = s.email_hash)
  ORDER BY 1, 2;
DROP TABLE audience_members;
DROP TABLE member_state;
ALTER TABLE audience_members_073 RENAME TO audience_members;

CREATE TRIGGER audience_members_ins AFTER INSERT ON audience_members WHEN NEW.status IS NOT NULL BEGIN
  INSERT INTO audience_cursors (list_id, version, updated_at) VALUES (NEW.list_id, 1, '')
  ON CONFLICT(list_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER audience_members_upd AFTER UPDATE OF email, status, merge_fields, interests, last_changed ON audience_members
  WHEN (OLD.email, OLD.status, OLD.merge_fields, OLD.interests, OLD.last_changed) IS NOT (NEW.email, NEW.status, NEW.merge_fields, NEW.interests, NEW.last_changed) BEGIN
  INSERT INTO audience_cursors (list_id, version, updated_at) VALUES (NEW.list_id, 1, '')
  ON CONFLICT(list_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER audience_members_del AFTER DELETE ON audience_members WHEN OLD.status IS NOT NULL BEGIN
  UPDATE audience_cursors SET version = version + 1 WHERE list_id = OLD.list_id;
END;
`,
};
