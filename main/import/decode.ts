import { isUtf8 } from 'node:buffer';
import { AppFailure } from '../../shared/domain/app-error.js';
import type { Encoding, EncodingOption } from '../../shared/domain/import.js';
import { assertNever } from '../../shared/domain/assert-never.js';

/** A physical line longer than this is not a Barsy client row: the delimiter or the quotes are wrong. */
export const MAX_LINE_BYTES = 1024 * 1024;

export type Decoded = { text: string; encoding: Encoding };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

function startsWith(buf: Buffer, bom: number[]): boolean {
  return buf.length >= bom.length && bom.every((b, i) => buf[i] === b);
}

/** 1-based line of a byte offset (counting LF; CR alone for old Mac files without any LF). */
export function lineOfByte(buf: Buffer, offset: number): number {
  const nl = buf.indexOf(0x0a) === -1 ? 0x0d : 0x0a;
  let line = 1;
  for (let p = buf.indexOf(nl); p !== -1 && p < offset; p = buf.indexOf(nl, p + 1)) line++;
  return line;
}

/** Length of the valid UTF-8 sequence at `i`, or 0 when the bytes there are not valid UTF-8. */
function utf8SequenceAt(buf: Buffer, i: number): number {
  const b = buf[i]!;
  const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (len === 0 || i + len > buf.length) return 0;
  for (let k = 1; k < len; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return 0;
  // Overlong forms, surrogates and code points above U+10FFFF are invalid even when well-formed.
  const b1 = buf[i + 1]!;
  if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return 0;
  return len;
}

/**
 * Scans for invalid UTF-8: the first invalid offset, and whether the file is really UTF-8 with a few
 * broken bytes (many valid multi-byte letters, few invalid ones) rather than Windows-1251 — in
 * cp1251 almost every Cyrillic letter is an invalid UTF-8 byte. Stops early once it is clearly cp1251.
 */
export function scanUtf8(buf: Buffer): { firstInvalid: number; brokenUtf8: boolean; clearlyCp1251: boolean } {
  let firstInvalid = -1;
  let valid = 0;
  let invalid = 0;
  let clearlyCp1251 = false;
  for (let i = 0; i < buf.length; ) {
    if (buf[i]! < 0x80) {
      i++;
      continue;
    }
    const len = utf8SequenceAt(buf, i);
    if (len > 0) {
      valid++;
      i += len;
      continue;
    }
    if (firstInvalid === -1) firstInvalid = i;
    invalid++;
    i++;
    if (invalid > 64 && invalid > valid) {
      clearlyCp1251 = true;
      break;
    }
  }
  return { firstInvalid: firstInvalid === -1 ? buf.length : firstInvalid, brokenUtf8: valid >= 8 && valid >= invalid * 10, clearlyCp1251 };
}

/**
 * Rejects what is not a CSV before decoding: an empty file, binary data (NUL bytes), and a physical line
 * longer than `MAX_LINE_BYTES` (a 10 MB "row" means the file is not what it claims to be).
 */
export function checkRawBuffer(buf: Buffer, file: string, utf16: boolean): void {
  if (buf.length === 0) throw new AppFailure('file_empty', { file });
  if (!utf16 && buf.indexOf(0) !== -1) throw new AppFailure('file_binary', { file });
  let start = 0;
  let lf = buf.indexOf(0x0a);
  let cr = buf.indexOf(0x0d);
  for (;;) {
    const next = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    const end = next === -1 ? buf.length : next;
    if (end - start > MAX_LINE_BYTES) {
      throw new AppFailure('csv_row_too_long', { file, size: `${((end - start) / 1024 / 1024).toFixed(1)} MB` }, lineOfByte(buf, start));
    }
    if (next === -1) return;
    start = next + 1;
    if (next === lf) lf = buf.indexOf(0x0a, start);
    else cr = buf.indexOf(0x0d, start);
  }
}

/** Control characters other than tab/CR/LF in the first 64 K characters: many of them mean binary. */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 65536);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) bad++;
  }
  return bad > 4 && bad * 200 > n;
}

function decodeUtf8(buf: Buffer, file: string): string {
  if (!isUtf8(buf)) {
    throw new AppFailure('encoding_invalid', { file, encoding: 'UTF-8' }, lineOfByte(buf, scanUtf8(buf).firstInvalid));
  }
  // TextDecoder drops a leading BOM by default.
  return new TextDecoder('utf-8').decode(buf);
}

function decodeUtf16le(buf: Buffer, file: string): string {
  // A CSV always has ASCII delimiters and line breaks, which UTF-16LE writes with a zero high byte.
  if (buf.length % 2 !== 0 || buf.indexOf(0) === -1) throw new AppFailure('encoding_invalid', { file, encoding: 'UTF-16LE' }, 1);
  const text = new TextDecoder('utf-16le').decode(buf);
  if (text.includes('\u0000')) throw new AppFailure('file_binary', { file });
  return text;
}

/**
 * Decodes the whole file once. Auto rule (right on short Bulgarian text, unlike charset guessers):
 * BOM → its encoding; else a strict UTF-8 decode succeeds → UTF-8; else Windows-1251 — unless the
 * bytes are clearly UTF-8 with a few broken sequences, which fails with the line of the first one.
 */
export function decodeBuffer(buf: Buffer, option: EncodingOption, file: string): Decoded {
  const utf16 = option === 'utf16le' || (option === 'auto' && startsWith(buf, UTF16LE_BOM));
  // Excel never writes big-endian UTF-16; say so rather than calling the file binary.
  if (option === 'auto' && startsWith(buf, UTF16BE_BOM)) throw new AppFailure('encoding_invalid', { file, encoding: 'UTF-16BE' }, 1);
  checkRawBuffer(buf, file, utf16);
  let decoded: Decoded;
  switch (option) {
    case 'auto':
      if (utf16) decoded = { text: decodeUtf16le(buf, file), encoding: 'utf16le' };
      else if (startsWith(buf, UTF8_BOM) || isUtf8(buf)) decoded = { text: decodeUtf8(buf, file), encoding: 'utf8' };
      else {
        // UTF-8 with a few broken bytes is a damaged file, not cp1251: decoding it as cp1251 would
        // silently turn every Cyrillic letter into two wrong ones.
        const scan = scanUtf8(buf);
        if (scan.brokenUtf8) throw new AppFailure('encoding_invalid', { file, encoding: 'UTF-8' }, lineOfByte(buf, scan.firstInvalid));
        decoded = { text: new TextDecoder('windows-1251').decode(buf), encoding: 'cp1251' };
      }
      break;
    case 'utf8':
      decoded = { text: decodeUtf8(buf, file), encoding: 'utf8' };
      break;
    case 'cp1251':
      decoded = { text: new TextDecoder('windows-1251').decode(buf), encoding: 'cp1251' };
      break;
    case 'utf16le':
      decoded = { text: decodeUtf16le(buf, file), encoding: 'utf16le' };
      break;
    default:
      return assertNever(option, 'encoding option');
  }
  if (decoded.text.trim() === '') throw new AppFailure('file_empty', { file });
  if (looksBinary(decoded.text)) throw new AppFailure('file_binary', { file });
  return decoded;
}
