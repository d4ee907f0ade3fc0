import type { Db } from '../db/open-database.js';
import type { FieldMapping, GroupMapping } from '../../shared/domain/mapping.js';

type GroupRow = { barsy_group: string; interest_id: string | null; category_id: string | null; interest_name: string | null };
type FieldRow = { source: string; tag: string | null };

/** Group mappings of one audience (a row with a null interest means "don't sync"). */
export function listGroupMappings(db: Db, listId: string): GroupMapping[] {
  return db
    .prepare<[string], GroupRow>('SELECT barsy_group, interest_id, category_id, interest_name FROM group_mappings WHERE list_id = ? ORDER BY barsy_group')
    .all(listId)
    .map((r) => ({ barsyGroup: r.barsy_group, interestId: r.interest_id, categoryId: r.category_id, interestName: r.interest_name }));
}

/** Stores (or replaces) one group's mapping for an audience. */
export function saveGroupMapping(db: Db, listId: string, m: GroupMapping): void {
  db.prepare(
    `INSERT INTO group_mappings (list_id, barsy_group, interest_id, category_id, interest_name) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(list_id, barsy_group) DO UPDATE SET interest_id = excluded.interest_id, category_id = excluded.category_id,
       interest_name = excluded.interest_name`,
  ).run(listId, m.barsyGroup, m.interestId, m.categoryId, m.interestName);
}

/** Field mappings of one audience (a row with a null tag means "not synced"). */
export function listFieldMappings(db: Db, listId: string): FieldMapping[] {
  return db
    .prepare<[string], FieldRow>('SELECT source, tag FROM field_mappings WHERE list_id = ? ORDER BY rowid')
    .all(listId)
    .map((r) => ({ source: r.source, tag: r.tag }));
}

/** Stores (or replaces) one source's mapping for an audience. */
export function saveFieldMapping(db: Db, listId: string, m: FieldMapping): void {
  db.prepare(
    `INSERT INTO field_mappings (list_id, source, tag) VALUES (?, ?, ?)
     ON CONFLICT(list_id, source) DO UPDATE SET tag = excluded.tag`,
  ).run(listId, m.source, m.tag);
}
