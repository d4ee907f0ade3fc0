import { describe, expect, it } from 'vitest';
import type { AppFailure } from '../../shared/domain/app-error.js';
import type { ImportWarning } from '../../shared/domain/import.js';
import { createRecordBuilder, markDuplicates, planRecords, type DuplicateCandidate } from '../../main/import/build-clients.js';
import { autoMapColumns } from '../../main/import/headers.js';
import { eligibilityOf } from '../../main/import/eligibility.js';

const HEADERS = ['ID', 'Код', 'Име', 'Email', 'Група', 'Maillist абонамент', 'Изтрит', 'Телефон', 'Бележка', 'Управител: Име', 'Управител: Телефон', 'Управител 2: Име'];
const build = createRecordBuilder(HEADERS, autoMapColumns(HEADERS), ';');

describe('createRecordBuilder', () => {
  it('builds a client: trimmed cells, flags, email, extras by header, representatives in column order', () => {
    const warnings: ImportWarning[] = [];
    const c = build(['7', ' K7 ', ' Иван Петров ', ' ivan@abv.bg ', 'VIP', 'да', 'НЕ', '0888', 'бел.', 'Мария', '0877', 'Петър'], 5, warnings);
    expect(c).toEqual({
      line: 5, barsyId: '7', code: 'K7', name: 'Иван Петров', company: '', email: 'ivan@abv.bg', emailKey: 'ivan@abv.bg', emailValid: true,
      group: 'VIP', subscribed: true, deleted: false, extra: ['0888', 'бел.'],
      representatives: [
        { kind: 'Управител', fields: [{ field: 'Име', value: 'Мария' }, { field: 'Телефон', value: '0877' }] },
        { kind: 'Управител', fields: [{ field: 'Име', value: 'Петър' }] },
      ],
      reasons: [], emailSuggestion: null, duplicateOfLine: null,
    });
    expect(warnings).toEqual([]);
    expect(planRecords(autoMapColumns(HEADERS)).extraHeaders).toEqual(['Телефон', 'Бележка']);
  });

  it('records every static reason in a fixed order', () => {
    const w: ImportWarning[] = [];
    expect(build(['1', '', 'A', '', 'VIP', 'Не', 'Да'], 2, w).reasons).toEqual(['not_subscribed', 'no_email', 'deleted']);
    expect(build(['1', '', 'A', 'a@abv', 'VIP', 'x', ''], 3, w).reasons).toEqual(['invalid_email']);
    expect(w).toEqual([
      { line: 2, code: 'missing_cells', detail: '7/12' },
      { line: 3, code: 'missing_cells', detail: '7/12' },
      { line: 3, code: 'email_invalid', detail: 'a@abv' },
    ]);
  });

  it('stores a look-alike suggestion and warns', () => {
    const w: ImportWarning[] = [];
    const c = build(['1', '', 'A', 'iv\u0430n@abv.bg', 'VIP', 'Да', 'Не', '', '', '', '', ''], 4, w);
    expect(c).toMatchObject({ reasons: ['invalid_email'], emailSuggestion: 'ivan@abv.bg', emailValid: false });
    expect(w).toEqual([{ line: 4, code: 'email_lookalike', detail: 'iv\u0430n@abv.bg → ivan@abv.bg' }]);
  });

  it('treats an unreadable flag as the value that does not sync, with a warning', () => {
    const w: ImportWarning[] = [];
    const c = build(['1', '', 'A', 'a@abv.bg', 'VIP', 'може би', '??', '', '', '', '', ''], 9, w);
    expect(c).toMatchObject({ subscribed: false, deleted: true, reasons: ['not_subscribed', 'deleted'] });
    expect(w.map((x) => x.detail)).toEqual(['Maillist абонамент: може би', 'Изтрит: ??']);
  });

  it('ignores empty cells beyond the header but fails on a non-empty one', () => {
    const row = ['1', '', 'A', 'a@abv.bg', 'VIP', 'Да', 'Не', '', '', '', '', ''];
    expect(build([...row, '', ' '], 2, []).name).toBe('A');
    try {
      build([...row, 'Не'], 6, []);
      throw new Error('did not fail');
    } catch (err) {
      expect((err as AppFailure).appError).toEqual({ code: 'csv_too_many_cells', params: { cells: 13, expected: 12, delimiter: ';' }, line: 6 });
    }
  });

  it('without subscribed/deleted columns: not subscribed, not deleted', () => {
    const b = createRecordBuilder(['Име', 'Email'], autoMapColumns(['Име', 'Email']), ',');
    expect(b(['A', 'a@abv.bg'], 2, [])).toMatchObject({ subscribed: false, deleted: false, reasons: ['not_subscribed'] });
  });
});

describe('markDuplicates', () => {
  const cand = (line: number, emailKey: string, reasons: DuplicateCandidate['reasons'] = [], emailValid = true): DuplicateCandidate => ({
    line, emailKey, emailValid, reasons: [...reasons], duplicateOfLine: null,
  });

  it('keeps the first clean client by line and marks the others with the winner line', () => {
    const list = [cand(2, 'a@x.bg'), cand(3, 'b@x.bg'), cand(5, 'a@x.bg'), cand(9, 'a@x.bg', ['not_subscribed'])];
    const w: ImportWarning[] = [];
    const losers = markDuplicates(list, w);
    expect(losers.map((c) => c.line)).toEqual([5, 9]);
    expect(list.map((c) => [c.line, c.reasons, c.duplicateOfLine])).toEqual([
      [2, [], null],
      [3, [], null],
      [5, ['duplicate_email'], 2],
      [9, ['not_subscribed', 'duplicate_email'], 2],
    ]);
    expect(w).toEqual([
      { line: 5, code: 'duplicate_email', detail: 'a@x.bg = 2' },
      { line: 9, code: 'duplicate_email', detail: 'a@x.bg = 2' },
    ]);
  });

  it('prefers a later clean client over an earlier deleted or unsubscribed one', () => {
    const list = [cand(2, 'a@x.bg', ['deleted']), cand(4, 'a@x.bg', ['not_subscribed']), cand(6, 'a@x.bg'), cand(8, 'a@x.bg')];
    markDuplicates(list, []);
    expect(list.map((c) => c.duplicateOfLine)).toEqual([6, 6, null, 6]);
  });

  it('falls back to the first by line when none is clean, and ignores invalid emails', () => {
    const list = [cand(2, 'a@x.bg', ['deleted']), cand(4, 'a@x.bg', ['not_subscribed']), cand(5, 'bad', ['invalid_email'], false), cand(6, 'bad', ['invalid_email'], false)];
    markDuplicates(list, []);
    expect(list.map((c) => c.duplicateOfLine)).toEqual([null, 2, null, null]);
  });
});

describe('eligibilityOf', () => {
  const mapped = new Set(['VIP']);
  it('is eligible only with no static reason and a mapped group', () => {
    expect(eligibilityOf({ group: 'VIP', reasons: [] }, mapped)).toEqual({ eligible: true, reasons: [] });
    expect(eligibilityOf({ group: 'Други', reasons: [] }, mapped)).toEqual({ eligible: false, reasons: ['group_not_mapped'] });
    expect(eligibilityOf({ group: 'VIP', reasons: ['deleted', 'not_subscribed'] }, mapped)).toEqual({ eligible: false, reasons: ['not_subscribed', 'deleted'] });
    expect(eligibilityOf({ group: '', reasons: ['duplicate_email'] }, new Set())).toEqual({ eligible: false, reasons: ['group_not_mapped', 'duplicate_email'] });
  });
});
