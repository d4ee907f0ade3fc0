import Papa from 'papaparse';
import { AppFailure } from '../../shared/domain/app-error.js';
import type { Delimiter } from '../../shared/domain/import.js';

export type Newline = '\n' | '\r\n' | '\r';

/**
 * The line break that separates records. A file with CRLF rows and bare LF inside cells (Excel's
 * Alt+Enter) or a hand-edited mix is normalised to LF — the one case where the text is copied.
 */
export function prepareNewlines(text: string): { text: string; newline: Newline } {
  if (!text.includes('\r')) return { text, newline: '\n' };
  if (!text.includes('\n')) return { text, newline: '\r' };
  for (let p = text.indexOf('\n'); p !== -1; p = text.indexOf('\n', p + 1)) {
    if (text.charCodeAt(p - 1) !== 13) return { text: text.replace(/\r\n/g, '\n'), newline: '\n' };
  }
  return { text, newline: '\r\n' };
}

/** Line breaks inside one cell: CRLF, LF and a lone CR each count once. */
export function breaksIn(cell: string): number {
  if (cell.indexOf('\n') === -1 && cell.indexOf('\r') === -1) return 0;
  let n = 0;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && cell.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

function lineOfOffset(text: string, offset: number, newline: Newline): number {
  const nl = newline === '\r' ? '\r' : '\n';
  let line = 1;
  for (let p = text.indexOf(nl); p !== -1 && p < offset; p = text.indexOf(nl, p + 1)) line++;
  return line;
}

/** True when every cell is empty or spaces (Excel writes `;;;;` for formatted blank rows). */
export function isBlankRecord(record: string[]): boolean {
  return record.every((c) => c.trim() === '');
}

/** Receives each non-blank record and the line it starts on; returning `false` stops parsing. */
export type OnRecord = (record: string[], line: number) => boolean | void;

/** Papaparse's options for our files: one delimiter and newline known beforehand, nothing typed, nothing skipped by it. */
function parserConfig(delimiter: Delimiter, newline: Newline, step: (results: Papa.ParseStepResult<string[]>) => void): Papa.ParseConfig<string[]> {
  return { delimiter, newline, quoteChar: '"', escapeChar: '"', header: false, skipEmptyLines: false, dynamicTyping: false, step };
}

/**
 * The per-record half of parsing, shared by whole-text and streamed parsing: counts the line each
 * record starts on (line breaks inside quoted cells included), skips blank records, hands the others on.
 * Returns `false` when `onRecord` asked to stop.
 */
function recordCounter(onRecord: OnRecord): (record: string[]) => boolean {
  let line = 1;
  return (record) => {
    const start = line;
    line += 1;
    for (const cell of record) line += breaksIn(cell);
    return isBlankRecord(record) || onRecord(record, start) !== false;
  };
}

/**
 * Parses decoded CSV text with papaparse, one record at a time (nothing accumulates, so a 100k-row
 * file costs little memory): quoted cells with delimiters, doubled quotes and line breaks; CRLF, LF or
 * CR. Blank records are skipped; cells are passed as written (callers trim). A quote that is never
 * closed or is followed by text fails with its line.
 */
export function parseCsv(input: string, delimiter: Delimiter, onRecord: OnRecord): void {
  const { text, newline } = prepareNewlines(input);
  const next = recordCounter(onRecord);
  let failure: AppFailure | undefined;
  Papa.parse<string[]>(text, {
    ...parserConfig(delimiter, newline, () => undefined),
    step: (results, parser) => {
      const quoteError = results.errors.find((e) => e.type === 'Quotes');
      if (quoteError) {
        // papaparse's index points just past the offending quote.
        failure = new AppFailure('csv_unbalanced_quote', {}, lineOfOffset(text, Math.max(0, (quoteError.index ?? 1) - 1), newline));
        parser.abort();
        return;
      }
      if (!next(results.data)) parser.abort();
    },
  });
  if (failure) throw failure;
}

/** All records at once (previews, tests). */
export function parseCsvAll(text: string, delimiter: Delimiter, maxRecords = Infinity): { records: string[][]; lines: number[] } {
  const records: string[][] = [];
  const lines: number[] = [];
  parseCsv(text, delimiter, (record, line) => {
    records.push(record);
    lines.push(line);
    return records.length < maxRecords;
  });
  return { records, lines };
}
