import type { RunItem } from '../../shared/domain/sync.js';
import { formatError, formatReason, type Language } from '../../shared/i18n/messages.js';
import { assertNever } from '../../shared/domain/assert-never.js';
import { markedEmailText } from '../../shared/domain/email-marks.js';
import { reportStrings, type ReportStrings } from './report-strings.js';

/**
 * `;` is the list separator of Excel under Bulgarian (and most European) regional settings, where `,`
 * is the decimal mark; a `;` file opens in columns there by double-click. No `sep=` line: it makes
 * Excel ignore the BOM and show the Cyrillic as mojibake.
 */
export const CSV_DELIMITER = ';';
const BOM = '\uFEFF';

/**
 * A cell Excel or LibreOffice must not run as a formula: text starting with = + - @ tab or CR gets a
 * leading apostrophe (OWASP's CSV-injection advice); the apostrophe shows, the formula does not run.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Quotes a cell when it holds the delimiter, a quote, a line break or edge spaces (RFC 4180). */
export function csvCell(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return /[;",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function details(item: RunItem, lang: Language, s: ReportStrings): string {
  switch (item.outcome) {
    case 'failed':
      return item.error ? formatError(item.error, lang) : '';
    case 'skipped':
      return item.reason ? formatReason(item.reason, lang) : '';
    case 'keptStatus':
      return item.memberStatus ? s.memberStatus[item.memberStatus] : '';
    case 'created':
    case 'updated':
    case 'unchanged':
    case null:
      return '';
    default:
      return assertNever(item.outcome, 'outcome');
  }
}

/** Turns clients into CSV lines (CRLF-ended): `header` (BOM first) starts the file, `line` any other line of cells. */
export function csvLines(lang: Language) {
  const s = reportStrings(lang);
  const c = s.columns;
  // Barsy ID and code find the client in Barsy; a refused email shows its suspect characters marked, with the correction beside it.
  const line = (cells: Array<string | number>) => cells.map(csvCell).join(CSV_DELIMITER) + '\r\n';
  const columns = line([c.line, c.barsyId, c.code, c.name, c.email, c.emailFix, c.group, c.result, c.details, c.shortened, c.removal]);
  return {
    /** A file that starts with a note: the BOM, the note as one cell, then the column names. */
    headerWithNote: (note: string) => BOM + line([note]) + columns,
    header: BOM + columns,
    row: (item: RunItem) =>
      line([
        item.line,
        item.barsyId ?? '',
        item.code ?? '',
        item.name,
        markedEmailText(item.email, item.emailSuggestion),
        item.emailSuggestion ?? '',
        item.group,
        s.outcome[item.outcome ?? 'none'],
        details(item, lang, s),
        item.shortened.map((v) => s.shortenedValue(v.tag, v.originalBytes, v.sentValue)).join('; '),
        item.removal ? s.removal[item.removal] : '',
      ]),
  };
}

/**
 * The full per-client list: one row per client of the run, in file order, UTF-8 with a BOM (so Excel
 * shows Cyrillic), CRLF line ends, every text cell formula-safe.
 */
export function renderReportCsv(items: RunItem[], lang: Language): string {
  const csv = csvLines(lang);
  const rows = [...items].sort((a, b) => a.line - b.line || a.clientId - b.clientId).map(csv.row);
  return csv.header + rows.join('');
}

/**
 * The same list for rows that are streamed rather than held (a 1,000,000-client run): `each` gives
 * every row in file order; the text goes to `write` in pieces of about a megabyte. Returns the rows written.
 */
export function streamReportCsv(each: (row: (item: RunItem) => void) => number, lang: Language, write: (chunk: string) => void): number {
  const csv = csvLines(lang);
  let buffer = csv.header;
  const rows = each((item) => {
    buffer += csv.row(item);
    if (buffer.length >= 1 << 20) {
      write(buffer);
      buffer = '';
    }
  });
  write(buffer);
  return rows;
}
