/**
 * What issue 12 (Mailchimp in the field) records: the marketing permission (GDPR) a sync grants to the
 * members it creates, per run row whether it was granted, and per run the clients who unsubscribed or
 * were cleaned in Mailchimp since the previous run. Owned by main/sync/ and main/mapping/. Forward-only.
 */
export const migration050 = {
  version: 50,
  name: 'field-behaviour',
  sql: `
CREATE TABLE permission_mappings (
  list_id TEXT PRIMARY KEY,
  -- NULL: decided "none" (new members get no permission).
  permission_id TEXT,
  permission_text TEXT,
  updated_at TEXT NOT NULL
);
-- For members a run created while a permission was mapped: granted, or failed with the error.
ALTER TABLE run_items ADD COLUMN permission TEXT CHECK (permission IN ('granted', 'failed'));
ALTER TABLE run_items ADD COLUMN permission_error TEXT;
-- The permission's text when the run granted one (the report names it).
ALTER TABLE sync_runs ADD COLUMN permission_text TEXT;

-- Members that left "subscribed" in Mailchimp (unsubscribed, cleaned) since the previous run, as the
-- run's read found them: the owner may want to untick Maillist in Barsy.
CREATE TABLE run_mailchimp_changes (
  run_id INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
  email_hash TEXT NOT NULL,
  email TEXT NOT NULL,
  status TEXT NOT NULL,
  last_changed TEXT,
  PRIMARY KEY (run_id, email_hash)
) WITHOUT ROWID;
`,
};
