import type { Language } from '../../shared/i18n/messages.js';
import { buildReportModel } from './report-model.js';
import { renderReportCsv } from './render-csv.js';
import { renderReportHtml } from './render-html.js';
import { renderReportText } from './render-text.js';
import type { RunData } from '../runs/run-data.js';

/** A run's report in every form: the email's subject and parts, and the full CSV. */
export type ReportDocument = { subject: string; html: string; text: string; csv: string; csvFileName: string; baseName: string };

/**
 * Rows in the email body: up to 50 per section, 60 in all and at least 3 per section (Gmail clips HTML over ~100 KB);
 * the full list is in the attachment.
 */
const EMAIL_LIMITS = { cap: 50, budget: 60, minPerSection: 3 };
/** An exported HTML / text report is a file and may be longer. */
const EXPORT_LIMITS = { cap: 1000, budget: 20_000, minPerSection: 20 };

/** File name stem of a run's report: `barsy-mailchimp-run-12-2025-11-27`. */
function baseNameOf(data: RunData): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(data.summary.startedAt)?.[0] ?? 'report';
  return `barsy-mailchimp-run-${data.summary.runId}-${day}`;
}

/** Renders a run's report; throws if the run's counts do not add up. */
export function renderRunReport(data: RunData, opts: { lang: Language; version: string; context: 'email' | 'export' }): ReportDocument {
  const baseName = baseNameOf(data);
  const csvFileName = `${baseName}.csv`;
  const model = buildReportModel(data, {
    ...opts,
    ...(opts.context === 'email' ? EMAIL_LIMITS : EXPORT_LIMITS),
    attachmentName: csvFileName,
  });
  return {
    subject: model.subject,
    html: renderReportHtml(model),
    text: renderReportText(model),
    csv: renderReportCsv(data.items, opts.lang),
    csvFileName,
    baseName,
  };
}
