import { describe, expect, it } from 'vitest';
import { fieldOfHeader, recogniseColumns } from '../../main/import/headers.js';
import { conceptsOf, tokenise } from '../../main/import/header-words.js';
import { recogniseRepColumns, repFormat, repMappingProblem } from '../../main/import/rep-columns.js';
import { emailProblem } from '../../main/import/column-mapping.js';

/*
 * Headers are recognised by meaning, not by exact spelling: word order, extra words, punctuation,
 * brackets, abbreviations, case and Latin/Cyrillic look-alike letters do not matter.
 */
describe('clients file: each wording from the issue and the Barsy manual', () => {
  const cases: Array<[string, string]> = [
    ['Код клиент', 'code'], ['Клиент код', 'code'], ['Клиентски код', 'code'], ['client_code', 'code'], ['ClientCode', 'code'], ['Kод', 'code'],
    ['Имена на клиент', 'name'], ['Име на клиент', 'name'], ['Клиент', 'name'], ['client_name', 'name'], ['Наименование', 'name'],
    ['Email на клиент', 'email'], ['Еmail', 'email'], ['E-mail', 'email'], ['Е-мейл', 'email'], ['Ел. поща', 'email'], ['Имейл адрес', 'email'], ['MAIL', 'email'],
    ['Група на клиента', 'group'], ['Клиентска група', 'group'], ['group_name', 'group'], ['Групи', 'group'],
    ['Абонамент за Maillist', 'subscribed'], ['Maillist абонамент', 'subscribed'], ['ml_subscribed', 'subscribed'], ['Абониран (Да/Не)', 'subscribed'], ['Mail list', 'subscribed'],
    ['Изтрит (Да/Не)', 'deleted'], ['delete_flag', 'deleted'], ['Изтрити', 'deleted'],
    ['Населено място', 'town'], ['Гр.', 'town'], ['Град', 'town'],
    ['Тел.', 'phone'], ['Телефон на клиента', 'phone'], ['GSM', 'phone'],
    ['ID клиент', 'id'], ['Клиент ID', 'id'], ['client_id', 'id'], ['ИД', 'id'], ['№', 'id'],
    ['Име на фирма', 'company'], ['Фирма (юридическо лице)', 'company'], ['company_name', 'company'],
    ['ЕИК/Булстат', 'bulstat'], ['ДДС номер', 'vatNum'], ['ИН по ДДС', 'vatNum'], ['Адрес', 'address'], ['МОЛ', 'mol'], ['Последна промяна', 'lastUpdate'],
  ];
  for (const [header, field] of cases) {
    it(`„${header}“ → ${field}`, () => expect(fieldOfHeader(header)?.field).toBe(field));
  }

  it('leaves headers without a known meaning alone', () => {
    for (const h of ['Бележка', 'Любим цвят', 'Дата на раждане', '']) expect(fieldOfHeader(h), h).toBeUndefined();
  });

  it('splits words at case changes, underscores, brackets and dots, and folds look-alike letters', () => {
    expect(tokenise('ClientCode').map((t) => t.text)).toEqual(['client', 'code']);
    expect(tokenise('Тел.')[0]!.abbreviated).toBe(true);
    expect(conceptsOf('Kод клиент')).toEqual(conceptsOf('Код на клиента'));
  });

  it('assigns the Barsy manual header set as a whole', () => {
    const headers = ['Код клиент', 'Имена на клиент', 'Email на клиент', 'Група на клиента', 'Абонамент за Maillist', 'Изтрит (Да/Не)', 'Населено място', 'Тел.'];
    const { mapping, ambiguous } = recogniseColumns(headers);
    expect(ambiguous).toEqual([]);
    expect(mapping.map((c) => (c.target.type === 'field' ? c.target.field : c.target.type))).toEqual([
      'code', 'name', 'email', 'group', 'subscribed', 'deleted', 'town', 'phone',
    ]);
  });

  it('gives a field to the better column: a name beside a client, a group name beside a group id', () => {
    const { mapping } = recogniseColumns(['Клиент', 'Име', 'group_id', 'group_name', 'Email']);
    expect(mapping.map((c) => c.target)).toEqual([
      { type: 'extra' }, { type: 'field', field: 'name' }, { type: 'extra' }, { type: 'field', field: 'group' }, { type: 'field', field: 'email' },
    ]);
  });

  it('names the candidates when the email column is ambiguous, and the headers when there is none', () => {
    const headers = ['Име', 'Email', 'E-mail'];
    const rec = recogniseColumns(headers);
    expect(rec.ambiguous).toEqual([{ field: 'email', candidates: [1, 2] }]);
    expect(emailProblem('k.csv', headers, rec.mapping, rec.ambiguous)?.appError).toEqual({
      code: 'csv_ambiguous_column',
      params: { file: 'k.csv', role: 'email', candidates: '„Email“, „E-mail“', option: '--columns' },
    });
    const none = recogniseColumns(['Име', 'Група']);
    expect(emailProblem('k.csv', ['Име', 'Група'], none.mapping, none.ambiguous)?.appError.code).toBe('csv_no_email_column');
  });
});

describe('representatives file: roles by meaning', () => {
  const roles = (headers: string[]) => recogniseRepColumns(headers).mapping.map((c) => c.role);

  it('reads each wording of the client, kind, number, field and value columns', () => {
    expect(roles(['Код клиент', 'Вид', 'Име', 'Телефон'])).toEqual(['client', 'kind', 'data', 'data']);
    expect(roles(['Клиент код', 'Тип представител', 'Длъжност'])).toEqual(['client', 'kind', 'data']);
    expect(roles(['ID клиент', 'Вид представител', 'Име на представител'])).toEqual(['client', 'kind', 'data']);
    expect(roles(['client_id', 'kind', 'field', 'value'])).toEqual(['client', 'kind', 'field', 'value']);
    expect(roles(['Kод на клиента', 'Представител', 'Представител №', 'Поле', 'Стойност'])).toEqual(['client', 'kind', 'number', 'field', 'value']);
    expect(roles(['ИД', 'Код', 'Вид', 'Име'])).toEqual(['client', 'data', 'kind', 'data']);
    expect(roles(['Клиент', 'Вид (роля)', '', 'Имейл'])).toEqual(['client', 'kind', 'ignore', 'data']);
  });

  it('tells wide from long by the field and value columns', () => {
    expect(repFormat(recogniseRepColumns(['Код клиент', 'Вид', 'Поле', 'Стойност']).mapping)).toBe('long');
    expect(repFormat(recogniseRepColumns(['Код клиент', 'Вид', 'Име']).mapping)).toBe('wide');
  });

  it('does not take a name column for the client reference', () => {
    const headers = ['Име на клиент', 'Вид', 'Телефон'];
    const rec = recogniseRepColumns(headers);
    expect(rec.mapping[0]!.role).toBe('data');
    expect(repMappingProblem('r.csv', headers, rec.mapping, rec.ambiguous)?.appError).toEqual({
      code: 'representatives_no_column',
      params: { file: 'r.csv', role: 'client', headers: '„Име на клиент“, „Вид“, „Телефон“' },
    });
  });

  it('names the candidates of an ambiguous kind column', () => {
    const headers = ['Код клиент', 'Вид', 'Тип', 'Име'];
    const rec = recogniseRepColumns(headers);
    expect(repMappingProblem('r.csv', headers, rec.mapping, rec.ambiguous)?.appError).toEqual({
      code: 'csv_ambiguous_column',
      params: { file: 'r.csv', role: 'kind', candidates: '„Вид“, „Тип“', option: '--rep-columns' },
    });
  });
});
