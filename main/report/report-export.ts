import type { AppContext } from '../context/app-context.js';
import { assertNever } from '../../shared/domain/assert-never.js';
import { uiLanguage } from '../settings/ui-language.js';
import { renderStoredReport, storedReportCsv } from './report-document.js';

export type ReportFormat = 'csv' | 'html' | 'text';

/** A run's report as a file: the full CSV list, or the HTML / text report (`report:export`, CLI). */
export function exportRunReport(ctx: AppContext, runId: number, format: ReportFormat): { fileName: string; content: string } {
  const lang = uiLanguage(ctx.settings);
  // The HTML / text report is read first also for the CSV: it refuses a run whose counts do not add up.
  const doc = renderStoredReport(ctx.db, runId, { lang, version: ctx.version, context: 'export' });
  switch (format) {
    case 'csv':
      return { fileName: doc.csvFileName, content: storedReportCsv(ctx.db, runId, lang) };
    case 'html':
      return { fileName: `${doc.baseName}.html`, content: doc.html };
    case 'text':
      return { fileName: `${doc.baseName}.txt`, content: doc.text };
    default:
      return assertNever(format, 'report format');
  }
}
