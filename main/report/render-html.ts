import type { ReportModel, ReportRow, ReportSection, Tone } from './report-model.js';

/** Escapes text for HTML content and attribute values: client data never becomes markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);
}

const e = escapeHtml;
// On every cell: Outlook's Word engine does not pass a table's font on to its cells.
const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const INK = '#0f172a';
const MUTED = '#475569';
const LINE = '#e2e8f0';

/** Foreground and background of each tone (picked for contrast ≥ 4.5:1 on their background). */
const TONES: Record<Tone, { fg: string; bg: string; bar: string }> = {
  good: { fg: '#166534', bg: '#ecfdf3', bar: '#16a34a' },
  info: { fg: '#1e40af', bg: '#eff6ff', bar: '#2563eb' },
  neutral: { fg: '#334155', bg: '#f1f5f9', bar: '#64748b' },
  warn: { fg: '#92400e', bg: '#fffbeb', bar: '#d97706' },
  kept: { fg: '#5b21b6', bg: '#f5f3ff', bar: '#7c3aed' },
  bad: { fg: '#991b1b', bg: '#fef2f2', bar: '#dc2626' },
};

/** A layout table: Outlook's Word engine needs the old attributes, not CSS. */
/**
 * A refused email with its suspect characters highlighted (an invisible one shown by its code) and the
 * corrected address beside it; any other email as it is.
 */
function emailHtml(r: ReportRow): string {
  const parts = r.emailParts
    .map((p) => (p.marked ? `<mark title="${e(p.hint)}" style="background-color:#fde68a;color:#7c2d12;font-weight:bold;">${e(p.hint.includes('invisible') ? `⟦${p.hint.split(' ')[0]}⟧` : p.text)}</mark>` : e(p.text)))
    .join('');
  return r.emailFix ? `${parts} → <b style="color:#166534;">${e(r.emailFix)}</b>` : parts;
}

const table = (style: string, body: string, padding = 0) =>
  `<table role="presentation" width="100%" cellpadding="${padding}" cellspacing="0" border="0" style="border-collapse:collapse;${style}">${body}</table>`;

function tiles(model: ReportModel): string {
  const cell = (t: ReportModel['tiles'][number]) => {
    const tone = TONES[t.tone];
    return `<td width="33%" valign="top" style="padding:5px;">${table(
      `background-color:${tone.bg};border-top:3px solid ${tone.bar};`,
      `<tr><td style="${FONT}padding:12px 12px 4px 12px;font-size:26px;line-height:30px;font-weight:bold;color:${tone.fg};">${e(t.value)}</td></tr>` +
        `<tr><td style="${FONT}padding:0 12px 12px 12px;font-size:13px;line-height:18px;color:${MUTED};">${e(t.label)}</td></tr>`,
    )}</td>`;
  };
  const rows = [model.tiles.slice(0, 3), model.tiles.slice(3, 6)];
  return table('', rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join(''));
}

function facts(model: ReportModel): string {
  const rows = model.facts
    .map(
      (f) =>
        `<tr><td width="38%" valign="top" style="${FONT}padding:7px 12px 7px 0;border-bottom:1px solid ${LINE};font-size:13px;color:${MUTED};">${e(f.label)}</td>` +
        `<td valign="top" style="${FONT}padding:7px 0;border-bottom:1px solid ${LINE};font-size:14px;color:${INK};word-break:break-word;">${e(f.value)}</td></tr>`,
    )
    .join('');
  return table('', rows);
}

