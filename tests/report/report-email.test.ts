import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { sendRunReport } from '../../main/report/send-run-report.js';
import { retryPendingReports } from '../../main/report/retry-pending-reports.js';
import { MAX_AUTO_ATTEMPTS } from '../../main/report/report-delivery.js';
import { getReportEmailStatus } from '../../main/runs/report-email-status.js';
import { getRunReport } from '../../main/runs/run-reports-store.js';
import { loadRunSummary } from '../../main/runs/load-run.js';
import type { SettingKey } from '../../shared/domain/settings.js';
import { configureSmtp, SMTP_PASS, SMTP_USER } from '../helpers/report/failed-report.js';
import { closedSmtpPort, startTestSmtpServer, type TestSmtpServer } from '../helpers/report/smtp-test-server.js';
import { mixedRun } from '../helpers/report/synthetic-run.js';
import { storeRun } from '../helpers/report/stored-run.js';

const USER = SMTP_USER;
const PASS = SMTP_PASS;
let app: TempApp;
let smtp: TestSmtpServer | undefined;

const configure = (port: number, over: Partial<Record<SettingKey, string>> = {}): void => configureSmtp(app.ctx, port, over);

const deadPort = closedSmtpPort;

beforeEach(() => {
  app = createTempApp('barsy-report-');
});
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  await app.cleanup();
});

describe('report email through a real SMTP server', () => {
  it('delivers subject, recipients, both parts and the CSV attachment, and records it as sent', async () => {
    smtp = await startTestSmtpServer({ user: USER, pass: PASS });
    configure(smtp.port);
    const data = mixedRun();
    const runId = storeRun(app.ctx.db, data);
    await sendRunReport(app.ctx, runId);

    const [msg] = await smtp.waitFor(1);
    const mail = msg!.mail;
    expect(msg!.envelopeTo).toEqual(['owner@example.bg']);
    expect(mail.subject).toBe(`Синхронизация с Mailchimp „Клиенти на „Кафе Витоша““: 16 клиента — нови 1, обновени 2, неуспешни 2`);
    expect(mail.from?.value[0]?.address).toBe(USER);
    expect(mail.text).toContain(`Отчет за синхронизация № ${runId}`);
    expect(mail.text).toContain('Проверка: 16 = 1 + 2 + 1 + 7 + 3 + 2');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toMatch(/<script/i);

    expect(mail.attachments).toHaveLength(1);
    const att = mail.attachments[0]!;
    expect(att.filename).toMatch(new RegExp(`^barsy-mailchimp-run-${runId}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(att.contentType).toBe('text/csv');
    expect([...att.content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = att.content.toString('utf8').slice(1);
    const rows = Papa.parse<string[]>(csv, { delimiter: ';', skipEmptyLines: true }).data;
    expect(rows).toHaveLength(data.items.length + 1);
    expect(rows.slice(1).map((r) => r[4])).toEqual(data.items.map((i) => i.email));
    expect(rows.find((r) => r[0] === '2')?.[3]).toBe('Иван Петров');
    expect(rows.find((r) => r[0] === '15')?.[3]).toBe(`'=HYPERLINK("http://evil.example","клик")`);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const status = getReportEmailStatus(app.ctx.db, runId);
    expect(status).toMatchObject({ status: 'sent', to: 'owner@example.bg', error: null });
    expect(loadRunSummary(app.ctx.db, runId).reportEmail.status).toBe('sent');
  });

  it('writes the email in English when the UI language is English', async () => {
    smtp = await startTestSmtpServer({ user: USER, pass: PASS });
    configure(smtp.port, { 'ui.language': 'en' });
    const runId = storeRun(app.ctx.db, mixedRun());
    await sendRunReport(app.ctx, runId);
    const [msg] = await smtp.waitFor(1);
    expect(msg!.mail.subject).toBe('Sync with Mailchimp "Клиенти на „Кафе Витоша“": 16 clients — 1 added, 2 updated, 2 failed');
    expect(msg!.mail.text).toContain('FAILED (2)');
    expect(msg!.mail.attachments[0]!.content.toString('utf8')).toContain('Line;Barsy ID;Code;Client;Email;Corrected email;Group;Result');
  });

  it('records a wrong password as smtp_auth without throwing, and "send test email" says so', async () => {
    smtp = await startTestSmtpServer({ user: USER, pass: PASS });
    configure(smtp.port, { 'smtp.pass': 'wrong-password' });
    const runId = storeRun(app.ctx.db, mixedRun());
    await expect(sendRunReport(app.ctx, runId)).resolves.toBeUndefined();
    expect(getReportEmailStatus(app.ctx.db, runId)).toMatchObject({ status: 'failed', error: { code: 'smtp_auth' } });
    expect(await app.dispatch('smtp:test', {})).toEqual({ ok: false, error: { code: 'smtp_auth', params: {} } });
    expect(smtp.received).toHaveLength(0);
  });

  it('records a server that is down, then a later retry delivers it once the server is up', async () => {
    const port = await deadPort();
    configure(port);
    const runId = storeRun(app.ctx.db, mixedRun());
    await sendRunReport(app.ctx, runId);
    const failed = getRunReport(app.ctx.db, runId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'smtp_connection', params: { host: '127.0.0.1', port } } });
    expect(Date.parse(failed!.nextRetryAt!)).toBeGreaterThan(Date.now());
    // The run itself is complete whatever happened to its email.
    expect(loadRunSummary(app.ctx.db, runId)).toMatchObject({ status: 'completed', reportEmail: { status: 'failed' } });

    // Not yet due: nothing is tried.
    expect(await retryPendingReports(app.ctx)).toEqual({ tried: 0, sent: 0, failed: 0 });
    smtp = await startTestSmtpServer({ user: USER, pass: PASS, port });
    const later = new Date(Date.now() + 2 * 60_000);
    expect(await retryPendingReports(app.ctx, { now: later })).toEqual({ tried: 1, sent: 1, failed: 0 });
    await smtp.waitFor(1);
    expect(getRunReport(app.ctx.db, runId)).toMatchObject({ status: 'sent', attempts: 2, error: null, nextRetryAt: null });
    expect(await retryPendingReports(app.ctx, { now: later })).toEqual({ tried: 0, sent: 0, failed: 0 });
  });

  it('"send again" (report:resend) delivers a failed report at once and returns the run with its new status', async () => {
    const port = await deadPort();
    configure(port);
    const runId = storeRun(app.ctx.db, mixedRun());
    await sendRunReport(app.ctx, runId);
    const again = await app.dispatch('report:resend', { runId });
    expect(again).toMatchObject({ ok: true, value: { runId, reportEmail: { status: 'failed', error: { code: 'smtp_connection' } } } });
    smtp = await startTestSmtpServer({ user: USER, pass: PASS, port });
    const res = await app.dispatch('report:resend', { runId });
    expect(res).toMatchObject({ ok: true, value: { runId, status: 'completed', reportEmail: { status: 'sent', to: 'owner@example.bg', error: null } } });
    await smtp.waitFor(1);
    expect(getRunReport(app.ctx.db, runId)?.attempts).toBe(3);
    expect(await app.dispatch('report:resend', { runId: 999 })).toEqual({ ok: false, error: { code: 'run_not_found', params: { runId: 999 } } });
  });

  it('gives smtp_tls for SSL/TLS switched on against a plain port', async () => {
    smtp = await startTestSmtpServer({ user: USER, pass: PASS });
    configure(smtp.port, { 'smtp.secure': 'true' });
    expect(await app.dispatch('smtp:test', {})).toEqual({ ok: false, error: { code: 'smtp_tls', params: {} } });
  });

  it('sends the test email to the address asked for, else to the report address', async () => {
    smtp = await startTestSmtpServer({ user: USER, pass: PASS });
    configure(smtp.port);
    expect(await app.dispatch('smtp:test', { to: 'someone@example.bg' })).toEqual({ ok: true, value: { ok: true } });
    expect(await app.dispatch('smtp:test', {})).toEqual({ ok: true, value: { ok: true } });
    const got = await smtp.waitFor(2);
    expect(got.map((m) => m.envelopeTo[0])).toEqual(['someone@example.bg', 'owner@example.bg']);
    expect(got[0]!.mail.subject).toBe('Тестов имейл от Barsy → Mailchimp');
    expect(got[0]!.mail.text).toContain(`SMTP: 127.0.0.1:${smtp.port} (STARTTLS)`);
  });

  it('records smtp_not_configured when no mail server is set, and the missing address when there is none', async () => {
    app.ctx.settings.set('report.email', 'owner@example.bg');
    const runId = storeRun(app.ctx.db, mixedRun());
    await sendRunReport(app.ctx, runId);
    expect(getReportEmailStatus(app.ctx.db, runId)).toMatchObject({ status: 'failed', error: { code: 'smtp_not_configured' } });
    expect(await app.dispatch('smtp:test', {})).toEqual({ ok: false, error: { code: 'smtp_not_configured', params: {} } });
    app.ctx.settings.set('report.email', '');
    const second = storeRun(app.ctx.db, mixedRun());
    await sendRunReport(app.ctx, second);
    expect(getReportEmailStatus(app.ctx.db, second)).toMatchObject({ status: 'failed', to: null, error: { code: 'report_email_missing' } });
  });
});

