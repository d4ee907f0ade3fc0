import { AppFailure } from '../../shared/domain/app-error.js';
import { repColumnMappingSchema, repRoleSchema, type ColumnOverride, type RepColumnMapping, type RepRole } from '../../shared/domain/import.js';
import type { Db } from '../db/open-database.js';
import { columnNamed, quoteHeaders, recallJson, rememberJson } from './column-mapping.js';
import { assignRoles, type RoleSpec } from './header-words.js';
import { headerKey, normaliseHeader } from './headers.js';

/** The roles of the representatives file that one column at most may hold. */
type SpecialRole = Exclude<RepRole, 'data' | 'ignore'>;

/**
 * How the representatives file's roles are recognised by meaning: "Код клиент", "ID клиент", "client_id"
 * → client; "Вид", "Тип представител" → kind; "№", "Представител №" → number; "Поле" → field;
 * "Стойност" → value. The Barsy ID beats the client code when a file has both.
 */
const REP_ROLES: ReadonlyArray<[SpecialRole, RoleSpec]> = [
  ['client', { heads: { client: 1, id: 3.2, code: 3 }, free: { number: 0 } }],
  ['kind', { heads: { kind: 3, representative: 1 } }],
  ['number', { heads: { number: 2 }, free: { representative: 0 } }],
  ['field', { heads: { field: 3 }, free: { name: 0 } }],
  ['value', { heads: { value: 3 } }],
];

/** Roles a representatives file cannot do without. */
const REQUIRED: SpecialRole[] = ['client', 'kind'];

/** Long format (one row per value) when the file has both a field and a value column; else wide. */
export function repFormat(mapping: RepColumnMapping): 'wide' | 'long' {
  return mapping.some((c) => c.role === 'field') && mapping.some((c) => c.role === 'value') ? 'long' : 'wide';
}

/** Recognises the columns' roles; every other non-empty column is a field of the representative (`data`). */
export function recogniseRepColumns(headers: string[]): { mapping: RepColumnMapping; ambiguous: Array<{ role: SpecialRole; candidates: number[] }> } {
  const { chosen, ambiguous } = assignRoles(headers, REP_ROLES);
  const roleAt = new Map(chosen.map((c) => [c.index, c.role]));
  const mapping = headers.map((header, index) => ({ index, header, role: roleAt.get(index) ?? (header.trim() === '' ? 'ignore' : 'data') }) as RepColumnMapping[number]);
  return { mapping, ambiguous };
}

/** A client or kind column that is missing (or ambiguous) fails with the file's columns or the candidates named. */
export function repMappingProblem(file: string, headers: string[], mapping: RepColumnMapping, ambiguous: Array<{ role: SpecialRole; candidates: number[] }>): AppFailure | undefined {
  for (const role of REQUIRED) {
    if (mapping.some((c) => c.role === role)) continue;
    const amb = ambiguous.find((a) => a.role === role);
    if (amb) return new AppFailure('csv_ambiguous_column', { file, role, candidates: quoteHeaders(amb.candidates.map((i) => headers[i]!)), option: '--rep-columns' });
    return new AppFailure('representatives_no_column', { file, role, headers: quoteHeaders(headers) });
  }
  return undefined;
}

/** Checks a mapping against the header row: every column once (left out = ignored), each special role at most once. */
export function completeRepMapping(file: string, headers: string[], mapping: RepColumnMapping): RepColumnMapping {
  const byIndex = new Map<number, RepColumnMapping[number]>();
  const roles = new Set<RepRole>();
  for (const col of mapping) {
    const header = headers[col.index];
    if (header === undefined || normaliseHeader(header) !== normaliseHeader(col.header)) {
      throw new AppFailure('ipc_invalid_request', { channel: 'import:run', detail: `column ${col.index + 1} "${col.header}" is not in the representatives file` });
    }
    if (byIndex.has(col.index)) throw new AppFailure('ipc_invalid_request', { channel: 'import:run', detail: `representatives column ${col.index + 1} is mapped twice` });
    if (col.role !== 'data' && col.role !== 'ignore') {
      if (roles.has(col.role)) throw new AppFailure('ipc_invalid_request', { channel: 'import:run', detail: `role "${col.role}" is given to two columns` });
      roles.add(col.role);
    }
    byIndex.set(col.index, { index: col.index, header, role: col.role });
  }
  const out = headers.map((header, index) => byIndex.get(index) ?? { index, header, role: 'ignore' as const });
  const problem = repMappingProblem(file, headers, out, []);
  if (problem) throw problem;
  return out;
}

/** `--rep-columns "HEADER=role"`: the named column takes the role; a column that held it before becomes a field. */
export function applyRepOverrides(file: string, headers: string[], mapping: RepColumnMapping, overrides: ColumnOverride[]): RepColumnMapping {
  const out = mapping.map((c) => ({ ...c }));
  for (const { header, role } of overrides) {
    const index = columnNamed(file, headers, header);
    const parsed = repRoleSchema.safeParse(role);
    if (!parsed.success) throw new AppFailure('import_role_unknown', { role, roles: repRoleSchema.options.join(', ') });
    if (parsed.data !== 'data' && parsed.data !== 'ignore') for (const c of out) if (c.role === parsed.data) c.role = 'data';
    out[out.findIndex((c) => c.index === index)]!.role = parsed.data;
  }
  return out;
}

const repKey = (headers: string[]): string => `representatives\u001e${headerKey(headers)}`;

/** Remembers a user's representatives mapping for this header set (inside the import transaction). */
export function rememberRepMapping(db: Db, headers: string[], mapping: RepColumnMapping): void {
  rememberJson(db, repKey(headers), mapping);
}

/** The mapping before any correction (remembered for these headers, else recognised) and what is wrong with it. */
export function proposeRepMapping(db: Db, file: string, headers: string[]): { mapping: RepColumnMapping; problem: AppFailure | undefined } {
  const remembered = repColumnMappingSchema.safeParse(recallJson(db, repKey(headers)));
  if (remembered.success) {
    try {
      return { mapping: completeRepMapping(file, headers, remembered.data), problem: undefined };
    } catch {
      // The remembered mapping no longer fits these headers; recognise them afresh.
    }
  }
  const rec = recogniseRepColumns(headers);
  return { mapping: rec.mapping, problem: repMappingProblem(file, headers, rec.mapping, rec.ambiguous) };
}

/** The mapping an import uses: given (validated), else remembered or recognised, then the corrections. */
export function resolveRepMapping(db: Db, file: string, headers: string[], given?: RepColumnMapping, overrides?: ColumnOverride[]): RepColumnMapping {
  let mapping: RepColumnMapping;
  let problem: AppFailure | undefined;
  if (given) mapping = completeRepMapping(file, headers, given);
  else ({ mapping, problem } = proposeRepMapping(db, file, headers));
  if (overrides?.length) {
    mapping = applyRepOverrides(file, headers, mapping, overrides);
    problem = repMappingProblem(file, headers, mapping, recogniseRepColumns(headers).ambiguous);
  }
  if (problem) throw problem;
  return completeRepMapping(file, headers, mapping);
}
