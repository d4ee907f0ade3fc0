import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/domain/app-error.js';
import type { Delimiter, DelimiterOption, Encoding, EncodingOption } from '../../shared/domain/import.js';
import { parseCsv, parseCsvAll, type OnRecord } from './csv-parser.js';
import { decodeBuffer } from './decode.js';
import { normaliseHeader } from './headers.js';
import { sniffDelimiter } from './sniff-delimiter.js';
import { decodeHead, scanFile, streamCsv, streamEncoding, StreamQuoteError } from './csv-stream.js';
import { isOldExcel, isZip, readSheet } from './workbook.js';

export type ReadOptions = { encoding: EncodingOption; delimiter: DelimiterOption };

/**
 * A clients or representatives file (CSV, or one worksheet of an Excel workbook) and its checked header
 * row; `records` reads every non-blank record, header included, with the line it starts on (returning
 * `false` from the callback stops).
 */
export type CsvSource = {
  fileName: string;
  filePath: string;
  size: number;
  sha256: string;
  encoding: Encoding;
  delimiter: Delimiter;
  headers: string[];
  headerLine: number;
  records: (onRecord: OnRecord) => void;
  /** Worksheets of a workbook, and the one read. */
  sheets?: string[];
  sheet?: string;
};

/**
 * Larger than any Barsy client export (a million clients is ~120 MB): such a file is something else
 * chosen by mistake (a backup, a video), refused before it is read.
 */
export const MAX_FILE_BYTES = 500 * 1024 * 1024;

/** An OS error reading a file as an AppFailure. */
export function fileFailure(err: unknown, filePath: string): AppFailure {
  if (err instanceof AppFailure) return err;
  const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
  if (code === 'ENOENT') return new AppFailure('file_not_found', { file: filePath });
  return new AppFailure('file_unreadable', { file: path.basename(filePath), reason: code });
}

/** Refuses a file over `MAX_FILE_BYTES` before reading it; returns its size. */
export function checkFileSize(filePath: string): number {
  let size: number;
  try {
    size = fs.statSync(filePath).size;
  } catch (err) {
    throw fileFailure(err, filePath);
  }
  if (size > MAX_FILE_BYTES) {
    throw new AppFailure('file_too_large', { file: path.basename(filePath), limit: '500 MB', size: `${Math.round(size / 1024 / 1024)} MB` });
  }
  return size;
}

/** Reads the whole file into one Buffer (a 100k-client export is ~12 MB), mapping OS errors to AppFailures. */
export function readFileBuffer(filePath: string): Buffer {
  checkFileSize(filePath);
  try {
    return fs.readFileSync(filePath);
  } catch (err) {
    throw fileFailure(err, filePath);
  }
}

/** How a delimiter is shown to people (a tab is invisible). */
export function delimiterLabel(d: Delimiter): string {
  return d === '\t' ? 'tab' : d;
}

/** The header row of a file, trimmed and checked: no column name twice. */
export function checkHeaders(fileName: string, record: string[] | undefined, line: number): string[] {
  const headers = (record ?? []).map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of headers) {
    const key = normaliseHeader(h);
    if (key === '') continue;
    if (seen.has(key)) throw new AppFailure('csv_duplicate_header', { file: fileName, header: h }, line);
    seen.add(key);
  }
  return headers;
}

/**
 * Reads, hashes and decodes a whole CSV file at once, sniffs the delimiter and checks the header row.
 * Kept for what a stream cannot report as precisely (UTF-16, NUL bytes, an over-long line, broken
 * UTF-8, a quote never closed: each with its line) — `openCsv` streams everything else.
 */
export function openCsvWhole(filePath: string, opts: ReadOptions): CsvSource {
  const fileName = path.basename(filePath);
  const buf = readFileBuffer(filePath);
  const sha256 = createHash('sha256').update(buf).digest('hex');
  const { text, encoding } = decodeBuffer(buf, opts.encoding, fileName);
  const delimiter: Delimiter = opts.delimiter === 'auto' ? sniffDelimiter(text) : opts.delimiter === 'tab' ? '\t' : opts.delimiter;
  const first = parseCsvAll(text, delimiter, 1);
  const headerLine = first.lines[0] ?? 1;
  const headers = checkHeaders(fileName, first.records[0], headerLine);
  const records = (onRecord: OnRecord) => parseCsv(text, delimiter, onRecord);
  return { fileName, filePath: path.resolve(filePath), size: buf.length, sha256, encoding, delimiter, headers, headerLine, records };
}

