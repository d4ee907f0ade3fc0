import type { HandlersFor } from '../context/handler-types.js';
import { exportRunReport } from './report-export.js';
import { resendRunReport } from './resend-run-report.js';
import { listSmtpPresets } from './smtp-presets.js';
import { sendTestEmail } from './smtp-test-email.js';

/** Report and mail channels. */
export const reportHandlers: HandlersFor<'report:export' | 'report:resend' | 'smtp:presets' | 'smtp:test'> = {
  'report:export': (req, ctx) => exportRunReport(ctx, req.runId, req.format),
  'report:resend': (req, ctx) => resendRunReport(ctx, req.runId),
  'smtp:presets': () => listSmtpPresets().map(({ id, label, host, port, secure }) => ({ id, label, host, port, secure })),
  'smtp:test': async (req, ctx) => {
    await sendTestEmail(ctx, req.to);
    return { ok: true as const };
  },
};
