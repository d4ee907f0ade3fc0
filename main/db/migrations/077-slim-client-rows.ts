/**
 * Slimmer client rows, which the import writes a million at a time:
 * - `clients.email_key` goes. It always held the stored email lower-cased (`checkEmail`'s key), and its
 *   one reader was the import's duplicate pass, which now lower-cases the email of its few candidate rows
 *   itself (the column's index went in migration 074). No index, trigger or view names the column.
 * - `imports.representative_shapes` numbers the distinct (kind, field names) of an import's
 *   representatives (`[[kind, field, …], …]`, `main/import/rep-json.ts`), so a client row stores
 *   `[[shape, value, …], …]` instead of naming the kind and every field of every representative again.
 *   Imports written before keep their rows as they are (`[[kind, field, value, …], …]`, told apart by
 *   the string in first place) with no shapes (`'[]'`): nothing is rewritten for them.
 * Together about 12 % less written per client; 100k clients imported ~10 % faster. SQLite rewrites every
 * clients row to drop the column: about 2.2 s per million clients (3.7 s with the backup taken before
 * migrating); the file keeps its size and the next imports reuse the freed pages. Owned by main/import/.
 * Forward-only.
 */
export const migration077 = {
  version: 77,
  name: 'slim-client-rows',
  sql: `
ALTER TABLE clients DROP COLUMN email_key;
ALTER TABLE imports ADD COLUMN representative_shapes TEXT NOT NULL DEFAULT '[]';
`,
};
