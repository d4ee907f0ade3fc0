import { markedEmailText } from '../../shared/domain/email-marks.js';
import type { ReportModel } from './report-model.js';

/** The plain-text part: the same report for mail clients that do not show HTML, and for the CLI. */
export function renderReportText(model: ReportModel): string {
  const out: string[] = [];
  out.push(model.title, '='.repeat(Math.min(model.title.length, 72)), '', model.banner.text, '');
  for (const t of model.tiles) out.push(`${t.label}: ${t.value}`);
  for (const t of model.totals) out.push(`${t.label}: ${t.value}`);
  out.push(`${model.strings.check}: ${model.equation} (${model.strings.equation})`, '');
  for (const f of model.facts) out.push(`${f.label}: ${f.value}`);
  for (const sec of model.sections) {
    const heading = `${sec.title.toUpperCase()} (${sec.total})`;
    out.push('', heading, '-'.repeat(Math.min(heading.length, 72)));
    if (sec.hint) out.push(sec.hint);
    for (const r of sec.rows) {
      const marked = markedEmailText(r.email, r.emailFix);
      const email = r.hasEmail ? `<${marked}>${r.emailFix ? ` (${model.strings.emailFix(r.emailFix)})` : ''}` : r.email;
      const ref = r.barsyRef ? `, ${r.barsyRef}` : '';
      const who = `${model.strings.columns.line.toLowerCase()} ${r.line}${ref}: ${r.name} ${email}${r.group ? ` [${r.group}]` : ''}`;
      out.push(`  - ${who}${r.detail ? ` — ${r.detail}` : ''}`);
    }
    if (sec.more) out.push(`  ${sec.more}`);
  }
  out.push('', model.note, '', '-- ', model.footer, '');
  return out.join('\n');
}
