import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview, ImportSummary } from '../../shared/domain/import.js';
import { loadClients } from '../../main/import/client-store.js';
import { cellText, formatDate, formatNumber } from '../../main/import/cell-text.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { callError, callOk, dumpDb, writeTemp } from '../helpers/import-files.js';

/*
 * An Excel workbook imports exactly like its CSV twin: the same clients, representatives, reasons and
 * warnings. The workbook is built here with exceljs as Excel would save it: codes typed as text, a code
 * stored as a number with a `00000` format, a phone with `0000000000`, dates with `dd.mm.yyyy`, a TRUE
 * flag, a sum with binary noise, a blank row; values are read as Excel shows them.
 */
let app: TempApp;
const ZWSP = '\u200b';

const HEADERS = ['ID', 'Код клиент', 'Имена на клиент', 'Email на клиент', 'Група на клиента', 'Абонамент за Maillist', 'Изтрит (Да/Не)', 'Последна промяна', 'Тел.', 'Оборот', 'Управител: Име'];
type Cell = string | number | boolean | Date | { value: number; numFmt: string } | { date: Date };
const ROWS: Cell[][] = [
  [1001, '00123', 'Иван Петров', 'ivan@abv.bg', 'VIP', 'Да', 'Не', { date: new Date(Date.UTC(2026, 10, 5)) }, { value: 888123456, numFmt: '0000000000' }, 0.1 + 0.2, 'Стоян Липов'],
  [1002, { value: 42, numFmt: '00000' }, 'Мария Колева', 'm\u0430ria@abv.bg', 'VIP', true, false, { date: new Date(Date.UTC(2025, 0, 31)) }, '', 1250.5, ''],
  [1003, '00777', 'Петър Иванов', 'IVAN@abv.bg', 'Фирми', 'Да', 'Не', '', '', 12, ''],
  [1004, '01000', 'Радка', `radka@ab${ZWSP}v.bg`, 'Фирми', 'Не', 'Да', '', '', '', 'Ваня Маркова'],
  [1005, '01001', 'Без имейл', '', '', 'Да', 'Не', '', '', '', ''],
];
/** What Excel shows for each cell, as the CSV twin has it. */
const SHOWN = [
  ['1001', '00123', 'Иван Петров', 'ivan@abv.bg', 'VIP', 'Да', 'Не', '05.11.2026', '0888123456', '0.3', 'Стоян Липов'],
  ['1002', '00042', 'Мария Колева', 'm\u0430ria@abv.bg', 'VIP', 'TRUE', 'FALSE', '31.01.2025', '', '1250.5', ''],
  ['1003', '00777', 'Петър Иванов', 'IVAN@abv.bg', 'Фирми', 'Да', 'Не', '', '', '12', ''],
  ['1004', '01000', 'Радка', `radka@ab${ZWSP}v.bg`, 'Фирми', 'Не', 'Да', '', '', '', 'Ваня Маркова'],
  ['1005', '01001', 'Без имейл', '', '', 'Да', 'Не', '', '', '', ''],
];
const REP_HEADERS = ['Код клиент', 'Вид', 'Име', 'Телефон'];
const REP_ROWS = [
  ['00123', 'Счетоводител', 'Елена Тодорова', '0899 222 333'],
  ['00042', 'Управител', 'Калин Колев', ''],
];

function setCell(ws: ExcelJS.Worksheet, row: number, col: number, v: Cell) {
  const cell = ws.getCell(row, col);
  if (v instanceof Date || typeof v !== 'object') cell.value = v;
  else if ('date' in v) {
    cell.value = v.date;
    cell.numFmt = 'dd.mm.yyyy';
  } else {
    cell.value = v.value;
    cell.numFmt = v.numFmt;
  }
}

async function writeWorkbook(name: string, sheets: Array<{ name: string; headers: string[]; rows: Cell[][] }>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.headers.forEach((h, c) => setCell(ws, 1, c + 1, h));
    // A blank row after the first client, as people leave them: skipped, and row numbers stay Excel's.
    s.rows.forEach((r, i) => r.forEach((v, c) => setCell(ws, i === 0 ? 2 : i + 3, c + 1, v)));
  }
  const file = `${app.dir}/${name}`;
  await wb.xlsx.writeFile(file);
  return file;
}

const csvOf = (headers: string[], rows: string[][]) => [headers, rows[0]!, [], ...rows.slice(1)].map((r) => r.join(';')).join('\r\n');

beforeAll(() => {
  app = createTempApp('barsy-xlsx-');
});
afterAll(async () => {
  await app.cleanup();
});

/** An import as data that does not depend on which file or which import it was. */
function result(s: ImportSummary) {
  const { importId, fileName, createdAt, encoding, delimiter, alreadyImported, ...rest } = s;
  void [importId, fileName, createdAt, encoding, delimiter, alreadyImported];
  const clients = loadClients(app.ctx.db, s.importId).map(({ id, importId: _i, ...c }) => (void id, void _i, c));
  return { ...rest, clients };
}

