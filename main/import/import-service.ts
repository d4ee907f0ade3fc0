import type { ImportPreview, ImportPreviewRequest, ImportRunRequest, ImportSummary, RepPreview } from '../../shared/domain/import.js';
import type { AppContext } from '../context/app-context.js';
import { getCurrentImportId } from './client-store.js';
import { proposeMapping, resolveMapping } from './column-mapping.js';
import { currentMappedGroups, importSummary } from './import-summary.js';
import { writeImport } from './import-writer.js';
import { eachRecord, openTable, type CsvSource, type ReadOptions } from './read-csv.js';
import { proposeRepMapping, repFormat, resolveRepMapping } from './rep-columns.js';

const PREVIEW_ROWS = 10;

/** The first data rows of a file, trimmed (what the preview shows). */
function firstRows(src: CsvSource): string[][] {
  const rows: string[][] = [];
  eachRecord(src, (record) => {
    rows.push(record.map((c) => c.trim()));
    return rows.length < PREVIEW_ROWS;
  });
  return rows;
}

/** What every file preview says: name, size, detection results, header row, first rows. */
function fileFacts(src: CsvSource) {
  return {
    fileName: src.fileName,
    fileSize: src.size,
    encoding: src.encoding,
    delimiter: src.delimiter,
    headers: src.headers,
    sampleRows: firstRows(src),
    ...(src.sheets ? { sheets: src.sheets, sheet: src.sheet } : {}),
  };
}

/** Detection results, the column roles that would be used (and what is wrong with them) and the first rows, without writing anything. */
export async function previewImport(ctx: AppContext, req: ImportPreviewRequest): Promise<ImportPreview> {
  const opts: ReadOptions = { encoding: req.encoding, delimiter: req.delimiter };
  const csv = await openTable(req.path, { ...opts, sheet: req.sheet });
  const proposed = proposeMapping(ctx.db, csv.fileName, csv.headers);
  let representatives: RepPreview | undefined;
  if (req.representativesPath) {
    const reps = await openTable(req.representativesPath, { ...opts, sheet: req.repSheet });
    const rep = proposeRepMapping(ctx.db, reps.fileName, reps.headers);
    representatives = {
      ...fileFacts(reps),
      columnMapping: rep.mapping,
      format: repFormat(rep.mapping),
      ...(rep.problem ? { problems: [rep.problem.appError] } : {}),
    };
  }
  return {
    ...fileFacts(csv),
    columnMapping: proposed.mapping,
    ...(proposed.problem ? { problems: [proposed.problem.appError] } : {}),
    ...(representatives ? { representatives } : {}),
  };
}

/**
 * Imports a clients file (and optionally a representatives file) atomically: the files are decoded and
 * their headers checked first, then every record is written in one transaction that a failure rolls
 * back, so a bad file changes nothing. An identical import (same bytes of both files, same options and
 * mappings) is not repeated: the earlier one becomes current again.
 */
export async function runImport(ctx: AppContext, req: ImportRunRequest): Promise<ImportSummary> {
  const { db } = ctx;
  const opts: ReadOptions = { encoding: req.encoding, delimiter: req.delimiter };
  const clientsFile = await openTable(req.path, { ...opts, sheet: req.sheet });
  const representativesFile = req.representativesPath ? await openTable(req.representativesPath, { ...opts, sheet: req.repSheet }) : undefined;
  const mapping = resolveMapping(db, clientsFile.headers, req.columnMapping, req.columnOverrides, clientsFile.fileName);
  const repMapping = representativesFile
    ? resolveRepMapping(db, representativesFile.fileName, representativesFile.headers, req.repColumnMapping, req.repColumnOverrides)
    : undefined;
  const optionsKey = JSON.stringify({
    encoding: req.encoding,
    delimiter: req.delimiter,
    mapping,
    ...(repMapping ? { repMapping } : {}),
    ...(clientsFile.sheet !== undefined ? { sheet: clientsFile.sheet } : {}),
    ...(representativesFile?.sheet !== undefined ? { repSheet: representativesFile.sheet } : {}),
  });

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
    ...(representativesFile && repMapping ? { representatives: representativesFile, repMapping } : {}),
    mapping,
    rememberMapping: req.columnMapping !== undefined || (req.columnOverrides?.length ?? 0) > 0,
    rememberRepMapping: req.repColumnMapping !== undefined || (req.repColumnOverrides?.length ?? 0) > 0,
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

/** Deletes every import and its clients; settings, remembered column mappings and group/field mappings stay. */
export function clearCache(ctx: AppContext): void {
  const { db } = ctx;
  db.transaction(() => {
    db.exec('DELETE FROM clients; DELETE FROM client_groups; DELETE FROM imports;');
  }).immediate();
}
