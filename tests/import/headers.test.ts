import { describe, expect, it } from 'vitest';
import { autoMapColumns, fieldOfHeader, headerKey, normaliseHeader, parseRepresentativeHeader } from '../../main/import/headers.js';
import { parseFlag } from '../../main/import/flags.js';

describe('headers', () => {
  it('normalises case, spaces, dashes, underscores and dots', () => {
    expect(normaliseHeader(' E-Mail ')).toBe('email');
    expect(normaliseHeader('client_ID')).toBe('clientid');
    expect(normaliseHeader('Maillist  Абонамент')).toBe('maillistабонамент');
    expect(normaliseHeader('Ел. поща')).toBe('елпоща');
  });

  it('knows Bulgarian, English and Barsy API names', () => {
    const cases: Array<[string, string]> = [
      ['Име', 'name'], ['Клиент', 'name'], ['Name', 'name'], ['client_name', 'name'],
      ['Email', 'email'], ['E-mail', 'email'], ['Имейл', 'email'], ['email', 'email'],
      ['Група', 'group'], ['Клиентска група', 'group'], ['Group', 'group'], ['group_name', 'group'], ['group_id', 'group'],
      ['Maillist абонамент', 'subscribed'], ['Абониран', 'subscribed'], ['Subscribed', 'subscribed'], ['ml_subscribed', 'subscribed'],
      ['Изтрит', 'deleted'], ['Deleted', 'deleted'], ['delete_flag', 'deleted'],
      ['ID', 'id'], ['client_id', 'id'], ['Код', 'code'], ['client_code', 'code'],
      ['company_name', 'company'], ['Фирма', 'company'], ['tel', 'phone'], ['Телефон', 'phone'], ['town', 'town'], ['Град', 'town'],
      ['address', 'address'], ['mol', 'mol'], ['МОЛ', 'mol'], ['bulstat', 'bulstat'], ['ЕИК', 'bulstat'], ['vat_num', 'vatNum'],
      ['last_update', 'lastUpdate'], ['  КЛИЕНТСКА  ГРУПА ', 'group'],
    ];
    for (const [header, field] of cases) expect(fieldOfHeader(header)?.field, header).toBe(field);
    expect(fieldOfHeader('Любим цвят')).toBeUndefined();
  });

  it('reads `<kind>: <field>` and `<kind> N: <field>` representative headers', () => {
    expect(parseRepresentativeHeader('Управител: Телефон')).toEqual({ kind: 'Управител', field: 'Телефон', slot: 1 });
    expect(parseRepresentativeHeader('Управител 2 : Телефон')).toEqual({ kind: 'Управител', field: 'Телефон', slot: 2 });
    expect(parseRepresentativeHeader('Manager #3: Phone')).toEqual({ kind: 'Manager', field: 'Phone', slot: 3 });
    expect(parseRepresentativeHeader('Бележка')).toBeUndefined();
    expect(parseRepresentativeHeader(': x')).toBeUndefined();
  });

  it('maps columns automatically: best-ranked synonym wins, representatives, extras, empty headers ignored', () => {
    const mapping = autoMapColumns(['client_id', 'Име', 'group_id', 'group_name', 'E-mail', 'Управител: Име', 'Управител 2: Име', 'Бележка', '', 'Телефон']);
    expect(mapping.map((c) => c.target)).toEqual([
      { type: 'field', field: 'id' },
      { type: 'field', field: 'name' },
      { type: 'extra' },
      { type: 'field', field: 'group' },
      { type: 'field', field: 'email' },
      { type: 'representative', kind: 'Управител', field: 'Име' },
      { type: 'representative', kind: 'Управител', field: 'Име', slot: 2 },
      { type: 'extra' },
      { type: 'ignore' },
      { type: 'field', field: 'phone' },
    ]);
  });

  it('keys a header set independently of case and spacing', () => {
    expect(headerKey(['Име', 'E-mail'])).toBe(headerKey([' име', 'EMAIL']));
    expect(headerKey(['Име', 'Email'])).not.toBe(headerKey(['Email', 'Име']));
  });
});

describe('parseFlag', () => {
  it('reads flags as people type them, in any case', () => {
    for (const v of ['Да', 'да', 'ДА', '1', 'yes', 'YES', 'y', 'true', 'TRUE', 'x', 'X', 'х', ' Да ', 'ИСТИНА', '+']) expect(parseFlag(v), v).toBe(true);
    for (const v of ['Не', 'не', '0', 'no', 'No', 'n', 'false', 'FALSE', '', '  ', 'НЕИСТИНА', '-']) expect(parseFlag(v), v).toBe(false);
    for (const v of ['може би', '2', 'abc']) expect(parseFlag(v), v).toBeUndefined();
  });
});
