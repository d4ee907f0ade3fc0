import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { markedEmailText } from '../../shared/domain/email-marks.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { startSimulator, type SimulatorHandle } from '../../main/mailchimp-simulator/index.js';
import { samplePath } from '../../main/import/samples.js';
import { getReportEmailStatus } from '../../main/runs/report-email-status.js';
import type { RunItem, RunSummary } from '../../shared/domain/sync.js';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/report/smtp-test-server.js';

const SAMPLE = samplePath('clients-cp1251.csv');
const OUTPUT = path.resolve(__dirname, '../output');
const BIN = path.resolve(__dirname, '../../bin/barsy-sync.mjs');
const run = promisify(execFile);
const USER = 'shop@example.bg';
const PASS = 'e2e-mailbox-password';

let app: TempApp;
let sim: SimulatorHandle;
let smtp: TestSmtpServer;

beforeEach(async () => {
  app = createTempApp('barsy-report-e2e-');
  sim = await startSimulator({ seed: 5 });
  smtp = await startTestSmtpServer({ user: USER, pass: PASS });
});
afterEach(async () => {
  await smtp.close();
  await sim.close();
  await app.cleanup();
});

/** Calls a channel and fails the test with the error if it does not succeed. */
async function call<T>(channel: string, request: unknown): Promise<T> {
  const res = await app.dispatch(channel, request);
  if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

async function waitUntil(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Points the app at the simulator and the test mail server, with the owner's report address. */
async function configure(): Promise<void> {
  const settings: Array<[string, string]> = [
    ['mailchimp.apiKey', sim.apiKey],
    ['mailchimp.listId', sim.listId],
    ['mailchimp.baseUrl', sim.baseUrl],
    ['report.email', 'owner@example.bg'],
    ['smtp.host', '127.0.0.1'],
    ['smtp.port', String(smtp.port)],
    ['smtp.secure', 'false'],
    ['smtp.noEncryption', 'true'],
    ['smtp.user', USER],
    ['smtp.pass', PASS],
  ];
  for (const [key, value] of settings) await call('settings:set', { key, value });
}

/** Runs the real CLI in a child process on the test database. */
async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, '--db', app.ctx.dbPath, ...args], { encoding: 'utf8' });
  return stdout;
}

