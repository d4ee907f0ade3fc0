import type { ClientField } from '../../shared/domain/client.js';
import type { ColumnMapping, ColumnTarget } from '../../shared/domain/import.js';

/** Lower-cased, without spaces, `-`, `_`, `.` and quotes: `E-mail` = `email` = `E mail`, `client_id` = `ClientID`. */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[\s\-_.'"`]+/g, '');
}

/**
 * Names each client field goes by: Barsy's Bulgarian UI, English, and Barsy's API field names. Order
 * matters: when two columns name one field (e.g. `group_name` and `group_id`), the earlier synonym wins
 * and the other column becomes an extra field.
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

type Synonym = { field: ClientField; rank: number };
const SYNONYM_INDEX = new Map<string, Synonym>();
for (const [field, names] of Object.entries(FIELD_SYNONYMS) as Array<[ClientField, string[]]>) {
  names.forEach((name, rank) => SYNONYM_INDEX.set(normaliseHeader(name), { field, rank }));
}

/** The client field a header names, if it is one of the known names. */
export function fieldOfHeader(header: string): Synonym | undefined {
  return SYNONYM_INDEX.get(normaliseHeader(header));
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

/**
 * The automatic column mapping: known names → fields (the best-ranked column per field), `<kind>: <field>`
 * → representative fields, empty headers ignored, everything else kept as extra client fields.
 */
export function autoMapColumns(headers: string[]): ColumnMapping {
  const best = new Map<ClientField, { index: number; rank: number }>();
  headers.forEach((h, index) => {
    const syn = fieldOfHeader(h);
    if (!syn) return;
    const cur = best.get(syn.field);
    if (!cur || syn.rank < cur.rank) best.set(syn.field, { index, rank: syn.rank });
  });
  const fieldAt = new Map([...best].map(([field, { index }]) => [index, field]));
  return headers.map((header, index) => {
    let target: ColumnTarget;
    const field = fieldAt.get(index);
    const rep = parseRepresentativeHeader(header);
    if (field) target = { type: 'field', field };
    else if (header.trim() === '') target = { type: 'ignore' };
    else if (rep && !fieldOfHeader(header)) target = rep.slot === 1 ? { type: 'representative', kind: rep.kind, field: rep.field } : { type: 'representative', ...rep };
    else target = { type: 'extra' };
    return { index, header, target };
  });
}

/** Key under which a column mapping is remembered: the normalised header set, in order. */
export function headerKey(headers: string[]): string {
  return headers.map(normaliseHeader).join('\u001f');
}
