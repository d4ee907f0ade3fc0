import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../shared/domain/import.js';
import { canonicalMapping, completeMapping } from '../../main/import/column-mapping.js';
import { autoMapColumns } from '../../main/import/headers.js';
import { appErrorOf } from '../helpers/import-files.js';

const HEADERS = ['Име', 'Имейл', 'Любим цвят'];
describe('completeMapping', () => {
  it('fills columns the mapping leaves out with ignore, and matches headers case-insensitively', () => {
    const m: ColumnMapping = [{ index: 1, header: 'ИМЕЙЛ', target: { type: 'field', field: 'email' } }];
    expect(completeMapping(HEADERS, m)).toEqual([
      { index: 0, header: 'Име', target: { type: 'ignore' } },
      { index: 1, header: 'Имейл', target: { type: 'field', field: 'email' } },
      { index: 2, header: 'Любим цвят', target: { type: 'ignore' } },
    ]);
  });

  it('requires an email column, listing the headers', () => {
    expect(appErrorOf(() => completeMapping(['ID', 'Име'], autoMapColumns(['ID', 'Име'])))).toEqual({
      code: 'csv_no_email_column',
      params: { headers: '„ID“, „Име“' },
    });
  });

  it('rejects a mapping for other headers, a column twice, or a field twice', () => {
    const email = { type: 'field', field: 'email' } as const;
    expect(appErrorOf(() => completeMapping(HEADERS, [{ index: 5, header: 'X', target: email }])).code).toBe('ipc_invalid_request');
    expect(appErrorOf(() => completeMapping(HEADERS, [{ index: 0, header: 'Друго', target: email }])).code).toBe('ipc_invalid_request');
    expect(appErrorOf(() => completeMapping(HEADERS, [{ index: 1, header: 'Имейл', target: email }, { index: 1, header: 'Имейл', target: email }])).code).toBe('ipc_invalid_request');
    expect(appErrorOf(() => completeMapping(HEADERS, [{ index: 0, header: 'Име', target: email }, { index: 1, header: 'Имейл', target: email }])).code).toBe('ipc_invalid_request');
  });

  it('serialises the same mapping to the same text', () => {
    const a = canonicalMapping([
      { index: 1, header: 'b', target: { field: 'email', type: 'field' } as never },
      { index: 0, header: 'a', target: { slot: 1, field: 'f', kind: 'k', type: 'representative' } as never },
    ]);
    expect(JSON.stringify(a)).toBe(
      '[{"index":0,"header":"a","target":{"type":"representative","kind":"k","field":"f"}},{"index":1,"header":"b","target":{"type":"field","field":"email"}}]',
    );
  });
});
