import { AppFailure } from '../../shared/domain/app-error.js';
import type { Representative } from '../../shared/domain/client.js';
import { normaliseHeader } from './headers.js';
import { eachRecord, type CsvSource } from './read-csv.js';

/** Header names of the representatives file's special columns (normalised like client headers). */
const ROLE_NAMES = {
  client: ['client_id', 'client_code', 'ID', 'Код', 'Клиент ID', 'ID клиент', 'Id на клиент', 'ИД', 'Код на клиент', 'Клиентски код', 'Клиент', 'Client', 'Client ID', 'Client code', 'Code'],
  kind: ['representative_kind', 'rep_kind', 'kind', 'Вид', 'Вид представител', 'Тип представител', 'Тип', 'Представител', 'Type', 'Representative'],
  number: ['rep_no', 'Представител №', '№ на представител', 'Номер на представител', 'Representative no', '№', 'Номер', 'No', '#'],
  field: ['field_name', 'field', 'Поле', 'Име на поле', 'Данни', 'Допълнителни данни'],
  value: ['field_value', 'value', 'Стойност'],
} as const;
type Role = keyof typeof ROLE_NAMES;

/** The column of each special role: the one matching the earliest name in the role's list. */
function findRoles(headers: string[]): Partial<Record<Role, number>> {
  const norm = headers.map(normaliseHeader);
  const out: Partial<Record<Role, number>> = {};
  const taken = new Set<number>();
  for (const role of Object.keys(ROLE_NAMES) as Role[]) {
    for (const name of ROLE_NAMES[role]) {
      const i = norm.indexOf(normaliseHeader(name));
      if (i !== -1 && !taken.has(i)) {
        out[role] = i;
        taken.add(i);
        break;
      }
    }
  }
  return out;
}

export type RepresentativesFormat = 'wide' | 'long';

/**
 * Reads a representatives file. Wide: one row per representative (client, kind, one column per field).
 * Long: one row per value (client, kind, field, value); a representative is identified by the optional
 * number column, otherwise a repeated field starts the next one of that client and kind. `find` turns
 * the client reference (Barsy ID, else client code) into the caller's client handle. Returns the
 * representatives in file order; one without any non-empty field is dropped.
 */
export function readRepresentatives<C>(
  src: CsvSource,
  find: (ref: string) => C | undefined,
): { format: RepresentativesFormat; items: Array<{ client: C; rep: Representative }> } {
  const roles = findRoles(src.headers);
  if (roles.client === undefined) throw new AppFailure('representatives_bad_format', { file: src.fileName, reason: 'ID / Код / client_id' });
  if (roles.kind === undefined) throw new AppFailure('representatives_bad_format', { file: src.fileName, reason: 'Вид / Kind' });
  const long = roles.field !== undefined && roles.value !== undefined;
  const special = new Set(Object.values(roles));
  const fieldColumns = src.headers.map((h, i) => ({ field: h, index: i })).filter((c) => !special.has(c.index) && c.field !== '');
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
