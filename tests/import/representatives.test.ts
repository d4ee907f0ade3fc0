import { describe, expect, it } from 'vitest';
import { readRepresentatives } from '../../main/import/representatives.js';
import { recogniseRepColumns, repMappingProblem } from '../../main/import/rep-columns.js';
import { appErrorOf, sourceFromText } from '../helpers/import-files.js';

type C = { ref: string };
const clients = new Map<string, C>([['1001', { ref: '1001' }], ['C1002', { ref: 'C1002' }]]);
const find = (ref: string) => clients.get(ref);
/** Reads a representatives file with its recognised column roles, failing as the import would. */
const read = (text: string) => {
  const src = sourceFromText(text, 'reps.csv');
  const rec = recogniseRepColumns(src.headers);
  const problem = repMappingProblem('reps.csv', src.headers, rec.mapping, rec.ambiguous);
  if (problem) throw problem;
  const r = readRepresentatives(src, rec.mapping, find);
  return { format: r.format, items: r.items.map((i) => ({ client: i.client.ref, ...i.rep })) };
};
const errorOf = (text: string) => appErrorOf(() => read(text));

describe('readRepresentatives', () => {
  it('reads the wide format: one row per representative, one column per field', () => {
    expect(read('ID клиент;Вид;Име;Телефон\n1001;Управител;Иван;0888\nC1002;Счетоводител;Мария;\n1001;Управител;;\n')).toEqual({
      format: 'wide',
      items: [
        { client: '1001', kind: 'Управител', fields: [{ field: 'Име', value: 'Иван' }, { field: 'Телефон', value: '0888' }] },
        { client: 'C1002', kind: 'Счетоводител', fields: [{ field: 'Име', value: 'Мария' }] },
      ],
    });
  });

  it('reads the long format: a repeated field starts the next representative of that client and kind', () => {
    const text = 'client_id,kind,field,value\n1001,Управител,Име,Иван\n1001,Управител,Телефон,0888\n1001,Управител,Име,Петър\n1001,Счетоводител,Име,Мая\n1001,Управител,Телефон,0877\n';
    expect(read(text).items).toEqual([
      { client: '1001', kind: 'Управител', fields: [{ field: 'Име', value: 'Иван' }, { field: 'Телефон', value: '0888' }] },
      { client: '1001', kind: 'Управител', fields: [{ field: 'Име', value: 'Петър' }, { field: 'Телефон', value: '0877' }] },
      { client: '1001', kind: 'Счетоводител', fields: [{ field: 'Име', value: 'Мая' }] },
    ]);
  });

  it('uses the representative number column of the long format when there is one', () => {
    const text = 'Код;Вид;№;Поле;Стойност\nC1002;Управител;1;Име;Иван\nC1002;Управител;2;Име;Петър\nC1002;Управител;1;Телефон;0888\n';
    expect(read(text)).toEqual({
      format: 'long',
      items: [
        { client: 'C1002', kind: 'Управител', fields: [{ field: 'Име', value: 'Иван' }, { field: 'Телефон', value: '0888' }] },
        { client: 'C1002', kind: 'Управител', fields: [{ field: 'Име', value: 'Петър' }] },
      ],
    });
  });

  it('names the line of a row whose client is not in the clients file', () => {
    expect(errorOf('ID;Вид;Име\n1001;Управител;Иван\n\n9999;Управител;Петър\n')).toEqual({
      code: 'representatives_unknown_client',
      params: { file: 'reps.csv', client: '9999' },
      line: 4,
    });
  });

  it('rejects a file without a client or kind column, naming the columns of the file', () => {
    expect(errorOf('Име;Телефон\nИван;0888\n')).toEqual({ code: 'representatives_no_column', params: { file: 'reps.csv', role: 'client', headers: '„Име“, „Телефон“' } });
    expect(errorOf('ID;Име\n1001;Иван\n')).toEqual({ code: 'representatives_no_column', params: { file: 'reps.csv', role: 'kind', headers: '„ID“, „Име“' } });
    expect(errorOf('ID;Вид;Име\n1001;;Иван\n')).toMatchObject({ code: 'representatives_bad_format', line: 2 });
  });

  it('fails on a header-only file', () => {
    expect(errorOf('ID;Вид;Име\n')).toMatchObject({ code: 'file_header_only' });
  });
});
