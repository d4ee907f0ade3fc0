/**
 * What the engine knows about each audience: a mirror of its members as Mailchimp last reported them
 * (read at the start of a run, incrementally after the first), the read cursor, and per member what
 * this product did (synced by us, permanently deleted). Owned by main/sync/. Forward-only.
 */
export const migration011 = {
  version: 11,
  name: 'audience-mirror',
  sql: `
CREATE TABLE audience_members (
  list_id TEXT NOT NULL,
  email_hash TEXT NOT NULL,
  email TEXT NOT NULL,
  status TEXT NOT NULL,
  -- JSON objects as Mailchimp returned them (merge values, interest id -> bool).
  merge_fields TEXT NOT NULL,
  interests TEXT NOT NULL,
  last_changed TEXT,
  PRIMARY KEY (list_id, email_hash)
) WITHOUT ROWID;

CREATE TABLE audience_cursors (
  list_id TEXT PRIMARY KEY,
  -- Mailchimp's own last_changed clock: the next read asks for members changed since this.
  since TEXT,
  full_read_at TEXT,
  -- Bumped by the triggers below on every change of a mirrored member.
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);

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

CREATE TABLE member_state (
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
  PRIMARY KEY (list_id, email_hash)
) WITHOUT ROWID;
`,
};
