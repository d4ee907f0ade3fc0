import { AppFailure } from '../../shared/domain/app-error.js';
import { assertNever } from '../../shared/domain/assert-never.js';
import { clientFieldSchema } from '../../shared/domain/client.js';
import { columnMappingSchema, type ColumnMapping, type ColumnOverride, type ColumnTarget } from '../../shared/domain/import.js';
import type { Db } from '../db/open-database.js';
import { headerKey, normaliseHeader, parseRepresentativeHeader, recogniseColumns, type Recognised } from './headers.js';

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
    throw new AppFailure('csv_no_email_column', { headers: quoteHeaders(headers) });
  }
  return canonicalMapping(headers.map((header, index) => byIndex.get(index) ?? { index, header, target: { type: 'ignore' } }));
}

/** The JSON remembered under a key (the clients file's header set, or the representatives file's with a prefix). */
export function recallJson(db: Db, key: string): unknown {
  const row = db.prepare<[string], { column_mapping: string }>('SELECT column_mapping FROM header_mappings WHERE header_key = ?').get(key);
  return row ? JSON.parse(row.column_mapping) : undefined;
}

/** Remembers a user's mapping under a key (called inside the import transaction). */
export function rememberJson(db: Db, key: string, mapping: unknown): void {
  db.prepare(
    `INSERT INTO header_mappings (header_key, column_mapping, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(header_key) DO UPDATE SET column_mapping = excluded.column_mapping, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(mapping), new Date().toISOString());
}

/** The mapping remembered for this header set, if any. */
export function recallMapping(db: Db, headers: string[]): ColumnMapping | undefined {
  const parsed = columnMappingSchema.safeParse(recallJson(db, headerKey(headers)));
  return parsed.success ? parsed.data : undefined;
}

/** Remembers a user's mapping for this header set (called inside the import transaction). */
export function rememberMapping(db: Db, headers: string[], mapping: ColumnMapping): void {
  rememberJson(db, headerKey(headers), mapping);
}

/** `„A“, „B“` — headers as a person reads them in a message. */
export function quoteHeaders(headers: string[]): string {
  return headers.map((h) => `„${h}“`).join(', ').slice(0, 400);
}

/** Roles `--columns` accepts: a client field, or what to do with a column that is none. */
const CLIENT_ROLES: readonly string[] = [...clientFieldSchema.options, 'extra', 'representative', 'ignore'];

/** The index of the column a person named by its header (case, spacing and punctuation ignored). */
export function columnNamed(file: string, headers: string[], header: string): number {
  const index = headers.findIndex((h) => normaliseHeader(h) === normaliseHeader(header));
  if (index === -1) throw new AppFailure('import_column_unknown', { file, header, headers: quoteHeaders(headers) });
  return index;
}

/**
 * Applies `--columns "HEADER=role"` corrections to a mapping: the named column takes the role, and a
 * column that held the same client field before becomes an extra field.
 */
export function applyOverrides(file: string, headers: string[], mapping: ColumnMapping, overrides: ColumnOverride[]): ColumnMapping {
  const out = mapping.map((c) => ({ ...c }));
  for (const { header, role } of overrides) {
    const index = columnNamed(file, headers, header);
    if (!CLIENT_ROLES.includes(role)) throw new AppFailure('import_role_unknown', { role, roles: CLIENT_ROLES.join(', ') });
    let target: ColumnTarget;
    if (role === 'extra' || role === 'ignore') target = { type: role };
    else if (role === 'representative') {
      const rep = parseRepresentativeHeader(headers[index]!);
      target = rep ? { type: 'representative', kind: rep.kind, field: rep.field, ...(rep.slot > 1 ? { slot: rep.slot } : {}) } : { type: 'extra' };
    } else {
      const field = clientFieldSchema.parse(role);
      target = { type: 'field', field };
      for (const c of out) if (c.target.type === 'field' && c.target.field === field) c.target = { type: 'extra' };
    }
    out[out.findIndex((c) => c.index === index)] = { index, header: headers[index]!, target };
  }
  return out;
}

/** The failure for a clients file whose email column is missing or ambiguous in `rec`, if it is. */
export function emailProblem(file: string, headers: string[], mapping: ColumnMapping, ambiguous: Recognised['ambiguous']): AppFailure | undefined {
  if (mapping.some((c) => c.target.type === 'field' && c.target.field === 'email')) return undefined;
  const amb = ambiguous.find((a) => a.field === 'email');
  if (amb) {
    return new AppFailure('csv_ambiguous_column', { file, role: 'email', candidates: quoteHeaders(amb.candidates.map((i) => headers[i]!)), option: '--columns' });
  }
  return new AppFailure('csv_no_email_column', { headers: quoteHeaders(headers) });
}

/** The mapping a file would be imported with before any correction (remembered, else recognised), and what is wrong with it. */
export function proposeMapping(db: Db, file: string, headers: string[]): { mapping: ColumnMapping; problem: AppFailure | undefined } {
  const remembered = recallMapping(db, headers);
  if (remembered) {
    try {
      return { mapping: completeMapping(headers, remembered), problem: undefined };
    } catch {
      // Headers changed in a way the remembered mapping does not fit; recognise them afresh.
    }
  }
  const rec = recogniseColumns(headers);
  return { mapping: rec.mapping, problem: emailProblem(file, headers, rec.mapping, rec.ambiguous) };
}

/**
 * The mapping an import uses: the one given (validated), else the one remembered for these headers,
 * else the one recognised by meaning; then the `--columns` corrections. A required column that is still
 * missing or ambiguous fails with the candidates named.
 */
export function resolveMapping(db: Db, headers: string[], given?: ColumnMapping, overrides?: ColumnOverride[], file = ''): ColumnMapping {
  if (given) return completeMapping(headers, overrides?.length ? applyOverrides(file, headers, completeMapping(headers, given), overrides) : given);
  const proposed = proposeMapping(db, file, headers);
  if (!overrides?.length) {
    if (proposed.problem) throw proposed.problem;
    return completeMapping(headers, proposed.mapping);
  }
  const mapping = applyOverrides(file, headers, proposed.mapping, overrides);
  const problem = emailProblem(file, headers, mapping, recogniseColumns(headers).ambiguous);
  if (problem) throw problem;
  return completeMapping(headers, mapping);
}
