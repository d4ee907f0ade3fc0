/**
 * Each import records the range of its clients' ids, and the index on clients (import_id, line) goes.
 * An import has always given its clients consecutive ids in file order (the writer assigns them, in one
 * transaction), so "this import's clients in file order" is the id range `first_client_id..last_client_id`
 * read by the primary key, and the index only cost every import a B-tree insert per client (about 5–10 %
 * of a 100k-client import, more at 1M). The ranges of existing imports are read through the index before
 * it is dropped. Owned by main/import/. Forward-only.
 */
export const migration076 = {
  version: 76,
  name: 'client-id-ranges',
  sql: `
ALTER TABLE imports ADD COLUMN first_client_id INTEGER;
ALTER TABLE imports ADD COLUMN last_client_id INTEGER;
UPDATE imports SET
  first_client_id = (SELECT MIN(id) FROM clients WHERE import_id = imports.id),
  last_client_id = (SELECT MAX(id) FROM clients WHERE import_id = imports.id);
DROP INDEX IF EXISTS clients_import;
`,
};
