import { describe, expect, it } from 'vitest';
import { parseCsv, prepareNewlines } from '../../main/import/csv-parser.js';
import { recordFeeder } from '../../main/import/csv-records.js';
import type { Newline } from '../../main/import/csv-parser.js';
import { AppFailure } from '../../shared/domain/app-error.js';

/*
 * The streaming import's own record parser against papaparse (the whole-text reader), on generated
 * text full of the hard cases — quoted cells with delimiters, doubled quotes, line breaks of every kind,
 * spaces after a closing quote, blank rows, broken quotes — cut into chunks at random places: the
 * same records on the same lines, and a broken quote exactly where papaparse finds one.
 */

/** Deterministic pseudo-random numbers. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ['a', 'Иван', ' ', '  x ', 'ж', '"', '""', ';', ',', '\t', '\r', '\n', '\r\n', 'ivan@abv.bg', '', '0'];

function cell(rand: () => number, newline: string, allowBroken: boolean): string {
  const r = rand();
  const text = Array.from({ length: Math.floor(rand() * 4) }, () => PIECES[Math.floor(rand() * PIECES.length)]!).join('');
  if (r < 0.45) return text.replace(/["\r\n;,\t]/g, '');
  const inner = text.replace(/"/g, '""');
  if (r < 0.9) return `"${inner}"${rand() < 0.2 ? '  ' : ''}`;
  if (!allowBroken) return `"${inner}${newline}x"`;
  // A quote papaparse calls broken (text after the closing quote), or an unquoted cell with a quote inside.
  return rand() < 0.5 ? `"${inner}"z` : `a"${inner}`;
}

function csv(seed: number, newline: Newline, allowBroken: boolean): string {
  const rand = rng(seed);
  const rows: string[] = [];
  for (let r = 0; r < 40; r++) {
    if (rand() < 0.1) rows.push(rand() < 0.5 ? '' : ';;');
    else rows.push(Array.from({ length: 1 + Math.floor(rand() * 4) }, () => cell(rand, newline, allowBroken)).join(';'));
  }
  const end = rand() < 0.5 ? newline : '';
  return rows.join(newline) + end;
}

type Outcome = { records: Array<[number, string[]]>; quote: boolean };

function withPapaparse(text: string): Outcome {
  const records: Outcome['records'] = [];
  try {
    parseCsv(text, ';', (record, line) => void records.push([line, record]));
    return { records, quote: false };
  } catch (err) {
    if (err instanceof AppFailure && err.appError.code === 'csv_unbalanced_quote') return { records: [], quote: true };
    throw err;
  }
}

function withFeeder(text: string, newline: Newline, cuts: number[]): Outcome {
  const records: Outcome['records'] = [];
  const feed = recordFeeder(';', newline, (record, line) => void records.push([line, record]));
  const bounds = [0, ...cuts.filter((c) => c > 0 && c < text.length).sort((a, b) => a - b), text.length];
  for (let i = 1; i < bounds.length; i++) {
    const result = feed(text.slice(bounds[i - 1], bounds[i]), i === bounds.length - 1);
    if (result === 'quote') return { records: [], quote: true };
  }
  return { records, quote: false };
}

describe('the streaming record parser', () => {
  const newlines: Newline[] = ['\r\n', '\n', '\r'];
  for (const newline of newlines) {
    it(`gives papaparse's records and lines, in any chunking (rows ending ${JSON.stringify(newline)})`, () => {
      let quoted = 0;
      for (let seed = 1; seed <= 300; seed++) {
        const raw = csv(seed, newline, false);
        // As the stream does: the line break the whole-text reader would pick, CRLF → LF in a mixed file.
        const { text, newline: nl } = prepareNewlines(raw);
        const rand = rng(seed * 7);
        const cuts = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => Math.floor(rand() * text.length));
        expect(withFeeder(text, nl, cuts), `seed ${seed}`).toEqual(withPapaparse(raw));
        if (raw.includes('"')) quoted++;
      }
      expect(quoted).toBeGreaterThan(250);
    });
  }

  it('ends with a broken quote exactly where papaparse reports one', () => {
    let broken = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const text = csv(seed, '\n', true).replace(/\r/g, '');
      const expected = withPapaparse(text);
      if (expected.quote) broken++;
      expect(withFeeder(text, '\n', [Math.floor(text.length / 3), Math.floor(text.length / 2)]).quote, `seed ${seed}`).toBe(expected.quote);
    }
    expect(broken).toBeGreaterThan(50);
  });

  it('stops when the receiver says so', () => {
    const seen: string[][] = [];
    const feed = recordFeeder(';', '\n', (record) => seen.push(record) < 2);
    expect(feed('a;b\n"c";d\ne;f\n', false)).toBe('stopped');
    expect(seen).toEqual([['a', 'b'], ['c', 'd']]);
  });
});

