import { AppFailure } from '../../shared/domain/app-error.js';
import { assertNever } from '../../shared/domain/assert-never.js';
import { columnMappingSchema, type ColumnMapping, type ColumnTarget } from '../../shared/domain/import.js';
import type { Db } from '../db/open-database.js';
import { autoMapColumns, headerKey, normaliseHeader } from './headers.js';

/** The same mapping always serialises to the same text (for re-import recognition). */
export function canonicalMapping(mapping: ColumnMapping): ColumnMapping {
  const target = (t: ColumnTarget): ColumnTarget => {
    switch (t.type) {
      case 'field':
        return { type: 'field', field: t.field };
      case 'representative':
        return t.slot !== undefined && t.slot > 1
          ? { type: 'representative', kind: t.kind, field: t.field, slot: t.slot }
          : { type: 'representative', kind: t.kind, field: t.field };
      case 'extra':
      case 'ignore':
        return { type: t.type };
      default:
        return assertNever(t, 'column target');
    }
  };
  return [...mapping].sort((a, b) => a.index - b.index).map((c) => ({ index: c.index, header: c.header, target: target(c.target) }));
}

function invalid(detail: string): AppFailure {
  return new AppFailure('ipc_invalid_request', { channel: 'import:run', detail });
}

/**
 * Checks a mapping against the file's header row and completes it: every column once (a column the
 * mapping leaves out is ignored), each client field at most once, and an email column.
 */
export function completeMapping(headers: string[], mapping: ColumnMapping): ColumnMapping {
  const byIndex = new Map<number, ColumnMapping[number]>();
  const fields = new Set<string>();
  for (const col of mapping) {
    const header = headers[col.index];
    if (header === undefined || normaliseHeader(header) !== normaliseHeader(col.header)) {
      throw invalid(`column ${col.index + 1} "${col.header}" is not in the file's header row`);
    }
    if (byIndex.has(col.index)) throw invalid(`column ${col.index + 1} is mapped twice`);
    if (col.target.type === 'field') {
      if (fields.has(col.target.field)) throw invalid(`field "${col.target.field}" is mapped to two columns`);
      fields.add(col.target.field);
    }
    byIndex.set(col.index, { index: col.index, header, target: col.target });
  }
  if (!fields.has('email')) {
    throw new AppFailure('csv_no_email_column', { headers: headers.map((h) => `„${h}“`).join(', ').slice(0, 400) });
  }
  return canonicalMapping(headers.map((header, index) => byIndex.get(index) ?? { index, header, target: { type: 'ignore' } }));
}

/** The mapping remembered for this header set, if any. */
export function recallMapping(db: Db, headers: string[]): ColumnMapping | undefined {
  const row = db.prepare<[string], { column_mapping: string }>('SELECT column_mapping FROM header_mappings WHERE header_key = ?').get(headerKey(headers));
  if (!row) return undefined;
  const parsed = columnMappingSchema.safeParse(JSON.parse(row.column_mapping));
  return parsed.success ? parsed.data : undefined;
}

/** Remembers a user's mapping for this header set (called inside the import transaction). */
export function rememberMapping(db: Db, headers: string[], mapping: ColumnMapping): void {
  db.prepare(
    `INSERT INTO header_mappings (header_key, column_mapping, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(header_key) DO UPDATE SET column_mapping = excluded.column_mapping, updated_at = excluded.updated_at`,
  ).run(headerKey(headers), JSON.stringify(mapping), new Date().toISOString());
}

/**
 * The mapping an import uses: the one given (validated), else the one remembered for these headers,
 * else the automatic one. A remembered mapping that no longer fits the headers is ignored.
 */
export function resolveMapping(db: Db, headers: string[], given?: ColumnMapping): ColumnMapping {
  if (given) return completeMapping(headers, given);
  const remembered = recallMapping(db, headers);
  if (remembered) {
    try {
      return completeMapping(headers, remembered);
    } catch {
      // Headers changed in a way the remembered mapping does not fit; fall back to automatic.
    }
  }
  return completeMapping(headers, autoMapColumns(headers));
}