describe('done when: a sync against the simulator emails its report', () => {
  it('sends an email whose numbers match the run and whose CSV lists every imported client exactly once', async () => {
    await configure();

    const imported = await call<{ clients: number }>('import:run', { path: SAMPLE });
    await call('mapping:auto', {});
    const clients = await call<{ total: number; items: Array<{ line: number; email: string; name: string; barsyId: string; code: string; emailSuggestion: string | null }> }>('clients:list', { limit: 1000 });
    expect(clients.total).toBe(imported.clients);

    const finished = new Promise<RunSummary>((resolve) => {
      const off = app.ctx.events.on('sync:finished', (s) => {
        off();
        resolve(s);
      });
    });
    const { runId } = await call<{ runId: number }>('sync:start', { dryRun: false });
    const ended = await finished;
    expect(ended).toMatchObject({ runId, status: 'completed' });
    const [msg] = await smtp.waitFor(1, 20_000);
    await waitUntil(() => getReportEmailStatus(app.ctx.db, runId).status === 'sent', 'the email status');

    const run = await call<{ summary: RunSummary; total: number; items: RunItem[] }>('runs:get', { runId, limit: 1000 });
    const c = run.summary.counts;
    expect(run.summary.reportEmail).toMatchObject({ status: 'sent', to: 'owner@example.bg', error: null });
    expect(c.clients).toBe(imported.clients);
    expect(c.created + c.updated + c.unchanged + c.skipped + c.keptStatus + c.failed).toBe(c.clients);
    expect(c.created).toBeGreaterThan(0);

    // The email: to the owner, its numbers those of the run.
    const mail = msg!.mail;
    expect(msg!.envelopeTo).toEqual(['owner@example.bg']);
    expect(mail.subject).toBe(
      `Синхронизация с Mailchimp „${run.summary.audienceName}“: ${c.clients} клиента — нови ${c.created}, обновени ${c.updated}, неуспешни ${c.failed}`,
    );
    expect(mail.text).toContain(`Отчет за синхронизация № ${runId}`);
    expect(mail.text).toContain(`Проверка: ${c.clients} = ${c.created} + ${c.updated} + ${c.unchanged} + ${c.skipped} + ${c.keptStatus} + ${c.failed}`);
    expect(mail.text).toContain(`Файл от Barsy: ${path.basename(SAMPLE)}`);
    expect(mail.html).toContain(`${c.clients} = ${c.created} + ${c.updated}`);
    // Kept for a look (tests/output/ is not committed): the email exactly as received.
    fs.mkdirSync(OUTPUT, { recursive: true });
    fs.writeFileSync(path.join(OUTPUT, 'report-e2e-email.html'), String(mail.html));
    fs.writeFileSync(path.join(OUTPUT, 'report-e2e-email.txt'), mail.text ?? '');

    // The attachment: every client of the import exactly once, with the run's outcome for each.
    const att = mail.attachments.find((a) => a.filename?.endsWith('.csv'));
    expect(att).toBeDefined();
    const text = att!.content.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(text.slice(1), { delimiter: ';', skipEmptyLines: true }).data.slice(1);
    expect(rows).toHaveLength(clients.total);
    const lines = rows.map((r) => Number(r[0]));
    expect(new Set(lines).size).toBe(lines.length);
    expect([...lines].sort((a, b) => a - b)).toEqual(clients.items.map((i) => i.line).sort((a, b) => a - b));
    const byLine = new Map(clients.items.map((i) => [i.line, i]));
    for (const r of rows) {
      const client = byLine.get(Number(r[0]))!;
      // A refused look-alike email shows its suspect letters marked (and the correction in the next column).
      expect(r[4]).toBe(markedEmailText(client.email, client.emailSuggestion).replace(/^([=+\-@\t\r])/, "'$1"));
      expect([r[1], r[2]]).toEqual([client.barsyId, client.code]);
    }
    expect(text).toContain('Иван Петров');
    const labels: Record<string, keyof typeof c> = {
      добавен: 'created',
      обновен: 'updated',
      'без промяна': 'unchanged',
      пропуснат: 'skipped',
      'запазен статус': 'keptStatus',
      неуспешен: 'failed',
    };
    const perOutcome = { created: 0, updated: 0, unchanged: 0, skipped: 0, keptStatus: 0, failed: 0 } as Record<string, number>;
    for (const r of rows) perOutcome[labels[r[7]!]!] = (perOutcome[labels[r[7]!]!] ?? 0) + 1;
    expect(perOutcome).toEqual({ created: c.created, updated: c.updated, unchanged: c.unchanged, skipped: c.skipped, keptStatus: c.keptStatus, failed: c.failed });
  });

  it('works the same from the CLI: the email is out before `sync` exits, and `report --json` matches it', async () => {
    await configure();
    await cli('import', SAMPLE);
    await cli('map', 'auto');
    const synced = JSON.parse(await cli('sync', '--json')) as { runId: number; status: string; counts: RunSummary['counts'] };
    expect(synced.status).toBe('completed');
    // No waiting: the CLI process sent the email before it exited.
    expect(smtp.received).toHaveLength(1);
    const c = synced.counts;
    expect(smtp.received[0]!.mail.subject).toContain(`${c.clients} клиента — нови ${c.created}, обновени ${c.updated}, неуспешни ${c.failed}`);

    const report = JSON.parse(await cli('report', String(synced.runId), '--json')) as { summary: RunSummary; items: RunItem[] };
    expect(report.summary.counts).toEqual(c);
    expect(report.summary.reportEmail.status).toBe('sent');
    const csv = smtp.received[0]!.mail.attachments[0]!.content.toString('utf8').slice(1);
    const lines = Papa.parse<string[]>(csv, { delimiter: ';', skipEmptyLines: true }).data.slice(1).map((r) => Number(r[0]));
    expect(lines).toEqual(report.items.map((i) => i.line));
  });
});