function section(sec: ReportSection, model: ReportModel): string {
  const tone = TONES[sec.tone];
  const c = model.strings.columns;
  const withDetail = sec.rows.some((r) => r.detail !== '');
  const th = (text: string, width?: string) =>
    `<th align="left"${width ? ` width="${width}"` : ''} style="${FONT}background-color:#f8fafc;border-bottom:1px solid ${LINE};font-size:12px;color:${MUTED};">${e(text)}</th>`;
  // Lean cells, padded by the table's cellpadding: many rows must fit in Gmail's ~100 KB. A long name or
  // email wraps anywhere instead of widening a phone screen; group and details wrap between words.
  const td = (html: string, wrapAnywhere = false) =>
    `<td valign="top" style="${FONT}font-size:13px;border-bottom:1px solid ${LINE};${wrapAnywhere ? 'word-break:break-word;' : ''}">${html}</td>`;
  const line = c.line.toLowerCase();
  const body = sec.rows
    .map(
      (r) =>
        `<tr>${td(`<b>${e(r.name)}</b><br><span style="color:${MUTED};">${emailHtml(r)} · ${e(line)} ${r.line}${r.barsyRef ? ` · ${e(r.barsyRef)}` : ''}</span>`, true)}` +
        td(e(r.group || '—')) +
        (withDetail ? td(e(r.detail)) : '') +
        '</tr>',
    )
    .join('');
  // Same column widths in every section, so the lists line up as one document.
  const head = withDetail ? `<tr>${th(c.name, '40%')}${th(c.group, '20%')}${th(c.details)}</tr>` : `<tr>${th(c.name, '65%')}${th(c.group)}</tr>`;
  const badge = `<span style="display:inline-block;margin-left:6px;padding:1px 8px;border-radius:10px;background-color:${tone.bar};color:#ffffff;font-size:12px;font-weight:bold;vertical-align:2px;">${e(String(sec.total))}</span>`;
  return (
    `<tr><td style="padding:26px 28px 0 28px;">` +
    table('', `<tr><td style="${FONT}border-left:4px solid ${tone.bar};padding:2px 0 2px 10px;font-size:17px;font-weight:bold;color:${INK};">${e(sec.title)}${badge}</td></tr>`) +
    (sec.hint ? `<p style="${FONT}margin:8px 0 10px 0;font-size:13px;line-height:19px;color:${MUTED};">${e(sec.hint)}</p>` : '<div style="height:10px;"></div>') +
    table(`border:1px solid ${LINE};color:${INK};line-height:18px;`, head + body, 8) +
    (sec.more ? `<p style="${FONT}margin:8px 0 0 0;font-size:13px;font-style:italic;color:${MUTED};">${e(sec.more)}</p>` : '') +
    `</td></tr>`
  );
}

/** The report as one self-contained HTML page: table layout, inline styles, no scripts or external assets. */
export function renderReportHtml(model: ReportModel): string {
  const banner = TONES[model.banner.tone];
  const header =
    `<tr><td style="${FONT}background-color:#1e293b;padding:22px 28px;">` +
    `<div style="font-size:12px;letter-spacing:1px;font-weight:bold;color:#5eead4;">${e(model.strings.product.toUpperCase())}</div>` +
    `<div style="font-size:22px;line-height:28px;font-weight:bold;color:#ffffff;margin-top:6px;">${e(model.title)}</div>` +
    `<div style="font-size:14px;color:#cbd5e1;margin-top:4px;">${e(model.facts[0]?.value ?? '')} · ${e(model.facts[3]?.value ?? '')}</div>` +
    `</td></tr>`;
  const bannerRow =
    `<tr><td style="padding:22px 28px 4px 28px;">` +
    table('', `<tr><td style="${FONT}background-color:${banner.bg};border-left:4px solid ${banner.bar};padding:12px 16px;font-size:15px;line-height:21px;font-weight:bold;color:${banner.fg};">${e(model.banner.text)}</td></tr>`) +
    `</td></tr>`;
  const totals =
    `<tr><td style="${FONT}padding:8px 28px 0 28px;font-size:14px;color:${INK};">` +
    model.totals.map((t) => `${e(t.label)}: <b>${e(t.value)}</b>`).join(' &nbsp;·&nbsp; ') +
    `<div style="margin-top:4px;font-size:12px;line-height:17px;color:${MUTED};">${e(model.strings.check)}: ` +
    `<span style="white-space:nowrap;font-weight:bold;color:${INK};">${e(model.equation)}</span> (${e(model.strings.equation)})</div></td></tr>`;
  const card =
    header +
    bannerRow +
    `<tr><td style="padding:10px 23px 0 23px;">${tiles(model)}</td></tr>` +
    totals +
    `<tr><td style="padding:18px 28px 0 28px;">${facts(model)}</td></tr>` +
    model.sections.map((s) => section(s, model)).join('') +
    `<tr><td style="${FONT}padding:26px 28px 0 28px;"></td></tr>` +
    `<tr><td style="${FONT}padding:16px 28px;background-color:#f8fafc;border-top:1px solid ${LINE};font-size:13px;line-height:19px;color:${MUTED};">${e(model.note)}</td></tr>`;
  return (
    `<!DOCTYPE html><html lang="${model.lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light">` +
    `<title>${e(model.title)}</title></head>` +
    `<body style="margin:0;padding:0;background-color:#eef1f4;">` +
    // Preheader: the line mail clients show next to the subject in the inbox list.
    `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${e(model.banner.text)} ${e(model.equation)}</div>` +
    table(
      'background-color:#eef1f4;',
      `<tr><td align="center" style="padding:24px 6px;">` +
        `<!--[if mso]><table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->` +
        table(`max-width:640px;background-color:#ffffff;border:1px solid #d8dee6;`, card) +
        `<!--[if mso]></td></tr></table><![endif]-->` +
        `<p style="${FONT}margin:14px 0 0 0;font-size:12px;color:#64748b;">${e(model.footer)}</p>` +
        `</td></tr>`,
    ) +
    `</body></html>`
  );
}
