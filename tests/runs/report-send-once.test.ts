import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReportRetryTimer } from '../../main/report/retry-pending-reports.js';
import { getRunReport } from '../../main/runs/run-reports-store.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { configureSmtp, SMTP_PASS, SMTP_USER, storeRunWithDueReport } from '../helpers/report/failed-report.js';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/report/smtp-test-server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let app: TempApp;
let smtp: TestSmtpServer;
beforeEach(async () => {
  app = createTempApp('barsy-report-once-');
  smtp = await startTestSmtpServer({ user: SMTP_USER, pass: SMTP_PASS });
  configureSmtp(app.ctx, smtp.port);
});
afterEach(async () => {
  await app.cleanup();
  await smtp.close();
});

/** Runs the retry in a child process that starts at `startAt` (ms since the epoch). */
function retryInChild(startAt: number): Promise<{ tried: number; sent: number; failed: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures', 'retry-reports-at.ts'), app.ctx.dbPath, String(startAt)], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as { tried: number; sent: number; failed: number }) : reject(new Error(err))));
  });
}

describe('report emails across processes', () => {
  it('two processes retrying the same due reports at the same moment send each one exactly once', async () => {
    const runIds = [storeRunWithDueReport(app.ctx), storeRunWithDueReport(app.ctx), storeRunWithDueReport(app.ctx)];
    const startAt = Date.now() + 4_000; // both children are loaded and waiting by then
    const [a, b] = await Promise.all([retryInChild(startAt), retryInChild(startAt)]);
    await new Promise((r) => setTimeout(r, 500));
    expect(a.sent + b.sent).toBe(3);
    expect(smtp.received).toHaveLength(3);
    for (const runId of runIds) {
      const row = getRunReport(app.ctx.db, runId)!;
      expect(row.status).toBe('sent');
      expect(row.attempts).toBe(2); // the failed one, then exactly one send
    }
  }, 60_000);

  it('while the app is open, a timer retries due reports without waiting for the next start', async () => {
    const runId = storeRunWithDueReport(app.ctx);
    const stop = startReportRetryTimer(app.ctx, { intervalMs: 200 });
    try {
      await smtp.waitFor(1, 10_000);
      expect(getRunReport(app.ctx.db, runId)!.status).toBe('sent');
      await new Promise((r) => setTimeout(r, 800));
      expect(smtp.received).toHaveLength(1); // sent is sent: later ticks leave it alone
    } finally {
      await stop();
    }
  }, 30_000);
});