/** Runs `fn`, turning OS errors (file gone, locked) into AppFailures. */
function fileIo<T>(filePath: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    // Only the system's own errors (they carry a syscall) are about the file; the rest pass through.
    throw err instanceof Error && 'syscall' in err ? fileFailure(err, filePath) : err;
  }
}

/**
 * Opens a CSV file for streaming: one pass over the raw bytes (hash, encoding, line breaks, sanity),
 * the header row and delimiter from its first 256 KB; the records are then decoded and parsed in
 * chunks each time `records` is called, so the file is never held as one string. Anything unusual
 * goes to the whole-buffer reader, which reports it with its line.
 */
export function openCsv(filePath: string, opts: ReadOptions): CsvSource {
  const fileName = path.basename(filePath);
  const size = checkFileSize(filePath);
  const scan = fileIo(filePath, () => scanFile(filePath));
  const encoding = scan.unusual ? undefined : fileIo(filePath, () => streamEncoding(filePath, scan, opts.encoding));
  if (encoding === undefined) return openCsvWhole(filePath, opts);
  const head = fileIo(filePath, () => decodeHead(filePath, encoding));
  if (head.binary || head.text.trim() === '') return openCsvWhole(filePath, opts);
  const delimiter: Delimiter = opts.delimiter === 'auto' ? sniffDelimiter(head.text) : opts.delimiter === 'tab' ? '\t' : opts.delimiter;
  const first = parseCsvAll(head.text, delimiter, 1);
  const headerLine = first.lines[0] ?? 1;
  const headers = checkHeaders(fileName, first.records[0], headerLine);
  const records = (onRecord: OnRecord) => {
    try {
      fileIo(filePath, () => streamCsv(filePath, encoding, delimiter, scan, onRecord));
    } catch (err) {
      // The whole-buffer parser knows the exact line of a broken quote; it throws it.
      if (err instanceof StreamQuoteError) openCsvWhole(filePath, opts).records(() => true);
      throw err;
    }
  };
  return { fileName, filePath: path.resolve(filePath), size, sha256: scan.sha256, encoding, delimiter, headers, headerLine, records };
}

/** The first bytes of a file (to tell a workbook from a CSV). */
function head(filePath: string): Buffer {
  const fd = fs.openSync(filePath, 'r');
  try {
    const buf = Buffer.alloc(8);
    return buf.subarray(0, fs.readSync(fd, buf, 0, 8, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Opens a clients or representatives file of either kind, told apart by its bytes (not its name): an
 * Excel workbook (.xlsx, read as Excel shows its cells; `sheet`, else the first worksheet) or a CSV.
 * An old binary .xls is refused with the advice to save it as .xlsx.
 */
export async function openTable(filePath: string, opts: ReadOptions & { sheet?: string | undefined }): Promise<CsvSource> {
  const size = checkFileSize(filePath);
  const fileName = path.basename(filePath);
  let first: Buffer;
  try {
    first = head(filePath);
  } catch (err) {
    throw fileFailure(err, filePath);
  }
  if (isOldExcel(first)) throw new AppFailure('workbook_unreadable', { file: fileName, reason: 'Excel 97–2003 (.xls)' });
  if (!isZip(first)) return openCsv(filePath, opts);
  const sha256 = createHash('sha256').update(readFileBuffer(filePath)).digest('hex');
  const sheet = await readSheet(filePath, opts.sheet);
  if (sheet.rows.length === 0) throw new AppFailure('file_empty', { file: fileName });
  const headerLine = sheet.lines[0]!;
  const headers = checkHeaders(fileName, sheet.rows[0], headerLine);
  const records = (onRecord: OnRecord) => {
    for (let i = 0; i < sheet.rows.length; i++) if (onRecord(sheet.rows[i]!, sheet.lines[i]!) === false) return;
  };
  // A workbook has no delimiter; `;` stands in (Barsy's own), and is never used to split anything.
  return { fileName, filePath: path.resolve(filePath), size, sha256, encoding: 'xlsx', delimiter: ';', headers, headerLine, records, sheets: sheet.sheets, sheet: sheet.sheet };
}

/**
 * Calls `onRecord` for every data record (after the header) with the line it starts on; returning
 * `false` stops. Fails with `file_header_only` when there is no data record. Returns how many were read.
 */
export function eachRecord(src: CsvSource, onRecord: (record: string[], line: number) => boolean | void): number {
  let count = 0;
  let header = true;
  src.records((record, line) => {
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