describe('backlog of failed reports', () => {
  it('sends earlier failed reports as soon as a later run\u2019s report goes through, and stops retrying at the cap', async () => {
    const port = await deadPort();
    configure(port);
    const first = storeRun(app.ctx.db, mixedRun());
    await sendRunReport(app.ctx, first);
    expect(getRunReport(app.ctx.db, first)?.status).toBe('failed');

    smtp = await startTestSmtpServer({ user: USER, pass: PASS, port });
    const second = storeRun(app.ctx.db, mixedRun());
    await sendRunReport(app.ctx, second);
    const got = await smtp.waitFor(2);
    expect(got.map((m) => m.mail.text?.match(/№ (\d+)/)?.[1]).sort()).toEqual([String(first), String(second)].sort());
    expect(getRunReport(app.ctx.db, first)).toMatchObject({ status: 'sent', attempts: 2 });

    // A report that keeps failing is retried automatically at most MAX_AUTO_ATTEMPTS times in all.
    await smtp.close();
    smtp = undefined;
    const third = storeRun(app.ctx.db, mixedRun());
    await sendRunReport(app.ctx, third);
    const far = new Date(Date.now() + 365 * 24 * 3600_000);
    for (let i = 0; i < 6; i += 1) await retryPendingReports(app.ctx, { now: far });
    expect(getRunReport(app.ctx.db, third)).toMatchObject({ status: 'failed', attempts: MAX_AUTO_ATTEMPTS, nextRetryAt: null });
  });
});
