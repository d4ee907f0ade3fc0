import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunItem } from '../../shared/domain/sync.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { renderRunReport, renderStoredReport, storedReportCsv, writeStoredReportCsv } from '../../main/report/report-document.js';
import { sendRunReport } from '../../main/report/send-run-report.js';
import { getRunReport } from '../../main/runs/run-reports-store.js';
import { everySectionRun, item, mixedRun, runOf } from '../helpers/report/synthetic-run.js';
import { storeRun } from '../helpers/report/stored-run.js';
import { configureSmtp, SMTP_PASS, SMTP_USER } from '../helpers/report/failed-report.js';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/report/smtp-test-server.js';

/*
 * A stored run's report is read in passes over its rows in SQLite (counts, then the first rows of
 * each list) and its CSV streamed, never every row in memory. It must be exactly the report the
 * same run renders from its rows held in memory: same numbers, same rows shown, same CSV.
 */
let app: TempApp;
let smtp: TestSmtpServer | undefined;

beforeEach(() => {
  app = createTempApp('barsy-report-paged-');
});
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  await app.cleanup();
});

const opts = (context: 'email' | 'export', lang: 'bg' | 'en' = 'bg') => ({ lang, version: '0.1.0', context });

describe('the report of a stored run, read in passes', () => {
  it.each([
    ['every list long', () => everySectionRun(70)],
    ['every kind of line', mixedRun],
  ])('renders the same email, export and CSV as the run held in memory (%s)', (_name, make) => {
    const data = make();
    const runId = storeRun(app.ctx.db, data);
    // The stored run's own summary (its times, its id), with the rows held in memory.
    const memory = { ...data, summary: renderStoredReport(app.ctx.db, runId, opts('email')).digest.summary };
    for (const context of ['email', 'export'] as const) {
      for (const lang of ['bg', 'en'] as const) {
        const stored = renderStoredReport(app.ctx.db, runId, opts(context, lang));
        const held = renderRunReport(memory, opts(context, lang));
        expect(stored.subject).toBe(held.subject);
        expect(stored.text).toBe(held.text);
        expect(stored.html).toBe(held.html);
      }
    }
    expect(storedReportCsv(app.ctx.db, runId, 'bg')).toBe(renderRunReport(memory, opts('email')).csv);
  });

  it('shows the first rows of each list by line even when client ids do not follow the lines, and caps them', () => {
    // 130 failed clients whose ids run backwards against their lines, plus one created.
    const items: RunItem[] = Array.from({ length: 130 }, (_, k) => item(k + 2, { clientId: 1000 - k, outcome: 'failed', error: { code: 'internal', params: {} } }));
    items.push(item(200, { clientId: 5000, outcome: 'created' }));
    const runId = storeRun(app.ctx.db, runOf(items));
    const { digest, text } = renderStoredReport(app.ctx.db, runId, opts('email', 'en'));
    const failed = digest.sections.get('failed')!;
    expect(failed.total).toBe(130);
    expect(failed.items.map((i) => i.line)).toEqual(Array.from({ length: 50 }, (_, k) => k + 2));
    expect(digest.listed).toMatchObject({ failed: 130, created: 1, none: 0, all: 131 });
    expect(text).toContain('…and 80 more');
    const csvLines = storedReportCsv(app.ctx.db, runId, 'en').trim().split('\r\n');
    expect(csvLines.slice(1).map((l) => Number(l.split(';')[0]))).toEqual([...items.map((i) => i.line)]);
  });

  it('writes the CSV to a new private file, and never over an existing one', () => {
    const runId = storeRun(app.ctx.db, mixedRun());
    const file = path.join(app.dir, 'list.csv');
    expect(writeStoredReportCsv(app.ctx.db, runId, 'bg', file)).toBe(16);
    expect(fs.readFileSync(file, 'utf8')).toBe(storedReportCsv(app.ctx.db, runId, 'bg'));
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(() => writeStoredReportCsv(app.ctx.db, runId, 'bg', file)).toThrow();
  });

  it('refuses a stored run whose counts do not match its rows, and sends no email for it', async () => {
    smtp = await startTestSmtpServer({ user: SMTP_USER, pass: SMTP_PASS });
    configureSmtp(app.ctx, smtp.port);
    const runId = storeRun(app.ctx.db, mixedRun());
    renderStoredReport(app.ctx.db, runId, opts('email'));
    // A row changed behind the stored counts (an engine bug): the numbers would no longer add up.
    app.ctx.db.prepare("UPDATE run_items SET outcome = 'created' WHERE run_id = ? AND outcome = 'failed'").run(runId);
    expect(() => renderStoredReport(app.ctx.db, runId, opts('email'))).toThrow(/counts do not add up/);
    await sendRunReport(app.ctx, runId);
    expect(getRunReport(app.ctx.db, runId)?.status).toBe('failed');
    expect(smtp.received).toHaveLength(0);
  });

  it('sends the CSV from a temporary file and removes it afterwards', async () => {
    smtp = await startTestSmtpServer({ user: SMTP_USER, pass: SMTP_PASS });
    configureSmtp(app.ctx, smtp.port);
    // A temporary folder of this test's own, so other tests' files do not count.
    const tmp = path.join(app.dir, 'tmp');
    fs.mkdirSync(tmp);
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      expect(os.tmpdir()).toBe(tmp);
      const runId = storeRun(app.ctx.db, everySectionRun(70));
      await sendRunReport(app.ctx, runId);
      const [msg] = await smtp.waitFor(1);
      const csv = msg!.mail.attachments[0]!.content.toString('utf8');
      expect(csv).toBe(storedReportCsv(app.ctx.db, runId, 'bg'));
      expect(getRunReport(app.ctx.db, runId)?.status).toBe('sent');
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });
});
