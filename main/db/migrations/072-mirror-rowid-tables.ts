/**
 * The audience mirror (`audience_members`) and per-member bookkeeping (`member_state`) become ordinary
 * rowid tables with UNIQUE (list_id, email_hash), so every `ON CONFLICT(list_id, email_hash)` upsert
 * still applies. Both were WITHOUT ROWID tables keyed by a random hash with wide rows (merge values and
 * interests as JSON): each insert landed at a random place in a B-tree of whole rows, splitting and
 * rewriting full pages — SQLite's worst case (its documentation advises WITHOUT ROWID only for rows
 * under about 1/20 of a page). A rowid table appends the row and puts only the narrow key in the random
 * place; 200k random-hash upserts took about half the time. Rows are copied as they are (in key order),
 * the triggers that count mirror changes are recreated unchanged, and the change counter
 * (`audience_cursors.version`) keeps its value: the copy is not a change. Owned by main/sync/. Forward-only.
 */
export const migration072 = {
  version: 72,
  name: 'mirror-rowid-tables',
  sql: `
-- Dropped first so neither the copy nor the drop below counts as a change of the mirror.
DROP TRIGGER audience_members_ins;
DROP TRIGGER audience_members_upd;
DROP TRIGGER audience_members_del;

CREATE TABLE audience_members_rowid (
  list_id TEXT NOT NULL,
  email_hash TEXT NOT NULL,
  email TEXT NOT NULL,
  status TEXT NOT NULL,
  -- JSON objects as Mailchimp returned them (merge values, interest id -> bool).
  merge_fields TEXT NOT NULL,
  interests TEXT NOT NULL,
  last_changed TEXT,
  UNIQUE (list_id, email_hash)
);
INSERT INTO audience_members_rowid (list_id, email_hash, email, status, merge_fields, interests, last_changed)
  SELECT list_id, email_hash, email, status, merge_fields, interests, last_changed FROM audience_members ORDER BY list_id, email_hash;
DROP TABLE audience_members;
ALTER TABLE audience_members_rowid RENAME TO audience_members;

CREATE TRIGGER audience_members_ins AFTER INSERT ON audience_members BEGIN
  INSERT INTO audience_cursors (list_id, version, updated_at) VALUES (NEW.list_id, 1, '')
  ON CONFLICT(list_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER audience_members_upd AFTER UPDATE ON audience_members BEGIN
  UPDATE audience_cursors SET version = version + 1 WHERE list_id = NEW.list_id;
END;
CREATE TRIGGER audience_members_del AFTER DELETE ON audience_members BEGIN
  UPDATE audience_cursors SET version = version + 1 WHERE list_id = OLD.list_id;
END;

CREATE TABLE member_state_rowid (
  list_id TEXT NOT NULL,
  email_hash TEXT NOT NULL,
  email TEXT NOT NULL,
  -- 1 while the member is in the audience because a sync put or kept it there (removal policy applies).
  synced INTEGER NOT NULL DEFAULT 0,
  -- 1 when Mailchimp said the address was permanently deleted ("Forgotten Email Not Subscribed").
  forgotten INTEGER NOT NULL DEFAULT 0,
  -- The data (merge values + interests, as JSON) Mailchimp last confirmed for the member, and the member's
  -- last_changed right after: while both still match, the member needs no write and no comparison.
  confirmed_key TEXT,
  confirmed_last_changed TEXT,
  last_run_id INTEGER,
  confirmed_at TEXT,
  UNIQUE (list_id, email_hash)
);
INSERT INTO member_state_rowid (list_id, email_hash, email, synced, forgotten, confirmed_key, confirmed_last_changed, last_run_id, confirmed_at)
  SELECT list_id, email_hash, email, synced, forgotten, confirmed_key, confirmed_last_changed, last_run_id, confirmed_at FROM member_state ORDER BY list_id, email_hash;
DROP TABLE member_state;
ALTER TABLE member_state_rowid RENAME TO member_state;
`,
};
