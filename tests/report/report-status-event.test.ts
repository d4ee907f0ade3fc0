import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retryPendingReports } from '../../main/report/retry-pending-reports.js';
import { getRunReport } from '../../main/runs/run-reports-store.js';
import { sendRunReport } from '../../main/report/send-run-report.js';
import { afterRun } from '../../main/report/after-run.js';
import { loadRunSummary } from '../../main/runs/load-run.js';
import type { EventOf } from '../../shared/ipc-contract.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { configureSmtp, REPORT_TO, SMTP_PASS, SMTP_USER, storeRunWithDueReport } from '../helpers/report/failed-report.js';
import { closedSmtpPort, startTestSmtpServer, type TestSmtpServer } from '../helpers/report/smtp-test-server.js';
import { storeRun } from '../helpers/report/stored-run.js';
import { mixedRun } from '../helpers/report/synthetic-run.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/barsy-sync.mjs');
const run = promisify(execFile);

let app: TempApp;
let smtp: TestSmtpServer | undefined;
let seen: Array<EventOf<'report:status'>>;

beforeEach(() => {
  app = createTempApp('barsy-report-status-');
  seen = [];
  app.ctx.events.on('report:status', (e) => seen.push(e));
});
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  await app.cleanup();
});

describe('report:status event', () => {
  it('follows every send attempt: after the run (failed), a retry, "send again" (sent)', async () => {
    const port = await closedSmtpPort();
    configureSmtp(app.ctx, port);
    const runId = storeRun(app.ctx.db, mixedRun());

    await sendRunReport(app.ctx, runId);
    expect(seen).toEqual([{ runId, reportEmail: expect.objectContaining({ status: 'failed', to: REPORT_TO, error: expect.objectContaining({ code: 'smtp_connection' }) }) }]);

    await retryPendingReports(app.ctx, { evenIfNotDue: true });
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({ runId, reportEmail: { status: 'failed' } });

    smtp = await startTestSmtpServer({ user: SMTP_USER, pass: SMTP_PASS, port });
    const res = await app.dispatch('report:resend', { runId });
    expect(res.ok).toBe(true);
    expect(seen).toHaveLength(3);
    // The event carries exactly what the run's summary now says.
    expect(seen[2]).toEqual({ runId, reportEmail: loadRunSummary(app.ctx.db, runId).reportEmail });
    expect(seen[2]!.reportEmail).toMatchObject({ status: 'sent', to: REPORT_TO, error: null });
  });

  it('is sent when a run needs no email (dry run), so a screen waiting for it can stop waiting', async () => {
    const data = mixedRun();
    const runId = storeRun(app.ctx.db, { ...data, summary: { ...data.summary, dryRun: true } });
    await afterRun(app.ctx, loadRunSummary(app.ctx.db, runId), { demo: false });
    expect(seen).toEqual([{ runId, reportEmail: { status: 'not_required', to: null, sentAt: null, error: null } }]);
  });
});

describe('automatic retry at start-up', () => {
  it('`barsy-sync sync` re-sends due failed reports before the run, even when the run itself cannot start', async () => {
    smtp = await startTestSmtpServer({ user: SMTP_USER, pass: SMTP_PASS });
    configureSmtp(app.ctx, smtp.port);
    const due = storeRunWithDueReport(app.ctx);

    // No audience is configured: the sync refuses to start, the retry still goes out and is awaited.
    const res = await run(process.execPath, [BIN, '--lang', 'en', 'sync', '--json', '--db', app.ctx.dbPath], { encoding: 'utf8' }).then(
      () => ({ code: 0 }),
      (err: { code: number }) => ({ code: err.code }),
    );
    expect(res.code).toBe(1);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.envelopeTo).toEqual([REPORT_TO]);
    expect(mail!.mail.text).toContain(`№ ${due}`);
    expect(getRunReport(app.ctx.db, due)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
