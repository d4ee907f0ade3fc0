import { AppFailure } from '../../shared/domain/app-error.js';
import type { Representative } from '../../shared/domain/client.js';
import type { RepColumnMapping, RepRole } from '../../shared/domain/import.js';
import { repFormat } from './rep-columns.js';
import { eachRecord, type CsvSource } from './read-csv.js';

export type RepresentativesFormat = 'wide' | 'long';

/**
 * Reads a representatives file with its column roles (`rep-columns.ts`). Wide: one row per representative (client, kind, one column per field).
 * Long: one row per value (client, kind, field, value); a representative is identified by the optional
 * number column, otherwise a repeated field starts the next one of that client and kind. `find` turns
 * the client reference (Barsy ID, else client code) into the caller's client handle. Returns the
 * representatives in file order; one without any non-empty field is dropped.
 */
export function readRepresentatives<C>(
  src: CsvSource,
  mapping: RepColumnMapping,
  find: (ref: string) => C | undefined,
): { format: RepresentativesFormat; items: Array<{ client: C; rep: Representative }> } {
  const roles: Partial<Record<RepRole, number>> = {};
  for (const c of mapping) if (c.role !== 'data' && c.role !== 'ignore') roles[c.role] = c.index;
  const long = repFormat(mapping) === 'long';
  const fieldColumns = mapping.filter((c) => c.role === 'data' && c.header !== '').map((c) => ({ field: c.header, index: c.index }));
  const items: Array<{ client: C; rep: Representative }> = [];
  // Long format: the representative being filled per client + kind + number.
  const open = new Map<C, Map<string, Representative>>();

  eachRecord(src, (record, line) => {
    const cell = (i: number | undefined) => (i === undefined ? '' : (record[i] ?? '').trim());
    const ref = cell(roles.client);
    const client = find(ref);
    if (client === undefined) throw new AppFailure('representatives_unknown_client', { file: src.fileName, client: ref }, line);
    const kind = cell(roles.kind);
    if (kind === '') throw new AppFailure('representatives_bad_format', { file: src.fileName, reason: `${line}: Вид / Kind = ""` }, line);
    if (!long) {
      const fields = fieldColumns.map((c) => ({ field: c.field, value: cell(c.index) })).filter((f) => f.value !== '');
      if (fields.length > 0) items.push({ client, rep: { kind, fields } });
      return;
    }
    const field = cell(roles.field);
    const value = cell(roles.value);
    if (field === '' || value === '') return;
    const key = `${kind}\u0000${cell(roles.number)}`;
    let perClient = open.get(client);
    if (!perClient) {
      perClient = new Map();
      open.set(client, perClient);
    }
    let rep = perClient.get(key);
    if (!rep || (roles.number === undefined && rep.fields.some((f) => f.field === field))) {
      rep = { kind, fields: [] };
      perClient.set(key, rep);
      items.push({ client, rep });
    }
    rep.fields.push({ field, value });
  });
  return { format: long ? 'long' : 'wide', items };
}
