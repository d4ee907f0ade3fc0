import type { AppContext } from '../context/app-context.js';
import { assertNever } from '../../shared/domain/assert-never.js';
import { uiLanguage } from '../settings/ui-language.js';
import { renderRunReport } from './report-document.js';
import { loadRunData } from '../runs/run-data.js';

export type ReportFormat = 'csv' | 'html' | 'text';

/** A run's report as a file: the full CSV list, or the HTML / text report (`report:export`, CLI). */
export function exportRunReport(ctx: AppContext, runId: number, format: ReportFormat): { fileName: string; content: string } {
  const doc = renderRunReport(loadRunData(ctx.db, runId), { lang: uiLanguage(ctx.settings), version: ctx.version, context: 'export' });
  switch (format) {
    case 'csv':
      return { fileName: doc.csvFileName, content: doc.csv };
    case 'html':
      return { fileName: `${doc.baseName}.html`, content: doc.html };
    case 'text':
      return { fileName: `${doc.baseName}.txt`, content: doc.text };
    default:
      return assertNever(format, 'report format');
  }
}
