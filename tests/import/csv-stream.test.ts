import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCsv, openCsvWhole, type CsvSource } from '../../main/import/read-csv.js';
import { appErrorOf } from '../helpers/import-files.js';

/*
 * The streamed reader (1 MB chunks, decoded and parsed as they come) gives exactly the records and
 * line numbers of the whole-file reader, on files built so that chunk borders fall inside quoted cells,
 * inside CRLF pairs and inside multi-byte letters.
 */
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-stream-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const all = (src: CsvSource) => {
  const out: Array<[number, string[]]> = [];
  src.records((record, line) => void out.push([line, record]));
  return out;
};

/** 2.7–3.7 MB of rows with every hard case, deterministic. */
function rows(newline: (i: number) => string): string {
  const parts = ['ID;Име;Бележка;Email'];
  for (let i = 0; i < 50000; i++) {
    const note = i % 7 === 0 ? `"ред ${i}${newline(i)}втори ред; с ""кавички"""` : i % 11 === 0 ? '"a;b"' : `Бележка ${'ж'.repeat(i % 13)}`;
    parts.push(`${i};Клиент ${'Щ'.repeat(i % 5)} ${i};${note};c${i}@abv.bg`);
    if (i % 997 === 0) parts.push('');
  }
  return parts.map((p, i) => p + newline(i)).join('');
}

describe('streamed CSV reading', () => {
  const cases: Array<[string, string, (s: string) => Buffer]> = [
    ['utf8 crlf', 'u.csv', (s) => Buffer.from(s, 'utf8')],
    ['utf8 with BOM', 'b.csv', (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')])],
    ['cp1251 crlf', 'w.csv', (s) => iconv.encode(s, 'win1251')],
  ];
  for (const [name, file, encode] of cases) {
    it(`gives the whole-file records and lines: ${name}`, () => {
      const p = path.join(dir, file);
      fs.writeFileSync(p, encode(rows(() => '\r\n')));
      expect(fs.statSync(p).size).toBeGreaterThan(2.5 * 1024 * 1024);
      const streamed = openCsv(p, { encoding: 'auto', delimiter: 'auto' });
      const whole = openCsvWhole(p, { encoding: 'auto', delimiter: 'auto' });
      expect(streamed).toMatchObject({ encoding: whole.encoding, delimiter: ';', sha256: whole.sha256, headers: whole.headers, size: whole.size });
      expect(all(streamed)).toEqual(all(whole));
    });
  }

  it('mixed CRLF rows with bare LF inside cells, and LF-only and CR-only files', () => {
    for (const [file, nl] of [['m.csv', (i: number) => (i % 2 ? '\n' : '\r\n')], ['lf.csv', () => '\n'], ['cr.csv', () => '\r']] as const) {
      const p = path.join(dir, file);
      fs.writeFileSync(p, rows(nl));
      expect(all(openCsv(p, { encoding: 'auto', delimiter: 'auto' })), file).toEqual(all(openCsvWhole(p, { encoding: 'auto', delimiter: 'auto' })));
    }
  });

  it('lines almost as long as a chunk: a chunk without any line break, and a rest nearly a chunk long', () => {
    const MB = 1024 * 1024;
    const row = (i: number, filler: string) => `${i};${filler};"бележка; ${i}";c${i}@abv.bg\r\n`;
    /** A row of exactly `bytes` UTF-8 bytes, line break included. */
    const rowOf = (i: number, bytes: number) => row(i, 'x'.repeat(bytes - Buffer.byteLength(row(i, ''))));
    const parts = ['ID;Име;Бележка;Email\r\n'];
    let bytes = Buffer.byteLength(parts[0]!);
    // The second 1 MB chunk is one row without its line break (the longest a streamed line may be), so
    // it holds no break at all; then a 0.99 MB row leaves nearly a chunk behind the last break.
    for (let i = 1; bytes < MB - 2000; i++) {
      parts.push(row(i, `Клиент ${i}`));
      bytes += Buffer.byteLength(parts[parts.length - 1]!);
    }
    parts.push(rowOf(900000, MB - bytes), rowOf(900001, MB + 2), rowOf(900002, 1000 * 1024), rowOf(900003, 990 * 1024));
    for (let i = 900004; i < 902000; i++) parts.push(row(i, `Клиент ${i}`));
    const p = path.join(dir, 'long.csv');
    const file = Buffer.from(parts.join(''));
    fs.writeFileSync(p, file);
    expect(file.indexOf('\r\n900001;') + 2).toBe(MB);
    const streamed = all(openCsv(p, { encoding: 'auto', delimiter: 'auto' }));
    expect(streamed.find(([, r]) => r[0] === '900001')![1][1]!.length).toBe(MB + 2 - Buffer.byteLength(row(900001, '')));
    expect(streamed).toEqual(all(openCsvWhole(p, { encoding: 'auto', delimiter: 'auto' })));
  });

  it('stops early when asked (a preview reads only the first chunk) and reports a broken quote with its exact line', () => {
    const p = path.join(dir, 'q.csv');
    fs.writeFileSync(p, `${rows(() => '\n')}99999;"Незатворени;x@abv.bg\n1;a;b;c\n`);
    const src = openCsv(p, { encoding: 'auto', delimiter: 'auto' });
    let n = 0;
    src.records(() => ++n < 5);
    expect(n).toBe(5);
    const whole = appErrorOf(() => all(openCsvWhole(p, { encoding: 'auto', delimiter: 'auto' })));
    expect(whole.code).toBe('csv_unbalanced_quote');
    expect(appErrorOf(() => all(src))).toEqual(whole);
  });
});
