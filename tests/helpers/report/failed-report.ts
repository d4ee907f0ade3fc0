import type { AppContext } from '../../../main/context/app-context.js';
import { recordAttempt } from '../../../main/runs/run-reports-store.js';
import type { SettingKey } from '../../../shared/domain/settings.js';
import { storeRun } from './stored-run.js';
import { mixedRun } from './synthetic-run.js';

export const SMTP_USER = 'shop@example.bg';
export const SMTP_PASS = 'correct-horse-battery';
export const REPORT_TO = 'owner@example.bg';

/** Points the report email at a test SMTP server on 127.0.0.1 (plain, login required). */
export function configureSmtp(ctx: AppContext, port: number, over: Partial<Record<SettingKey, string>> = {}): void {
  const values: Partial<Record<SettingKey, string>> = {
    'smtp.host': '127.0.0.1',
    'smtp.port': String(port),
    'smtp.secure': 'false',
    // The test server offers no STARTTLS (no certificate needed): the "no encryption" choice of an in-house relay.
    'smtp.noEncryption': 'true',
    'smtp.user': SMTP_USER,
    'smtp.pass': SMTP_PASS,
    'smtp.from': SMTP_USER,
    'report.email': REPORT_TO,
    ...over,
  };
  for (const [k, v] of Object.entries(values)) ctx.settings.set(k as SettingKey, v);
}

/** A completed run whose report email failed once and whose automatic retry time has already come. */
export function storeRunWithDueReport(ctx: AppContext): number {
  const runId = storeRun(ctx.db, mixedRun());
  const at = new Date(Date.now() - 10 * 60_000);
  recordAttempt(ctx.db, runId, { to: REPORT_TO, ok: false, error: { code: 'smtp_connection', params: { host: '127.0.0.1', port: 1 } }, at, nextRetryAt: new Date(at.getTime() + 60_000) });
  return runId;
}
