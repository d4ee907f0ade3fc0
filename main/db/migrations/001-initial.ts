/**
 * Initial schema. Forward-only: never edit a released migration; add the next number instead.
 * Number ranges keep parallel work from colliding: 001–009 foundation, 010–019 sync engine,
 * 020–029 reports, 030–039 app shell.
 */
export const migration001 = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  file_path TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  representatives_file_name TEXT,
  representatives_sha256 TEXT,
  encoding TEXT NOT NULL,
  delimiter TEXT NOT NULL,
  column_mapping TEXT NOT NULL,
  rows INTEGER NOT NULL,
  client_count INTEGER NOT NULL,
  representative_count INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  warnings TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
);
CREATE INDEX imports_sha ON imports(sha256);

CREATE TABLE client_groups (
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  client_count INTEGER NOT NULL,
  PRIMARY KEY (import_id, name)
);

CREATE TABLE clients (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  line INTEGER NOT NULL,
  barsy_id TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  company TEXT NOT NULL,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL,
  group_name TEXT NOT NULL,
  subscribed INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  extra TEXT NOT NULL,
  reasons TEXT NOT NULL,
  email_suggestion TEXT,
  duplicate_of_line INTEGER
);
CREATE INDEX clients_import ON clients(import_id, line);
CREATE INDEX clients_email ON clients(import_id, email_key);

CREATE TABLE representatives (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  position INTEGER NOT NULL
);
CREATE INDEX representatives_client ON representatives(client_id);

CREATE TABLE representative_fields (
  representative_id INTEGER NOT NULL REFERENCES representatives(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (representative_id, position)
);

-- Column mapping remembered per header set (key = normalised headers joined).
CREATE TABLE header_mappings (
  header_key TEXT PRIMARY KEY,
  column_mapping TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  encrypted INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);

-- Mappings are per audience: switching audience must not apply another audience's interest ids.
CREATE TABLE group_mappings (
  list_id TEXT NOT NULL,
  barsy_group TEXT NOT NULL,
  interest_id TEXT,
  category_id TEXT,
  interest_name TEXT,
  PRIMARY KEY (list_id, barsy_group)
);

CREATE TABLE field_mappings (
  list_id TEXT NOT NULL,
  source TEXT NOT NULL,
  tag TEXT,
  PRIMARY KEY (list_id, source)
);
`,
};
