/**
 * How mapping reads a client's values for merge tags: which sources are representative fields and
 * which are the client's own columns.
 */
import type { Client } from '../../shared/domain/client.js';
import { sourceValues, type MergeSource } from '../import/client-store.js';
import type { SourceSpec } from './merge-values.js';

/** Classifies a source name: `<kind>: <field>` of a representative, or a field of the client itself. */
export function toSourceSpec(s: Pick<MergeSource, 'source' | 'origin'>): SourceSpec {
  if (s.origin !== 'representative') return { source: s.source, type: 'client' };
  const sep = s.source.indexOf(':');
  return { source: s.source, type: 'representative', kind: s.source.slice(0, sep).trim(), field: s.source.slice(sep + 1).trim() };
}

/** Client-level values for `combineTagValue` (the importer knows which header is which field). */
export function readClientValue(client: Client, source: string): string[] {
  return sourceValues(client, source);
}
