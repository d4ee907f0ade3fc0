import type { Delimiter } from '../../shared/domain/import.js';

const CANDIDATES: Delimiter[] = [';', ',', '\t'];
const SAMPLE_LINES = 20;
const SAMPLE_CHARS = 256 * 1024;

/** Counts each candidate outside quotes, per record, on the first non-empty records of the text. */
function countPerRecord(text: string): Array<Record<Delimiter, number>> {
  const out: Array<Record<Delimiter, number>> = [];
  let cur: Record<Delimiter, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  let nonEmpty = false;
  const end = Math.min(text.length, SAMPLE_CHARS);
  for (let i = 0; i < end && out.length < SAMPLE_LINES; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === ';' || c === ',' || c === '\t') cur[c]++;
    else if (c === '\n' || c === '\r') {
      if (nonEmpty) out.push(cur);
      cur = { ';': 0, ',': 0, '\t': 0 };
      nonEmpty = false;
      continue;
    }
    if (c.trim() !== '') nonEmpty = true;
  }
  if (nonEmpty && out.length < SAMPLE_LINES) out.push(cur);
  return out;
}

/**
 * Picks `;`, `,` or tab: the candidate present in the header whose count is the same on the most sampled
 * records (a real delimiter repeats; a comma inside a name does not), then the larger header count, then
 * `;` before `,` before tab (Barsy on a Bulgarian Windows writes `;`). No candidate at all → `;`
 * (a one-column file parses the same with any delimiter).
 */
export function sniffDelimiter(text: string): Delimiter {
  const records = countPerRecord(text);
  const header = records[0];
  if (!header) return ';';
  let best: Delimiter = ';';
  let bestScore = [-1, -1];
  for (const d of CANDIDATES) {
    if (header[d] === 0) continue;
    const consistent = records.filter((r) => r[d] === header[d]).length;
    const score = [consistent, header[d]];
    if (score[0]! > bestScore[0]! || (score[0] === bestScore[0] && score[1]! > bestScore[1]!)) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
