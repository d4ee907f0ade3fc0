import path from 'node:path';
import type { Db } from '../db/open-database.js';
import { AppFailure } from '../../shared/domain/app-error.js';
import type { Language } from '../../shared/i18n/translate.js';
import { eachRunItem, firstRunItemsWhere, itemMatches, type RunItemFilter } from '../runs/run-items-page.js';
import type { RunItem } from '../../shared/domain/sync.js';
import { csvLines, streamReportCsv } from './render-csv.js';
import { SECTIONS, type RunDigest } from './report-digest.js';
import { partialCounts, SECTION_ORDER, type PartialAttachment } from './report-model.js';
import { reportStrings } from './report-strings.js';
import { FileTooLarge, writeNewPrivateFile } from './private-file.js';

/**
 * How much of a run the email's CSV attachment holds: the full list of a run of up to `fullRows`
 * clients, else the first `partialRows` by importance; never more than `bytes`.
 */
export type AttachmentLimits = { fullRows: number; partialRows: number; bytes: number };

/**
 * At most 6 MiB of CSV: base64 makes it ~8.3 MB on the wire, under the 10 MB some mail servers still
 * refuse above (Gmail, abv.bg: 25 MB; Outlook.com: 20 MB); a 1,000,000-client list is ~120 MB and would
 * bounce everywhere. 50,000 clients' full list is ~6 MB and written in ~0.3 s. A bigger run's first
 * 20,000 by importance are read list by list from the run's indexes (migration 075), so a
 * 1,000,000-client run's whole email (counts, lists, attachment) renders in ~0.8 s on our 2-core
 * machine, where one pass over its rows takes ~0.3 s (`npm run bench:report`).
 */
export const ATTACHMENT_LIMITS: AttachmentLimits = { fullRows: 50_000, partialRows: 20_000, bytes: 6 * 2 ** 20 };

/** The CSV file attached to a run's email; `partial` is null when it lists every client of the run, in file order. */
export type ReportAttachment = { path: string; fileName: string; rows: number; partial: PartialAttachment | null };

/** File name stem of a run's report: `barsy-mailchimp-run-12-2025-11-27`. */
export function reportBaseName(digest: RunDigest): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(digest.summary.startedAt)?.[0] ?? 'report';
  return `barsy-mailchimp-run-${digest.summary.runId}-${day}`;
}

/**
 * Lists in the order a partial attachment takes its rows: the report's lists, most urgent first, then
 * the clients with no result yet and the unchanged ones. A client belongs to the first list that holds
 * it (a failed client with a shortened value is among the failed).
 */
export function attachmentTiers(): Array<{ id: string; filter: RunItemFilter }> {
  const tiers = SECTION_ORDER.map((id) => {
    const filter = SECTIONS[id];
    if (!filter) throw new Error(`no filter for report list ${id}`);
    return { id, filter };
  });
  return [...tiers, { id: 'none', filter: { outcome: null } }, { id: 'unchanged', filter: { outcome: 'unchanged' } }];
}

/**
 * Whether a list can hold rows: a list's first rows by importance (a tier) are among its rows, so a
 * list the digest counted empty is not read at all (the unsettled rows have no index to read them by).
 */
function mayHold(digest: RunDigest, id: string): boolean {
  if (id === 'none' || id === 'unchanged') return digest.listed[id] > 0;
  return digest.sections.has(id);
}

/**
 * The first `limit` rows of a run by importance: list by list in `attachmentTiers` order, each list's
 * rows that no earlier list holds read in file order from the list's index range up to what is still
 * wanted (`firstRunItemsWhere`). For 20,000 rows of a million that is ~20,000 index entries and rows
 * read, not a ranking of every row.
 */
function eachRowByImportance(db: Db, digest: RunDigest, limit: number, each: (item: RunItem) => boolean | void): void {
  const tiers = attachmentTiers();
  let left = limit;
  for (const [at, tier] of tiers.entries()) {
    if (left <= 0) return;
    if (!mayHold(digest, tier.id)) continue;
    const rows = firstRunItemsWhere(db, digest.summary.runId, tier.filter, left, tiers.slice(0, at).map((t) => t.filter));
    left -= rows.length;
    for (const item of rows) if (each(item) === false) return;
  }
}

/**
 * The first rows of a big run by importance, as CSV lines, within the limits. `cut`: the report's lists
 * the lines do not hold in full (their "…and N more" must not point at the attachment).
 */
function pickRows(db: Db, digest: RunDigest, lang: Language, limits: AttachmentLimits): { lines: string[]; cut: Set<string> } {
  const csv = csvLines(lang);
  // The first line (the note) and the column names take under 2 KB; the rows get the rest.
  const budget = limits.bytes - 2048;
  const lines: string[] = [];
  const held = new Map<string, number>();
  let bytes = 0;
  eachRowByImportance(db, digest, limits.partialRows, (item) => {
    const line = csv.row(item);
    bytes += Buffer.byteLength(line, 'utf8');
    if (bytes > budget) return false;
    lines.push(line);
    for (const [id, f] of Object.entries(SECTIONS)) if (itemMatches(f, item)) held.set(id, (held.get(id) ?? 0) + 1);
  });
  const cut = new Set([...digest.sections].filter(([id, sec]) => (held.get(id) ?? 0) < sec.total).map(([id]) => id));
  return { lines, cut };
}

/**
 * Writes the CSV attached to a run's email into `dir` (a new private file, nothing half-written on a
 * fault). A run within the limits gets its full list, exactly as the export; a bigger one gets its
 * first rows by importance (failed, kept at their Mailchimp status, skipped by reason, shortened,
 * removed, then added, updated, not finished, unchanged), its first line saying how many are left out
 * and where the full list is. Either way the file is a few MB, written in about a second at most.
 */
export function writeReportAttachment(db: Db, digest: RunDigest, lang: Language, dir: string, limits: AttachmentLimits = ATTACHMENT_LIMITS): ReportAttachment {
  const runId = digest.summary.runId;
  const base = reportBaseName(digest);
  const total = digest.listed.all;
  if (total <= limits.fullRows) {
    const file = path.join(dir, `${base}.csv`);
    try {
      const rows = writeNewPrivateFile(file, (write) => streamReportCsv((row) => eachRunItem(db, runId, row), lang, write), { maxBytes: limits.bytes });
      // The list must hold exactly the clients the email counted.
      if (rows !== total) throw new AppFailure('internal', { detail: `run ${runId}: the CSV lists ${rows} clients, the email ${total}` });
      return { path: file, fileName: `${base}.csv`, rows, partial: null };
    } catch (err) {
      // Few clients but long rows: the list is cut by size like a big run's.
      if (!(err instanceof FileTooLarge)) throw err;
    }
  }
  const { lines, cut } = pickRows(db, digest, lang, limits);
  const partial: PartialAttachment = { shown: lines.length, total, cut };
  const fileName = `${base}-partial.csv`;
  const file = path.join(dir, fileName);
  const s = reportStrings(lang);
  writeNewPrivateFile(file, (write) => {
    write(csvLines(lang).headerWithNote(s.attachmentPartialCsv(partialCounts(runId, partial, s))));
    for (let at = 0; at < lines.length; at += 10_000) write(lines.slice(at, at + 10_000).join(''));
  });
  return { path: file, fileName, rows: lines.length, partial };
}
