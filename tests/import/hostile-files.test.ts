import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/domain/app-error.js';
import type { ImportSummary } from '../../shared/domain/import.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { callError, callOk, dumpDb, fixture, sample, writeTemp } from '../helpers/import-files.js';

/**
 * The hostile corpus (tests/fixtures/csv/, described in its README): each file gives an exact outcome,
 * and a file that fails leaves the database exactly as it was (a full dump of every table compared).
 */
let app: TempApp;
beforeAll(async () => {
  app = createTempApp('barsy-hostile-');
  // A non-empty database first, so "unchanged" is a real claim.
  await callOk(app.dispatch, 'import:run', { path: sample('clients-cp1251.csv'), representativesPath: sample('representatives-long.csv') });
});
afterAll(async () => {
  await app.cleanup();
});

/** Runs an import that must fail; checks the error and that nothing changed. */
async function expectFailure(request: Record<string, unknown>, expected: AppError): Promise<void> {
  const before = dumpDb(app.ctx.db);
  expect(await callError(app.dispatch, 'import:run', request)).toEqual(expected);
  expect(dumpDb(app.ctx.db)).toEqual(before);
}

describe('files that import', () => {
  it.each([
    ['bom-utf8.csv', 'utf8', ','],
    ['cp1251.csv', 'cp1251', ';'],
    ['utf16le.csv', 'utf16le', '\t'],
  ])('%s → %s, delimiter %j', async (file, encoding, delimiter) => {
    const s = await callOk<ImportSummary>(app.dispatch, 'import:run', { path: fixture(file) });
    expect(s).toMatchObject({ rows: 3, clients: 3, encoding, delimiter, ineligible: { not_subscribed: 1 } });
    const page = await callOk<{ items: Array<{ name: string; email: string }> }>(app.dispatch, 'clients:list', {});
    expect(page.items.map((c) => c.name)).toEqual(['Иван Петров', 'Мария Иванова', 'Георги Димитров']);
  });
});

describe('files that fail, leaving the database unchanged', () => {
  const cases: Array<[string, Record<string, unknown>, AppError]> = [
    ['empty.csv', {}, { code: 'file_empty', params: { file: 'empty.csv' } }],
    ['blank-lines.csv', {}, { code: 'file_empty', params: { file: 'blank-lines.csv' } }],
    ['header-only.csv', {}, { code: 'file_header_only', params: { file: 'header-only.csv' } }],
    ['nul-bytes.csv', {}, { code: 'file_binary', params: { file: 'nul-bytes.csv' } }],
    ['binary.csv', {}, { code: 'file_binary', params: { file: 'binary.csv' } }],
    ['broken-utf8.csv', {}, { code: 'encoding_invalid', params: { file: 'broken-utf8.csv', encoding: 'UTF-8' }, line: 4 }],
    ['broken-utf8.csv', { encoding: 'utf8' }, { code: 'encoding_invalid', params: { file: 'broken-utf8.csv', encoding: 'UTF-8' }, line: 4 }],
    ['cp1251-ascii-header.csv', { encoding: 'utf8' }, { code: 'encoding_invalid', params: { file: 'cp1251-ascii-header.csv', encoding: 'UTF-8' }, line: 2 }],
    ['cp1251.csv', { encoding: 'utf16le' }, { code: 'encoding_invalid', params: { file: 'cp1251.csv', encoding: 'UTF-16LE' }, line: 1 }],
    ['unbalanced-quote.csv', {}, { code: 'csv_unbalanced_quote', params: {}, line: 4 }],
    ['duplicate-headers.csv', {}, { code: 'csv_duplicate_header', params: { file: 'duplicate-headers.csv', header: 'E-MAIL' }, line: 1 }],
    ['too-many-cells.csv', {}, { code: 'csv_too_many_cells', params: { cells: 7, expected: 6, delimiter: ';' }, line: 4 }],
    ['no-email-column.csv', {}, { code: 'csv_no_email_column', params: { headers: '„ID“, „Име“, „Телефон“' } }],
    ['wrong-delimiter.csv', {}, { code: 'csv_no_email_column', params: { headers: '„ID|Име|Email|Група|Maillist абонамент|Изтрит“' } }],
    ['cp1251.csv', { delimiter: ',' }, { code: 'csv_no_email_column', params: { headers: '„ID;Име;Email;Група;Maillist абонамент;Изтрит“' } }],
    ['does-not-exist.csv', {}, { code: 'file_not_found', params: { file: fixture('does-not-exist.csv') } }],
  ];
  it.each(cases)('%s %j', async (file, options, expected) => {
    await expectFailure({ path: fixture(file), ...options }, expected);
  });

  it('a directory instead of a file', async () => {
    await expectFailure({ path: path.dirname(fixture('x')) }, { code: 'file_unreadable', params: { file: 'csv', reason: 'EISDIR' } });
  });

  it('a 10 MB single line', async () => {
    const file = writeTemp(app.dir, 'huge-line.csv', Buffer.concat([Buffer.from('ID;Име;Email\r\n1;'), Buffer.alloc(10 * 1024 * 1024, 0x61), Buffer.from(';a@abv.bg\r\n')]));
    await expectFailure({ path: file }, { code: 'csv_row_too_long', params: { file: 'huge-line.csv', size: '10.0 MB' }, line: 2 });
  });

  it('a bad line deep in a large file, after thousands of clients were already written in the transaction', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i};Клиент ${i};c${i}@abv.bg;VIP;Да;Не`);
    rows.push('5000;"Незатворени кавички;x@abv.bg;VIP;Да;Не');
    const file = writeTemp(app.dir, 'late-error.csv', `ID;Име;Email;Група;Абониран;Изтрит\n${rows.join('\n')}\n`);
    await expectFailure({ path: file }, { code: 'csv_unbalanced_quote', params: {}, line: 5002 });
    const cells = writeTemp(app.dir, 'late-cells.csv', `ID;Име;Email;Група;Абониран;Изтрит\n${rows.slice(0, -1).join('\n')}\n9;Фирма; ООД;x@abv.bg;VIP;Да;Не\n`);
    await expectFailure({ path: cells }, { code: 'csv_too_many_cells', params: { cells: 7, expected: 6, delimiter: ';' }, line: 5002 });
  });

  it('a representatives file without a client column', async () => {
    const reps = writeTemp(app.dir, 'reps-bad.csv', 'Име;Телефон\nИван;0888\n');
    await expectFailure(
      { path: fixture('cp1251.csv'), representativesPath: reps },
      { code: 'representatives_no_column', params: { file: 'reps-bad.csv', role: 'client', headers: '„Име“, „Телефон“' } },
    );
  });

  it('import:preview gives the same errors', async () => {
    expect(await callError(app.dispatch, 'import:preview', { path: fixture('binary.csv') })).toEqual({ code: 'file_binary', params: { file: 'binary.csv' } });
    expect(await callError(app.dispatch, 'import:preview', { path: fixture('header-only.csv') })).toMatchObject({ code: 'file_header_only' });
  });

  it('the corpus README lists every fixture', () => {
    const readme = fs.readFileSync(fixture('README.md'), 'utf8');
    for (const f of fs.readdirSync(path.dirname(fixture('x'))).filter((n) => n.endsWith('.csv'))) expect(readme, f).toContain(`\`${f}\``);
  });
});
