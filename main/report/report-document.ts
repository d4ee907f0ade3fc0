import type { Db } from '../db/open-database.js';
import type { Language } from '../../shared/i18n/messages.js';
import { buildReportModel } from './report-model.js';
import { renderReportCsv, streamReportCsv } from './render-csv.js';
import { renderReportHtml } from './render-html.js';
import { renderReportText } from './render-text.js';
import { digestOfItems, digestOfRun, type RunDigest } from './report-digest.js';
import { eachRunItem } from '../runs/run-items-page.js';
import type { RunData } from '../runs/run-data.js';
import { reportBaseName, type ReportAttachment } from './report-attachment.js';
import { writeNewPrivateFile } from './private-file.js';

type RenderOptions = { lang: Language; version: string; context: 'email' | 'export' };

/** A run's report as an email shows it: subject, HTML and text parts, and the name of the CSV attached. */
export type ReportEmail = { subject: string; html: string; text: string; csvFileName: string; baseName: string };
/** A run's report in every form: the email's subject and parts, and the full CSV. */
export type ReportDocument = ReportEmail & { csv: string };

/**
 * Rows in the email body: up to 50 per section, 60 in all and at least 3 per section (Gmail clips HTML over ~100 KB);
 * the full list is in the attachment.
 */
const EMAIL_LIMITS = { cap: 50, budget: 60, minPerSection: 3 };
/** An exported HTML / text report is a file and may be longer. */
const EXPORT_LIMITS = { cap: 1000, budget: 20_000, minPerSection: 20 };

/** Rows per list a report in this context can show at most: all a digest needs to keep. */
export const reportCap = (context: RenderOptions['context']) => (context === 'email' ? EMAIL_LIMITS : EXPORT_LIMITS).cap;

/**
 * Renders the capped report (subject, HTML, text) from a run's digest; throws if the run's counts do not
 * add up. `attachment`: the CSV the email carries, when it is written first (a partial one changes the
 * email's words: what is left out, where the full list is); without it the full list is assumed.
 */
export function renderReportEmail(digest: RunDigest, opts: RenderOptions, attachment?: Pick<ReportAttachment, 'fileName' | 'partial'>): ReportEmail {
  const baseName = reportBaseName(digest);
  const csvFileName = attachment?.fileName ?? `${baseName}.csv`;
  const model = buildReportModel(digest, {
    ...opts,
    ...(opts.context === 'email' ? EMAIL_LIMITS : EXPORT_LIMITS),
    attachmentName: csvFileName,
    partial: attachment?.partial ?? null,
  });
  return { subject: model.subject, html: renderReportHtml(model), text: renderReportText(model), csvFileName, baseName };
}

/** The report of a stored run, read in one pass over its rows (a million rows are never held at once). */
export function renderStoredReport(db: Db, runId: number, opts: RenderOptions): ReportEmail & { digest: RunDigest } {
  const digest = digestOfRun(db, runId, reportCap(opts.context));
  return { ...renderReportEmail(digest, opts), digest };
}

/** A stored run's full CSV list as one string (the app's and the CLI's export). */
export function storedReportCsv(db: Db, runId: number, lang: Language): string {
  const chunks: string[] = [];
  streamReportCsv((row) => eachRunItem(db, runId, row), lang, (chunk) => chunks.push(chunk));
  return chunks.join('');
}

/**
 * Writes a stored run's full CSV list to a new file `filePath` a megabyte at a time (memory stays flat
 * for a million rows); returns how many clients it lists.
 */
export function writeStoredReportCsv(db: Db, runId: number, lang: Language, filePath: string): number {
  return writeNewPrivateFile(filePath, (write) => streamReportCsv((row) => eachRunItem(db, runId, row), lang, write));
}

/** Renders a run held in memory (tests, small runs) in every form; throws if the run's counts do not add up. */
export function renderRunReport(data: RunData, opts: RenderOptions): ReportDocument {
  return { ...renderReportEmail(digestOfItems(data, reportCap(opts.context)), opts), csv: renderReportCsv(data.items, opts.lang) };
}
