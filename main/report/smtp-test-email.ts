import type { AppContext } from '../context/app-context.js';
import { escapeHtml } from './render-html.js';
import { uiLanguage } from '../settings/ui-language.js';
import { reportStrings } from './report-strings.js';
import { readSmtpConfig } from './smtp-config.js';
import { sendMail } from './smtp-send.js';

/**
 * "Send test email": sends a short message with the saved SMTP settings to `to`, else the report
 * address, else the sender itself. Throws the classified failure (`smtp_auth`, `smtp_connection`, …).
 */
export async function sendTestEmail(ctx: AppContext, to?: string): Promise<{ to: string }> {
  const config = readSmtpConfig(ctx.settings);
  const recipient = to?.trim() || ctx.settings.get('report.email')?.trim() || config.from;
  const s = reportStrings(uiLanguage(ctx.settings));
  const details = `SMTP: ${config.host}:${config.port} (${config.secure ? 'SSL/TLS' : 'STARTTLS'})`;
  await sendMail(config, {
    to: recipient,
    subject: s.testSubject,
    text: `${s.testBody}\n\n${details}\n`,
    html:
      `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;">` +
      `<p style="font-size:15px;color:#0f172a;">${escapeHtml(s.testBody)}</p>` +
      `<p style="font-size:13px;color:#475569;">${escapeHtml(details)}</p></body></html>`,
  });
  return { to: recipient };
}
