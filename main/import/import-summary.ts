import { ELIGIBILITY_REASONS, type EligibilityReason } from '../../shared/domain/client.js';
import { delimiterSchema, encodingSchema, importWarningSchema, type ImportSummary } from '../../shared/domain/import.js';
import type { AppContext } from '../context/app-context.js';
import type { Db } from '../db/open-database.js';
import { listGroups } from './client-store.js';
import { eligibilityOf } from './eligibility.js';
import type { ReasonCount } from './import-writer.js';

/**
 * Barsy groups that have a Maillist group in the given audience. A mapping row with a NULL interest
 * means "don't sync this group", which counts as not mapped. No audience → nothing is mapped.
 */
export function loadMappedGroups(db: Db, listId: string | undefined): Set<string> {
  if (!listId) return new Set();
  const rows = db
    .prepare<[string], { barsy_group: string }>('SELECT barsy_group FROM group_mappings WHERE list_id = ? AND interest_id IS NOT NULL')
    .all(listId);
  return new Set(rows.map((r) => r.barsy_group));
}

/** Mapped groups for the audience in the settings (`mailchimp.listId`). */
export function currentMappedGroups(ctx: Pick<AppContext, 'db' | 'settings'>): Set<string> {
  return loadMappedGroups(ctx.db, ctx.settings.get('mailchimp.listId'));
}

type ImportRow = {
  id: number;
  file_name: string;
  encoding: string;
  delimiter: string;
  rows: number;
  client_count: number;
  representative_count: number;
  duplicates: number;
  warnings: string;
  created_at: string;
};

/** Counts eligible clients and each reason (a client counts once under every reason it has). */
export function eligibilityCounts(
  db: Db,
  importId: number,
  mapped: ReadonlySet<string>,
): { eligible: number; ineligible: Record<EligibilityReason, number> } {
  const ineligible = Object.fromEntries(ELIGIBILITY_REASONS.map((r) => [r, 0])) as Record<EligibilityReason, number>;
  let eligible = 0;
  const row = db.prepare<[number], { reason_counts: string }>('SELECT reason_counts FROM imports WHERE id = ?').get(importId);
  for (const [group, reasons, n] of JSON.parse(row?.reason_counts ?? '[]') as ReasonCount[]) {
    const verdict = eligibilityOf({ group, reasons }, mapped);
    if (verdict.eligible) eligible += n;
    for (const r of verdict.reasons) ineligible[r] += n;
  }
  return { eligible, ineligible };
}

/** The `ImportSummary` of a stored import, with eligibility against the given mapped groups. */
export function importSummary(db: Db, importId: number, mapped: ReadonlySet<string>, alreadyImported: boolean): ImportSummary {
  const row = db.prepare<[number], ImportRow>('SELECT * FROM imports WHERE id = ?').get(importId);
  if (!row) throw new Error(`import ${importId} does not exist`);
  const { eligible, ineligible } = eligibilityCounts(db, importId, mapped);
  return {
    importId: row.id,
    fileName: row.file_name,
    rows: row.rows,
    clients: row.client_count,
    representatives: row.representative_count,
    encoding: encodingSchema.parse(row.encoding),
    delimiter: delimiterSchema.parse(row.delimiter),
    eligible,
    ineligible,
    duplicates: row.duplicates,
    groups: listGroups(db, importId),
    alreadyImported,
    warnings: importWarningSchema.array().parse(JSON.parse(row.warnings)),
    createdAt: row.created_at,
  };
}
