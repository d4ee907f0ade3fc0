/**
 * Representatives move onto their client's row: `clients.representatives` holds them as compact JSON
 * (`[[kind, field, value, field, value, …], …]`, export order; NULL when none), and
 * `imports.representative_sources` holds each `<kind>: <field>` merge-tag source of the import with up to
 * 3 sample values (`[[source, [samples…]], …]`, order of first appearance). Writing ~60k representative
 * rows and ~120k field rows with their index was about 40 % of a 100k-client import; one more column on
 * a row already written costs almost nothing, and the merge-tag source list no longer scans a million
 * clients. Existing representatives and the sources of existing imports are moved here, in the order
 * the old tables gave them, then the two tables are dropped. Owned by main/import/. Forward-only.
 */
export const migration071 = {
  version: 71,
  name: 'representatives-json',
  sql: `
ALTER TABLE clients ADD COLUMN representatives TEXT;
ALTER TABLE imports ADD COLUMN representative_sources TEXT NOT NULL DEFAULT '[]';

UPDATE clients SET representatives = (
  SELECT json_group_array(json(rep) ORDER BY rep_id) FROM (
    SELECT r.id AS rep_id,
      '[' || json_quote(r.kind) || COALESCE((
        SELECT group_concat(',' || json_quote(f.field) || ',' || json_quote(f.value), '' ORDER BY f.position)
        FROM representative_fields f WHERE f.representative_id = r.id
      ), '') || ']' AS rep
    FROM representatives r WHERE r.client_id = clients.id
  )
) WHERE id IN (SELECT client_id FROM representatives);

UPDATE imports SET representative_sources = COALESCE((
  SELECT json_group_array(json_array(source, json(samples)) ORDER BY first_rep, first_pos) FROM (
    SELECT r.kind || ': ' || f.field AS source, MIN(r.id) AS first_rep, MIN(f.position) AS first_pos,
      (SELECT json_group_array(value ORDER BY first_seen) FROM (
         SELECT f2.value AS value, MIN(r2.id) AS first_seen FROM representatives r2
         JOIN representative_fields f2 ON f2.representative_id = r2.id JOIN clients c2 ON c2.id = r2.client_id
         WHERE c2.import_id = imports.id AND r2.kind = r.kind AND f2.field = f.field AND f2.value <> ''
         GROUP BY f2.value ORDER BY first_seen LIMIT 3)) AS samples
    FROM representatives r JOIN representative_fields f ON f.representative_id = r.id JOIN clients c ON c.id = r.client_id
    WHERE c.import_id = imports.id GROUP BY r.kind, f.field
  )
), '[]');

DROP TABLE representative_fields;
DROP TABLE representatives;
`,
};
