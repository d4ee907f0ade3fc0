/**
 * A workbook cell as the text Excel shows for it: a code typed as text keeps its leading zeros, a number
 * formatted `00000` is padded, a date is written in its format (`dd.mm.yyyy` when it has none we can
 * read), `0.1 + 0.2` shows as `0.3`. Only what a client export uses is covered: text, numbers with
 * zero-padding, decimals or percent, dates and times, booleans, formula results, rich text, links, errors.
 */

const MS_PER_DAY = 86_400_000;
/** Excel's day 0 (1899-12-30, which absorbs Excel's 1900 leap-year bug for every date after February 1900). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** True for a number format that shows a date or time (letters d, m, y, h, s outside quotes and brackets). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmyhs]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A date in an Excel date format: `yyyy yy mmmm mmm mm m dd d hh h ss` and `AM/PM`; unknown formats give `dd.mm.yyyy`. */
export function formatDate(d: Date, fmt: string | undefined): string {
  const bare = (fmt ?? '').replace(/\[[^\]]*\]|"|\\/g, '');
  // Excel's built-in short date (id 14, stored as `mm-dd-yy`) follows the system's locale: Bulgarian here.
  if (!/[dmy]/i.test(bare) || /^mm-dd-yy$/i.test(bare)) {
    const time = d.getUTCHours() + d.getUTCMinutes() + d.getUTCSeconds() > 0 ? ` ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : '';
    return /[dmy]/i.test(bare) || !/[hs]/i.test(bare) ? `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}${time}` : time.trim();
  }
  const ampm = /am\/pm/i.test(bare);
  const tokens = bare.match(/yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am\/pm|./gi) ?? [];
  const hours = d.getUTCHours();
  let out = '';
  tokens.forEach((tok, i) => {
    const lower = tok.toLowerCase();
    // `m`/`mm` right after an hour or right before seconds is minutes.
    const prev = tokens.slice(0, i).reverse().find((t) => /[a-z]/i.test(t))?.toLowerCase() ?? '';
    const next = tokens.slice(i + 1).find((t) => /[a-z]/i.test(t))?.toLowerCase() ?? '';
    const minutes = (lower === 'm' || lower === 'mm') && (prev.startsWith('h') || next.startsWith('s'));
    if (minutes) out += lower === 'mm' ? pad(d.getUTCMinutes()) : String(d.getUTCMinutes());
    else if (lower === 'yyyy') out += String(d.getUTCFullYear());
    else if (lower === 'yy') out += pad(d.getUTCFullYear() % 100);
    else if (lower === 'mmmm' || lower === 'mmm') out += d.toLocaleString('bg-BG', { month: lower === 'mmmm' ? 'long' : 'short', timeZone: 'UTC' });
    else if (lower === 'mm') out += pad(d.getUTCMonth() + 1);
    else if (lower === 'm') out += String(d.getUTCMonth() + 1);
    else if (lower === 'dddd' || lower === 'ddd') out += d.toLocaleString('bg-BG', { weekday: lower === 'dddd' ? 'long' : 'short', timeZone: 'UTC' });
    else if (lower === 'dd') out += pad(d.getUTCDate());
    else if (lower === 'd') out += String(d.getUTCDate());
    else if (lower === 'hh' || lower === 'h') {
      const h = ampm ? ((hours + 11) % 12) + 1 : hours;
      out += lower === 'hh' ? pad(h) : String(h);
    } else if (lower === 'ss') out += pad(d.getUTCSeconds());
    else if (lower === 's') out += String(d.getUTCSeconds());
    else if (lower === 'am/pm') out += hours < 12 ? 'AM' : 'PM';
    else out += tok;
  });
  return out;
}

/** Excel's "General": up to 11 significant digits, so binary noise (`0.30000000000000004`) does not show. */
function general(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number(n.toPrecision(11)));
}

/** A number in its Excel format: zero-padded codes (`00000`), fixed decimals (`0.00`), percent; else General. */
export function formatNumber(n: number, fmt: string | undefined): string {
  const bare = (fmt ?? '').split(';')[0]!.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, '');
  if (bare === '' || /general/i.test(bare) || bare === '@') return general(n);
  const percent = bare.includes('%');
  const value = percent ? n * 100 : n;
  const [int = '', frac = ''] = bare.replace(/[^0#.?]/g, '').split('.');
  const decimals = (frac.match(/[0#?]/g) ?? []).length;
  const minInt = (int.match(/0/g) ?? []).length;
  let text = Math.abs(value).toFixed(decimals);
  const [whole, part] = text.split('.');
  text = whole!.padStart(minInt, '0') + (part !== undefined ? `.${part}` : '');
  return `${value < 0 ? '-' : ''}${text}${percent ? '%' : ''}`;
}

type Formatted = { value: unknown; numFmt?: string | undefined };

/** The text Excel shows for a cell's value under its number format. */
export function cellText({ value, numFmt }: Formatted): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    return isDateFormat(numFmt) ? formatDate(new Date(EXCEL_EPOCH + value * MS_PER_DAY), numFmt) : formatNumber(value, numFmt);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value, numFmt);
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; formula?: string; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v || 'result' in v) return cellText({ value: v.result, numFmt });
    if (v.text !== undefined) return cellText({ value: v.text, numFmt });
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}
