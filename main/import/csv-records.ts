import type { Delimiter } from '../../shared/domain/import.js';
import { breaksIn, isBlankRecord, type Newline, type OnRecord } from './csv-parser.js';

/** What feeding one chunk ended with. */
export type FeedResult = 'more' | 'stopped' | 'quote';

/** Feeds decoded text in order; `last` marks the final piece (the unfinished record is then the last record). */
export type RecordFeeder = (text: string, last: boolean) => FeedResult;

/**
 * The streaming import's record parser: the same records (and line numbers) papaparse gives for
 * well-formed CSV, built for the one job of turning large decoded chunks into records fast. Papaparse's
 * chunk parser cost ~0.3 s of a 100k-client import (a results object per row and the garbage it leaves);
 * here a record without any quote is one native `split`, and only records with a quote are walked
 * field by field, with papaparse's own rules (a field is quoted only when it starts with `"`; `""` is a
 * quote; spaces are allowed between a closing quote and the delimiter or line break).
 *
 * Anything papaparse would report as a broken quote ends with `'quote'`: the caller then lets the
 * whole-file reader (papaparse) report it with its line, so error messages stay exactly as they were.
 * `tests/import/csv-records.test.ts` compares both parsers on generated files.
 */
export function recordFeeder(delimiter: Delimiter, newline: Newline, onRecord: OnRecord): RecordFeeder {
  const nlLen = newline.length;
  let rest = '';
  let line = 1;
  let done = false;

  /** Hands on one record (unless blank) and moves the line counter past it. */
  const emit = (cells: string[], mayBreak: boolean): boolean => {
    const start = line;
    line += 1;
    if (mayBreak) for (let i = 0; i < cells.length; i++) line += breaksIn(cells[i]!);
    return isBlankRecord(cells) || onRecord(cells, start) !== false;
  };

  return (text, last) => {
    if (done) return 'stopped';
    // The caller cuts pieces at line ends, so `rest` is only a quoted cell broken across pieces (rare).
    const input = rest.length > 0 ? rest + text : text;
    const len = input.length;
    let pos = 0;
    let nextQuote = input.indexOf('"');
    while (pos < len) {
      const end = input.indexOf(newline, pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = input.indexOf('"', pos);
      if (nextQuote === -1 || (end !== -1 && nextQuote >= end)) {
        // No quote in this record: its cells are the text between delimiters.
        if (end === -1 && !last) break;
        const raw = end === -1 ? input.substring(pos) : input.substring(pos, end);
        pos = end === -1 ? len : end + nlLen;
        if (!emit(raw.split(delimiter), raw.indexOf('\n') !== -1 || raw.indexOf('\r') !== -1)) return stop();
        continue;
      }
      const r = quotedRecord(input, pos, delimiter, newline, last);
      if (r === 'incomplete') break;
      if (r === 'quote') {
        done = true;
        return 'quote';
      }
      // Line breaks inside the record: only then are its cells counted one by one.
      const body = r.next === len && last ? len : r.next - nlLen;
      const cr = input.indexOf('\r', pos);
      const lf = input.indexOf('\n', pos);
      pos = r.next;
      if (!emit(r.cells, (cr !== -1 && cr < body) || (lf !== -1 && lf < body))) return stop();
    }
    rest = pos < len ? input.substring(pos) : '';
    if (last) done = true;
    return 'more';
  };

  function stop(): FeedResult {
    done = true;
    rest = '';
    return 'stopped';
  }
}

/** Papaparse's test for "only spaces between a closing quote and what follows": the length to skip. */
function spacesBetween(input: string, from: number, to: number): number {
  if (to === -1 || to <= from) return 0;
  return input.substring(from, to).trim() === '' ? to - from : 0;
}

/** A quoted cell's text: `""` is one quote. */
function unquote(raw: string): string {
  return raw.indexOf('""') === -1 ? raw : raw.replace(/""/g, '"');
}

/**
 * One record that has a quote somewhere, field by field as papaparse walks it. `incomplete` when the
 * record may continue in the next chunk; `quote` for a quote papaparse reports as broken.
 */
function quotedRecord(input: string, pos: number, delim: string, newline: string, last: boolean): { cells: string[]; next: number } | 'incomplete' | 'quote' {
  const len = input.length;
  const cells: string[] = [];
  let cursor = pos;
  for (;;) {
    if (input.charCodeAt(cursor) === 34) {
      const open = cursor + 1;
      let q = cursor;
      for (;;) {
        q = input.indexOf('"', q + 1);
        if (q === -1) return last ? 'quote' : 'incomplete';
        if (q === len - 1) {
          if (!last) return 'incomplete';
          cells.push(unquote(input.substring(open, q)));
          return { cells, next: len };
        }
        if (input.charCodeAt(q + 1) === 34) {
          q++;
          continue;
        }
        const nd = input.indexOf(delim, q + 1);
        const nn = input.indexOf(newline, q + 1);
        const upTo = nn === -1 ? nd : Math.min(nd, nn);
        const sd = spacesBetween(input, q + 1, upTo);
        if (input.startsWith(delim, q + 1 + sd)) {
          cells.push(unquote(input.substring(open, q)));
          cursor = q + 1 + sd + delim.length;
          break;
        }
        const sn = spacesBetween(input, q + 1, nn);
        if (input.startsWith(newline, q + 1 + sn)) {
          cells.push(unquote(input.substring(open, q)));
          return { cells, next: q + 1 + sn + newline.length };
        }
        // Only spaces (or half a CRLF) up to the end of this chunk: what follows decides.
        if (!last && input.substring(q + 1).trim() === '') return 'incomplete';
        return 'quote';
      }
      continue;
    }
    const nd = input.indexOf(delim, cursor);
    const nn = input.indexOf(newline, cursor);
    if (nd !== -1 && (nd < nn || nn === -1)) {
      cells.push(input.substring(cursor, nd));
      cursor = nd + delim.length;
      continue;
    }
    if (nn !== -1) {
      cells.push(input.substring(cursor, nn));
      return { cells, next: nn + newline.length };
    }
    if (!last) return 'incomplete';
    cells.push(input.substring(cursor));
    return { cells, next: len };
  }
}
