import type { ClientField } from '../../shared/domain/client.js';
import type { ColumnMapping, ColumnTarget } from '../../shared/domain/import.js';
import { assignRoles, conceptsOf, scoreRole, type RoleSpec } from './header-words.js';

/** Lower-cased, without spaces, `-`, `_`, `.` and quotes: `E-mail` = `email` = `E mail`, `client_id` = `ClientID`. */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[\s\-_.'"`]+/g, '');
}

/**
 * Usual names of each client field: Barsy's Bulgarian UI, English, and Barsy's API field names. Columns
 * are recognised by meaning (`FIELD_ROLES`); these lists serve merge-tag matching by name.
 */
export const FIELD_SYNONYMS: Record<ClientField, string[]> = {
  id: ['client_id', 'ID', 'Id на клиент', 'ИД', 'Клиент ID', 'ID клиент', 'Client ID', '№', 'No'],
  code: ['client_code', 'Код', 'Код на клиент', 'Клиентски код', 'Code', 'Client code'],
  name: ['client_name', 'Име', 'Клиент', 'Name', 'Име на клиент', 'Наименование', 'Client', 'Client name', 'Full name'],
  company: ['company_name', 'Фирма', 'Company', 'Име на фирма', 'Фирма име', 'Юридическо лице'],
  email: ['email', 'E-mail', 'Имейл', 'Е-мейл', 'Емейл', 'Ел. поща', 'Електронна поща', 'Mail', 'Email address', 'Имейл адрес'],
  group: ['group_name', 'Група', 'Клиентска група', 'Group', 'Client group', 'Група клиенти', 'group_id'],
  subscribed: ['ml_subscribed', 'Maillist абонамент', 'Абониран', 'Subscribed', 'Абонамент', 'Maillist', 'Mail list', 'Newsletter', 'Бюлетин'],
  deleted: ['delete_flag', 'Изтрит', 'Deleted', 'Изтрит клиент', 'Deleted flag'],
  phone: ['tel', 'Телефон', 'Тел', 'Phone', 'Телефонен номер', 'GSM', 'Мобилен'],
  town: ['town', 'Град', 'Населено място', 'Town', 'City'],
  address: ['address', 'Адрес', 'Address'],
  mol: ['mol', 'МОЛ'],
  bulstat: ['bulstat', 'Булстат', 'ЕИК', 'ЕИК/Булстат', 'UIC'],
  vatNum: ['vat_num', 'ДДС номер', 'ДДС №', 'ИН по ДДС', 'VAT', 'VAT number'],
  lastUpdate: ['last_update', 'Последна промяна', 'Обновен', 'Last update', 'Updated'],
};

/**
 * How each client field is recognised by meaning (see `header-words.ts`): the concepts that name it and
 * those that may come with it. Order matters only for an exact tie on one column.
 */
export const FIELD_ROLES: ReadonlyArray<[ClientField, RoleSpec]> = [
  ['email', { heads: { email: 3 }, free: { client: 0, address: 0, company: 0.5 } }],
  ['id', { heads: { id: 3, number: 1.5 }, free: { client: 0 } }],
  ['code', { heads: { code: 3 }, free: { client: 0, number: 0.5 } }],
  ['name', { heads: { name: 2, client: 1 } }],
  ['company', { heads: { company: 3 }, free: { name: 0, client: 0 } }],
  ['group', { heads: { group: 3 }, free: { client: 0, name: 0, id: 0.5, code: 0.5 } }],
  ['subscribed', { heads: { subscribe: 3 }, free: { client: 0, email: 0 } }],
  ['deleted', { heads: { deleted: 3 }, free: { client: 0 } }],
  ['phone', { heads: { phone: 3 }, free: { client: 0, number: 0 } }],
  ['town', { heads: { town: 3 }, free: { client: 0 } }],
  ['address', { heads: { address: 3 }, free: { client: 0 } }],
  ['mol', { heads: { mol: 3 } }],
  ['bulstat', { heads: { bulstat: 3 }, free: { number: 0, company: 0, client: 0, id: 0.5 } }],
  ['vatNum', { heads: { vat: 3 }, free: { number: 0, company: 0, client: 0, id: 0.5 } }],
  ['lastUpdate', { heads: { update: 3 }, free: { client: 0 } }],
];

/** The client field a header names by itself (its best-scoring field), if any. */
export function fieldOfHeader(header: string): { field: ClientField; score: number } | undefined {
  const concepts = conceptsOf(header);
  let best: { field: ClientField; score: number } | undefined;
  for (const [field, spec] of FIELD_ROLES) {
    const score = scoreRole(concepts, spec);
    if (score > 0 && (!best || score > best.score)) best = { field, score };
  }
  return best;
}

/**
 * `<kind>: <field>` (a representative field in the clients file). `<kind> N: <field>` is the N-th
 * representative of that kind, so a client can have two managers: `Управител 2: Телефон`.
 */
export function parseRepresentativeHeader(header: string): { kind: string; field: string; slot: number } | undefined {
  const m = /^(.+?)\s*(?:#?(\d+))?\s*:\s*(.+)$/su.exec(header.trim());
  if (!m) return undefined;
  const kind = m[1]!.trim();
  const field = m[3]!.trim();
  if (kind === '' || field === '') return undefined;
  return { kind, field, slot: m[2] ? Number(m[2]) : 1 };
}

/** The automatic mapping, and the fields whose column could not be told apart (candidates' indexes). */
export type Recognised = { mapping: ColumnMapping; ambiguous: Array<{ field: ClientField; candidates: number[] }> };

/**
 * The automatic column mapping: `<kind>: <field>` → representative fields; the other headers scored
 * against every client field by meaning and given the best unambiguous assignment; empty headers ignored;
 * everything else (and a column whose field is ambiguous) kept as an extra client field.
 */
export function recogniseColumns(headers: string[]): Recognised {
  const reps = headers.map((h) => (h.includes(':') ? parseRepresentativeHeader(h) : undefined));
  const { chosen, ambiguous } = assignRoles(headers.map((h, i) => (reps[i] ? '' : h)), FIELD_ROLES);
  const fieldAt = new Map(chosen.map((c) => [c.index, c.role]));
  const mapping = headers.map((header, index) => {
    let target: ColumnTarget;
    const field = fieldAt.get(index);
    const rep = reps[index];
    if (field) target = { type: 'field', field };
    else if (header.trim() === '') target = { type: 'ignore' };
    else if (rep) target = rep.slot === 1 ? { type: 'representative', kind: rep.kind, field: rep.field } : { type: 'representative', ...rep };
    else target = { type: 'extra' };
    return { index, header, target };
  });
  return { mapping, ambiguous: ambiguous.map((a) => ({ field: a.role, candidates: a.candidates })) };
}

/** The automatic column mapping (see `recogniseColumns`). */
export function autoMapColumns(headers: string[]): ColumnMapping {
  return recogniseColumns(headers).mapping;
}

/** Key under which a column mapping is remembered: the normalised header set, in order. */
export function headerKey(headers: string[]): string {
  return headers.map(normaliseHeader).join('\u001f');
}
