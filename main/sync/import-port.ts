/**
 * The engine's view of the importer (main/import/), in one place so the rest of main/sync/ does not
 * depend on the importer's file layout.
 */
import { AppFailure } from '../../shared/domain/app-error.js';
import type { Client } from '../../shared/domain/client.js';
import type { Db } from '../db/open-database.js';
import { getCurrentImportId, listGroups, listSources, loadClients, sourceValues, type MergeSource } from '../import/client-store.js';
import { eligibilityOf } from '../import/eligibility.js';
import type { SourceSpec } from './merge-values.js';

export { listGroups, listSources, loadClients, sourceValues, eligibilityOf, type MergeSource };

/** The import the next sync uses; `no_import` when nothing was imported yet. */
export function requireImportId(db: Db): number {
  const id = getCurrentImportId(db);
  if (id === null) throw new AppFailure('no_import');
  return id;
}

/** The import the next sync uses, or null. */
export function currentImportId(db: Db): number | null {
  return getCurrentImportId(db);
}

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
