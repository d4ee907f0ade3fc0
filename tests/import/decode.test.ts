import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { MAX_LINE_BYTES, decodeBuffer, lineOfByte, scanUtf8 } from '../../main/import/decode.js';
import { appErrorOf } from '../helpers/import-files.js';

describe('decodeBuffer', () => {
  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const d = decodeBuffer(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Име;Email\n')]), 'auto', 'f.csv');
    expect(d).toEqual({ text: 'Име;Email\n', encoding: 'utf8' });
  });

  it('reads UTF-8 without a BOM', () => {
    expect(decodeBuffer(Buffer.from('Име\nИван\n'), 'auto', 'f.csv').encoding).toBe('utf8');
  });

  it('reads short Cyrillic Windows-1251 text as cp1251 (where charset guessers fail)', () => {
    for (const word of ['Име', 'Да', 'Иван', 'ж']) {
      const d = decodeBuffer(iconv.encode(`${word}\n`, 'win1251'), 'auto', 'f.csv');
      expect(d).toEqual({ text: `${word}\n`, encoding: 'cp1251' });
    }
  });

  it('reads UTF-16LE with a BOM', () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Име\tEmail\r\n', 'utf16le')]);
    expect(decodeBuffer(buf, 'auto', 'f.csv')).toEqual({ text: 'Име\tEmail\r\n', encoding: 'utf16le' });
  });

  it('honours a forced encoding', () => {
    const cp = iconv.encode('Име;Email\n', 'win1251');
    expect(decodeBuffer(cp, 'cp1251', 'f.csv').text).toBe('Име;Email\n');
    expect(decodeBuffer(Buffer.from('Име\n'), 'utf8', 'f.csv').text).toBe('Име\n');
    expect(decodeBuffer(Buffer.from('Име\n', 'utf16le'), 'utf16le', 'f.csv').text).toBe('Име\n');
  });

  it('fails on forced UTF-8 over cp1251 text with the line of the first bad byte', () => {
    const buf = iconv.encode('ID;Email\n1;a@abv.bg\n2;Иван\n', 'win1251');
    expect(appErrorOf(() => decodeBuffer(buf, 'utf8', 'f.csv'))).toEqual({ code: 'encoding_invalid', params: { file: 'f.csv', encoding: 'UTF-8' }, line: 3 });
  });

  it('fails on UTF-8 with a few broken bytes instead of reading it as cp1251', () => {
    const buf = Buffer.concat([Buffer.from('Име;Email\nИван Петров;ivan@abv.bg\nМария '), Buffer.from([0xd0, 0x28]), Buffer.from(';m@abv.bg\n')]);
    expect(appErrorOf(() => decodeBuffer(buf, 'auto', 'f.csv'))).toMatchObject({ code: 'encoding_invalid', line: 3 });
  });

  it('fails on forced UTF-16LE over 8-bit text and on a UTF-16BE BOM', () => {
    expect(appErrorOf(() => decodeBuffer(Buffer.from('ab;cd\n'), 'utf16le', 'f.csv'))).toMatchObject({ code: 'encoding_invalid', line: 1 });
    expect(appErrorOf(() => decodeBuffer(Buffer.from([0xfe, 0xff, 0, 0x41]), 'auto', 'f.csv'))).toMatchObject({ code: 'encoding_invalid', params: { encoding: 'UTF-16BE' } });
  });

  it('rejects empty, blank and binary files', () => {
    expect(appErrorOf(() => decodeBuffer(Buffer.alloc(0), 'auto', 'f.csv')).code).toBe('file_empty');
    expect(appErrorOf(() => decodeBuffer(Buffer.from('\r\n \r\n'), 'auto', 'f.csv')).code).toBe('file_empty');
    expect(appErrorOf(() => decodeBuffer(Buffer.from('a;b\n\u0000\n'), 'auto', 'f.csv')).code).toBe('file_binary');
    expect(appErrorOf(() => decodeBuffer(Buffer.from('ab\u0001\u0002\u0003\u0004\u0005cd'.repeat(10)), 'auto', 'f.csv')).code).toBe('file_binary');
    expect(appErrorOf(() => decodeBuffer(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\u0000b', 'utf16le')]), 'auto', 'f.csv')).code).toBe('file_binary');
  });

  it('keeps a stray Ctrl-Z at the end of an old DOS export', () => {
    expect(decodeBuffer(Buffer.from('Име;Email\nИван;i@abv.bg\n\u001a'), 'auto', 'f.csv').encoding).toBe('utf8');
  });

  it('rejects a physical line longer than the limit with its line and size', () => {
    const buf = Buffer.concat([Buffer.from('a;b\r\n1;2\r\n'), Buffer.alloc(MAX_LINE_BYTES + 1, 0x61), Buffer.from('\r\n')]);
    expect(appErrorOf(() => decodeBuffer(buf, 'auto', 'f.csv'))).toEqual({ code: 'csv_row_too_long', params: { file: 'f.csv', size: '1.0 MB' }, line: 3 });
  });

  it('counts lines by LF, or by CR in an old Mac file', () => {
    const buf = Buffer.from('a\nb\nc');
    expect([0, 2, 4].map((o) => lineOfByte(buf, o))).toEqual([1, 2, 3]);
    expect(lineOfByte(Buffer.from('a\rb\rc'), 4)).toBe(3);
    expect(lineOfByte(Buffer.from('a\r\nb'), 3)).toBe(2);
  });
});

describe('scanUtf8', () => {
  it('stops early only on text that is clearly cp1251, never on UTF-8 with a few broken bytes', () => {
    const cyrillic = 'Иван Петров;Мария Иванова;Георги Димитров\n'.repeat(20);
    const cp1251 = scanUtf8(iconv.encode(cyrillic, 'win1251'));
    expect(cp1251).toMatchObject({ clearlyCp1251: true, brokenUtf8: false });
    expect(cp1251.firstInvalid).toBe(0);
    const utf8 = Buffer.from(cyrillic, 'utf8');
    utf8[5] = 0xff;
    // Byte 5 is the second byte of the letter at 4 ('а' of Иван), which is then the broken one.
    expect(scanUtf8(utf8)).toMatchObject({ clearlyCp1251: false, brokenUtf8: true, firstInvalid: 4 });
    const valid = Buffer.from(cyrillic, 'utf8');
    expect(scanUtf8(valid)).toMatchObject({ clearlyCp1251: false, firstInvalid: valid.length });
  });
});
