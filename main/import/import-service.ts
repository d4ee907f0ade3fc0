import { AppFailure } from '../../shared/domain/app-error.js';
import type { ColumnMapping, ImportPreview, ImportSummary } from '../../shared/domain/import.js';
import type { AppContext } from '../app-context.js';
import { getCurrentImportId } from './client-store.js';
import { resolveMapping } from './column-mapping.js';
import { currentMappedGroups, importSummary } from './import-summary.js';
import { writeImport } from './import-writer.js';
import { eachRecord, openCsv, type ReadOptions } from './read-csv.js';

const PREVIEW_ROWS = 10;

/** Detection results, the mapping that would be used and the first rows, without writing anything. */
export function previewImport(ctx: AppContext, req: { path: string } & ReadOptions): ImportPreview {
  const csv = openCsv(req.path, req);
  const sampleRows: string[][] = [];
  eachRecord(csv, (record) => {
    sampleRows.push(record.map((c) => c.trim()));
    return sampleRows.length < PREVIEW_ROWS;
  });
  return {
    fileName: csv.fileName,
    fileSize: csv.size,
    encoding: csv.encoding,
    delimiter: csv.delimiter,
    headers: csv.headers,
    columnMapping: resolveMapping(ctx.db, csv.headers),
    sampleRows,
  };
}

export type RunRequest = ReadOptions & { path: string; representativesPath?: string; columnMapping?: ColumnMapping };

/**
 * Imports a clients file (and optionally a representatives file) atomically: the files are decoded and
 * their headers checked first, then every record is written in one transaction that a failure rolls
 * back, so a bad file changes nothing. An identical import (same bytes of both files, same options and
 * mapping) is not repeated: the earlier one becomes current again.
 */
export function runImport(ctx: AppContext, req: RunRequest): ImportSummary {
  const { db } = ctx;
  const opts: ReadOptions = { encoding: req.encoding, delimiter: req.delimiter };
  const clientsFile = openCsv(req.path, opts);
  const representativesFile = req.representativesPath ? openCsv(req.representativesPath, opts) : undefined;
  const mapping = resolveMapping(db, clientsFile.headers, req.columnMapping);
  const optionsKey = JSON.stringify({ encoding: req.encoding, delimiter: req.delimiter, mapping });

  const earlier = db
    .prepare<[string, string | null, string], { id: number }>(
      'SELECT id FROM imports WHERE sha256 = ? AND representatives_sha256 IS ? AND options_key = ? ORDER BY id DESC LIMIT 1',
    )
    .get(clientsFile.sha256, representativesFile?.sha256 ?? null, optionsKey);
  if (earlier) {
    db.prepare('UPDATE imports SET used_seq = (SELECT MAX(used_seq) + 1 FROM imports) WHERE id = ? AND used_seq < (SELECT MAX(used_seq) FROM imports)').run(
      earlier.id,
    );
    return importSummary(db, earlier.id, currentMappedGroups(ctx), true);
  }

  const importId = writeImport(db, {
    clients: clientsFile,
    ...(representativesFile ? { representatives: representativesFile } : {}),
    mapping,
    rememberMapping: req.columnMapping !== undefined,
    optionsKey,
  });
  ctx.logger.info('import done', { importId });
  return importSummary(db, importId, currentMappedGroups(ctx), false);
}

/** The current import's summary (eligibility against today's mappings), or null before the first import. */
export function currentImport(ctx: AppContext): ImportSummary | null {
  const id = getCurrentImportId(ctx.db);
  return id === null ? null : importSummary(ctx.db, id, currentMappedGroups(ctx), false);
}

/** The current import's id, or a `no_import` failure. */
export function requireCurrentImportId(ctx: AppContext): number {
  const id = getCurrentImportId(ctx.db);
  if (id === null) throw new AppFailure('no_import');
  return id;
}

/** Deletes every import and its clients; settings, remembered column mappings and group/field mappings stay. */
export function clearCache(ctx: AppContext): void {
  const { db } = ctx;
  db.transaction(() => {
    db.exec('DELETE FROM representative_fields; DELETE FROM representatives; DELETE FROM clients; DELETE FROM client_groups; DELETE FROM imports;');
  }).immediate();
}
