/**
 * The index on (import_id, email_key) goes: its one reader was the import's duplicate search, which now
 * finds the clients that may share an email while the file streams (a 32-bit hash per valid email,
 * `main/import/duplicate-keys.ts`) and compares their rows by id. Keeping the index cost every import a
 * random-order B-tree insert per client (about 5 % of a 100k-client import). Nothing is lost: the
 * `email_key` column stays. Owned by main/import/. Forward-only.
 */
export const migration074 = {
  version: 74,
  name: 'no-client-email-index',
  sql: `
DROP INDEX IF EXISTS clients_email;
`,
};