describe('Excel workbooks', () => {
  it('an .xlsx gives exactly the import result of its CSV twin: clients, representatives, reasons, warnings', async () => {
    const xlsx = await writeWorkbook('klienti.xlsx', [
      { name: 'Клиенти', headers: HEADERS, rows: ROWS },
      { name: 'Бележки', headers: ['Бележка'], rows: [['нищо']] },
    ]);
    const repsXlsx = await writeWorkbook('predstaviteli.xlsx', [{ name: 'Sheet1', headers: REP_HEADERS, rows: REP_ROWS }]);
    const csv = writeTemp(app.dir, 'klienti.csv', csvOf(HEADERS, SHOWN));
    const repsCsv = writeTemp(app.dir, 'predstaviteli.csv', csvOf(REP_HEADERS, REP_ROWS));

    const fromCsv = await callOk<ImportSummary>(app.dispatch, 'import:run', { path: csv, representativesPath: repsCsv });
    const fromXlsx = await callOk<ImportSummary>(app.dispatch, 'import:run', { path: xlsx, representativesPath: repsXlsx });
    expect(fromXlsx.encoding).toBe('xlsx');
    expect(fromXlsx.importId).not.toBe(fromCsv.importId);
    expect(result(fromXlsx)).toEqual(result(fromCsv));
    // And the twin is what we meant: exact counts, the look-alike and invisible emails flagged, codes with their zeros.
    expect(fromXlsx).toMatchObject({ clients: 5, representatives: 4, duplicates: 1 });
    expect(fromXlsx.ineligible).toMatchObject({ invalid_email: 2, no_email: 1, not_subscribed: 1, deleted: 1, duplicate_email: 1 });
    expect(fromXlsx.warnings.map((w) => [w.line, w.code])).toEqual([
      [4, 'email_lookalike'],
      [5, 'duplicate_email'],
      [6, 'email_invisible'],
    ]);
    const clients = result(fromXlsx).clients;
    expect(clients.map((c) => c.code)).toEqual(['00123', '00042', '00777', '01000', '01001']);
    expect(clients[0]!.extra).toEqual({ 'Последна промяна': '05.11.2026', 'Тел.': '0888123456', Оборот: '0.3' });
    expect(clients[1]!.representatives).toEqual([{ kind: 'Управител', fields: [{ field: 'Име', value: 'Калин Колев' }] }]);
  });

  it('previews the first sheet, lists the sheets, and reads the one chosen', async () => {
    const xlsx = await writeWorkbook('dve.xlsx', [
      { name: 'Бележки', headers: ['Бележка'], rows: [['нищо']] },
      { name: 'Клиенти', headers: HEADERS, rows: ROWS },
    ]);
    const first = await callOk<ImportPreview>(app.dispatch, 'import:preview', { path: xlsx });
    expect(first).toMatchObject({ encoding: 'xlsx', sheets: ['Бележки', 'Клиенти'], sheet: 'Бележки', headers: ['Бележка'] });
    expect(first.problems?.[0]?.code).toBe('csv_no_email_column');
    const chosen = await callOk<ImportPreview>(app.dispatch, 'import:preview', { path: xlsx, sheet: 'Клиенти' });
    expect(chosen).toMatchObject({ sheet: 'Клиенти', headers: HEADERS });
    expect(chosen.problems).toBeUndefined();
    expect(chosen.sampleRows[1]).toEqual(SHOWN[1]);
    const s = await callOk<ImportSummary>(app.dispatch, 'import:run', { path: xlsx, sheet: 'Клиенти' });
    expect(s.clients).toBe(5);
    expect(await callError(app.dispatch, 'import:run', { path: xlsx, sheet: 'Няма такъв' })).toEqual({
      code: 'workbook_sheet_unknown',
      params: { file: 'dve.xlsx', sheet: 'Няма такъв', sheets: '„Бележки“, „Клиенти“' },
    });
  });

  it('refuses an old .xls and a damaged workbook with one clear message, changing nothing', async () => {
    const before = dumpDb(app.ctx.db);
    const xls = writeTemp(app.dir, 'stari.xls', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]));
    expect(await callError(app.dispatch, 'import:run', { path: xls })).toEqual({ code: 'workbook_unreadable', params: { file: 'stari.xls', reason: 'Excel 97–2003 (.xls)' } });
    const good = fs.readFileSync(await writeWorkbook('tmp.xlsx', [{ name: 'A', headers: HEADERS, rows: ROWS }]));
    const broken = writeTemp(app.dir, 'povreden.xlsx', good.subarray(0, Math.floor(good.length / 2)));
    expect((await callError(app.dispatch, 'import:run', { path: broken })).code).toBe('workbook_unreadable');
    expect(dumpDb(app.ctx.db)).toEqual(before);
  });
});

describe('cells as Excel shows them', () => {
  it('formats numbers, dates and other values', () => {
    expect(formatNumber(42, '00000')).toBe('00042');
    expect(formatNumber(0.1 + 0.2, 'General')).toBe('0.3');
    expect(formatNumber(3.14159, '0.00')).toBe('3.14');
    expect(formatNumber(0.25, '0%')).toBe('25%');
    expect(formatNumber(1234567, '@')).toBe('1234567');
    const d = new Date(Date.UTC(2026, 11, 5, 14, 7, 9));
    expect(formatDate(d, 'dd.mm.yyyy')).toBe('05.12.2026');
    expect(formatDate(d, 'd.m.yy h:mm')).toBe('5.12.26 14:07');
    expect(formatDate(d, 'yyyy-mm-dd hh:mm:ss')).toBe('2026-12-05 14:07:09');
    expect(formatDate(d, 'mm-dd-yy')).toBe('05.12.2026 14:07');
    expect(cellText({ value: { formula: 'A1*2', result: 84 } })).toBe('84');
    expect(cellText({ value: { richText: [{ text: 'Ли' }, { text: 'па' }] } })).toBe('Липа');
    expect(cellText({ value: { text: 'Сайт', hyperlink: 'https://x.bg' } })).toBe('Сайт');
    expect(cellText({ value: { error: '#N/A' } })).toBe('#N/A');
    expect(cellText({ value: 46000, numFmt: 'dd.mm.yyyy' })).toBe('09.12.2025');
  });
});
