import type { Client } from '../../shared/domain/client.js';

/**
 * Where a merge-tag value comes from: a field of the client itself (`name`, `email`, a CSV column
 * header) or a field of each of its representatives of one kind (`<kind>: <field>`).
 */
export type SourceSpec =
  | { source: string; type: 'client' }
  | { source: string; type: 'representative'; kind: string; field: string };

/** Reads a client-level source's value(s) (the importer knows which header is which field). */
export type ClientValueReader = (client: Client, source: string) => string[];

/** Separator between the values of one client or one representative. */
export const VALUE_SEPARATOR = ', ';
/** Separator between the client's own values and each representative's values. */
export const UNIT_SEPARATOR = '; ';

/** Whitespace runs (line breaks in Barsy cells included) become one space. */
const clean = (v: string): string => v.replace(/\s+/gu, ' ').trim();

/**
 * The one value a merge tag gets from all the sources mapped to it (README "What is sent"):
 * the client's own values first (in `sources` order, which is export order), then each representative
 * in export order with its mapped fields in the representative's field order. Values of one unit are
 * joined with ", ", units with "; "; empty values and units are skipped; whitespace is collapsed.
 */
export function combineTagValue(client: Client, sources: readonly SourceSpec[], readClient: ClientValueReader): string {
  const { own, wanted } = compiled(sources);
  const units: string[] = [];
  const mine: string[] = [];
  for (const source of own) for (const v of readClient(client, source)) pushClean(mine, v);
  if (mine.length > 0) units.push(mine.join(VALUE_SEPARATOR));
  if (wanted.size > 0) {
    for (const rep of client.representatives) {
      const fields = wanted.get(rep.kind);
      if (!fields) continue;
      const values: string[] = [];
      for (const f of rep.fields) if (fields.has(f.field)) pushClean(values, f.value);
      if (values.length > 0) units.push(values.join(VALUE_SEPARATOR));
    }
  }
  return units.join(UNIT_SEPARATOR);
}

function pushClean(out: string[], value: string): void {
  const v = clean(value);
  if (v !== '') out.push(v);
}

type Compiled = { own: string[]; wanted: Map<string, Set<string>> };
const compiledCache = new WeakMap<readonly SourceSpec[], Compiled>();

/** A tag's sources split once (not once per client): client sources in order, representative fields by kind. */
function compiled(sources: readonly SourceSpec[]): Compiled {
  let c = compiledCache.get(sources);
  if (!c) {
    c = { own: [], wanted: new Map() };
    for (const s of sources) {
      if (s.type === 'client') c.own.push(s.source);
      else {
        const set = c.wanted.get(s.kind) ?? new Set<string>();
        set.add(s.field);
        c.wanted.set(s.kind, set);
      }
    }
    compiledCache.set(sources, c);
  }
  return c;
}

/** Splits a full name for FNAME/LNAME: first word, then the rest (empty when there is one word). */
export function splitName(name: string): { first: string; rest: string } {
  const words = clean(name).split(' ').filter(Boolean);
  return { first: words[0] ?? '', rest: words.slice(1).join(' ') };
}
