import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/domain/app-error.js';
import type { Delimiter, DelimiterOption, Encoding, EncodingOption } from '../../shared/domain/import.js';
import { parseCsv, parseCsvAll } from './csv-parser.js';
import { decodeBuffer } from './decode.js';
import { normaliseHeader } from './headers.js';
import { sniffDelimiter } from './sniff-delimiter.js';

export type ReadOptions = { encoding: EncodingOption; delimiter: DelimiterOption };

/** A decoded CSV file and its checked header row; the data records are read on demand (`eachRecord`). */
export type CsvSource = {
  fileName: string;
  filePath: string;
  size: number;
  sha256: string;
  encoding: Encoding;
  delimiter: Delimiter;
  text: string;
  headers: string[];
  headerLine: number;
};

/** Reads the whole file into one Buffer (a 100k-client export is ~12 MB), mapping OS errors to AppFailures. */
export function readFileBuffer(filePath: string): Buffer {
  const file = path.basename(filePath);
  try {
    return fs.readFileSync(filePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    if (code === 'ENOENT') throw new AppFailure('file_not_found', { file: filePath });
    throw new AppFailure('file_unreadable', { file, reason: code });
  }
}

/** How a delimiter is shown to people (a tab is invisible). */
export function delimiterLabel(d: Delimiter): string {
  return d === '\t' ? 'tab' : d;
}

/**
 * Reads, hashes and decodes (once) a CSV file, sniffs the delimiter and checks the header row (no
 * column name twice). The Buffer is dropped once decoded; only the text stays.
 */
export function openCsv(filePath: string, opts: ReadOptions): CsvSource {
  const fileName = path.basename(filePath);
  const buf = readFileBuffer(filePath);
  const sha256 = createHash('sha256').update(buf).digest('hex');
  const { text, encoding } = decodeBuffer(buf, opts.encoding, fileName);
  const delimiter: Delimiter = opts.delimiter === 'auto' ? sniffDelimiter(text) : opts.delimiter === 'tab' ? '\t' : opts.delimiter;
  const first = parseCsvAll(text, delimiter, 1);
  const headers = (first.records[0] ?? []).map((h) => h.trim());
  const headerLine = first.lines[0] ?? 1;
  const seen = new Set<string>();
  for (const h of headers) {
    const key = normaliseHeader(h);
    if (key === '') continue;
    if (seen.has(key)) throw new AppFailure('csv_duplicate_header', { file: fileName, header: h }, headerLine);
    seen.add(key);
  }
  return { fileName, filePath: path.resolve(filePath), size: buf.length, sha256, encoding, delimiter, text, headers, headerLine };
}

/**
 * Calls `onRecord` for every data record (after the header) with the line it starts on; returning
 * `false` stops. Fails with `file_header_only` when there is no data record. Returns how many were read.
 */
export function eachRecord(src: CsvSource, onRecord: (record: string[], line: number) => boolean | void): number {
  let count = 0;
  let header = true;
  parseCsv(src.text, src.delimiter, (record, line) => {
    if (header) {
      header = false;
      return true;
    }
    count++;
    return onRecord(record, line);
  });
  if (count === 0) throw new AppFailure('file_header_only', { file: src.fileName });
  return count;
}
