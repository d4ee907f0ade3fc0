/**
 * Re-import recognition and "current import". `options_key` holds the options an import was made with
 * (encoding, delimiter, effective column mapping), so an identical file imported the same way is
 * recognised; `used_seq` orders imports by their last use, so re-importing an older file makes it
 * current again without copying it; `reason_counts` keeps the client count per (group, static reasons),
 * so a summary with today's group mappings needs no scan of 100k clients. Owned by main/import/.
 * Forward-only.
 */
export const migration002 = {
  version: 2,
  name: 'import-reuse',
  sql: `
ALTER TABLE imports ADD COLUMN options_key TEXT NOT NULL DEFAULT '';
ALTER TABLE imports ADD COLUMN used_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN reason_counts TEXT NOT NULL DEFAULT '[]';
UPDATE imports SET used_seq = id;
CREATE INDEX imports_used ON imports(used_seq DESC, id DESC);
`,
};
