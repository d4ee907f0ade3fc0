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

const clean = (v: string): string => v.replace(/\s+/gu, ' ').trim();

/**
 * The one value a merge tag gets from all the sources mapped to it (README "What is sent"):
 * the client's own values first (in `sources` order, which is export order), then each representative
 * in export order with its mapped fields in the representative's field order. Values of one unit are
 * joined with ", ", units with "; "; empty values and units are skipped; whitespace is collapsed.
 */
export function combineTagValue(client: Client, sources: readonly SourceSpec[], readClient: ClientValueReader): string {
  const units: string[] = [];
  const own = sources
    .filter((s) => s.type === 'client')
    .flatMap((s) => readClient(client, s.source).map(clean))
    .filter((v) => v !== '');
  if (own.length > 0) units.push(own.join(VALUE_SEPARATOR));

  const repSources = sources.filter((s): s is Extract<SourceSpec, { type: 'representative' }> => s.type === 'representative');
  if (repSources.length > 0) {
    const wanted = new Set(repSources.map((s) => `${s.kind}\u0000${s.field}`));
    for (const rep of client.representatives) {
      const values = rep.fields
        .filter((f) => wanted.has(`${rep.kind}\u0000${f.field}`))
        .map((f) => clean(f.value))
        .filter((v) => v !== '');
      if (values.length > 0) units.push(values.join(VALUE_SEPARATOR));
    }
  }
  return units.join(UNIT_SEPARATOR);
}

/** Splits a full name for FNAME/LNAME: first word, then the rest (empty when there is one word). */
export function splitName(name: string): { first: string; rest: string } {
  const words = clean(name).split(' ').filter(Boolean);
  return { first: words[0] ?? '', rest: words.slice(1).join(' ') };
}
