import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunItem } from '../../shared/domain/sync.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { attachmentTiers, ATTACHMENT_LIMITS, writeReportAttachment, type AttachmentLimits } from '../../main/report/report-attachment.js';
import { renderReportEmail, reportCap, storedReportCsv } from '../../main/report/report-document.js';
import { digestOfRun } from '../../main/report/report-digest.js';
import { firstRunItemsWhere, itemMatches, type RunItemFilter } from '../../main/runs/run-items-page.js';
import { SECTIONS } from '../../main/report/report-digest.js';
import { tallyRunItems } from '../../main/report/run-item-tally.js';
import { outcomeSchema } from '../../shared/domain/sync.js';
import { sendRunReport } from '../../main/report/send-run-report.js';
import { getRunReport } from '../../main/runs/run-reports-store.js';
import { item, mixedRun, runOf } from '../helpers/report/synthetic-run.js';
import { storeRun } from '../helpers/report/stored-run.js';
import { configureSmtp, SMTP_PASS, SMTP_USER } from '../helpers/report/failed-report.js';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/report/smtp-test-server.js';

/*
 * The CSV attached to a run's email: the full list while it is small, else the first rows by
 * importance (a 1,000,000-client list is ~120 MB: every mail provider would bounce it), with a line
 * saying how many are left out and where the full list is.
 */
let app: TempApp;
let smtp: TestSmtpServer | undefined;

beforeEach(() => {
  app = createTempApp('barsy-report-attachment-');
});
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  await app.cleanup();
});

/** Every kind of row, interleaved so importance order differs from file order; overlaps included (failed and shortened, removed and created). */
const KINDS: Array<Partial<RunItem> & Pick<RunItem, 'outcome'>> = [
  { outcome: 'created' },
  { outcome: 'unchanged' },
  { outcome: 'updated' },
  { outcome: 'skipped', reason: 'deleted' },
  { outcome: 'failed', error: { code: 'mailchimp_invalid_email', params: {} } },
  { outcome: 'created', shortened: [{ tag: 'NOTES', originalBytes: 300, sentValue: 'бележка' }] },
  { outcome: 'keptStatus', memberStatus: 'pending' },
  { outcome: null },
  { outcome: 'skipped', reason: 'invalid_email', email: 'a@b,bg' },
  { outcome: 'keptStatus', memberStatus: 'unsubscribed' },
  { outcome: 'failed', error: { code: 'internal', params: {} }, shortened: [{ tag: 'ADDRESS', originalBytes: 280, sentValue: 'ул.' }] },
  { outcome: 'created', removal: 'archived' },
  { outcome: 'skipped', reason: 'no_email', email: '' },
  { outcome: 'keptStatus', memberStatus: null },
  { outcome: 'skipped', reason: null },
];

function interleavedRun(n: number) {
  // Client ids run against the lines: the order must come from the lines, not the ids.
  const items = Array.from({ length: n }, (_, k) => item(k + 2, { clientId: 10 * n - k, ...KINDS[k % KINDS.length]! }));
  return runOf(items, { status: 'interrupted' });
}

/** Where a client stands in importance order, by the rule the lists are defined with (not by the SQL). */
function expectedOrder(items: RunItem[]): RunItem[] {
  const tiers = attachmentTiers();
  const rank = (i: RunItem) => tiers.findIndex((t) => itemMatches(t.filter, i));
  for (const i of items) expect(rank(i)).toBeGreaterThanOrEqual(0);
  return [...items].sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.clientId - b.clientId);
}

const parse = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true }).data;
const limits = (over: Partial<AttachmentLimits>): AttachmentLimits => ({ ...ATTACHMENT_LIMITS, ...over });

describe('the CSV attached to the report email', () => {
  it('is the full list, in file order, for a run within the limits', () => {
    const runId = storeRun(app.ctx.db, mixedRun());
    const digest = digestOfRun(app.ctx.db, runId, reportCap('email'));
    const att = writeReportAttachment(app.ctx.db, digest, 'bg', app.dir);
    expect(att).toMatchObject({ rows: 16, partial: null });
    expect(path.basename(att.path)).toBe(att.fileName);
    expect(att.fileName).toMatch(new RegExp(`^barsy-mailchimp-run-${runId}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(fs.readFileSync(att.path, 'utf8')).toBe(storedReportCsv(app.ctx.db, runId, 'bg'));
    if (process.platform !== 'win32') expect(fs.statSync(att.path).mode & 0o777).toBe(0o600);
  });

  it('holds a bigger run\u2019s first rows by importance — failed, kept, skipped by reason, shortened, removed, added, updated, unfinished, unchanged — each in file order', () => {
    const data = interleavedRun(300);
    const runId = storeRun(app.ctx.db, data);
    const digest = digestOfRun(app.ctx.db, runId, reportCap('email'));
    const att = writeReportAttachment(app.ctx.db, digest, 'en', app.dir, limits({ fullRows: 100, partialRows: 299 }));
    expect(att.fileName).toMatch(/-partial\.csv$/);
    expect(att.partial).toMatchObject({ shown: 299, total: 300 });
    const rows = parse(fs.readFileSync(att.path, 'utf8'));
    // The note, the column names, then the rows.
    expect(rows[0]).toHaveLength(1);
    expect(rows[1]!.slice(0, 5)).toEqual(['Line', 'Barsy ID', 'Code', 'Client', 'Email']);
    const want = expectedOrder(data.items).slice(0, 299);
    expect(rows.slice(2).map((r) => Number(r[0]))).toEqual(want.map((i) => i.line));
    // The one left out is the last unchanged client; every list but the unchanged one is whole.
    const left = expectedOrder(data.items)[299]!;
    expect(left.outcome).toBe('unchanged');
    expect(att.partial!.cut).toEqual(new Set());
  });

  it('says in its first line and in the email how many are left out and where the full list is, and which lists it cuts', () => {
    const runId = storeRun(app.ctx.db, interleavedRun(600));
    const digest = digestOfRun(app.ctx.db, runId, reportCap('email'));
    const att = writeReportAttachment(app.ctx.db, digest, 'bg', app.dir, limits({ fullRows: 100, partialRows: 90 }));
    const text = fs.readFileSync(att.path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const note = parse(text)[0]![0]!;
    expect(note).toBe(
      `Този файл съдържа 90 от 600 клиента, първо тези, които искат внимание; не са включени 510 клиента. ` +
        `Пълният списък с всички клиенти: в приложението „Отчети“ → „Синхронизация № ${runId}“ → „Експорт в CSV“, или с командата barsy-sync report ${runId} --csv --out klienti.csv`,
    );
    // The 80 failed clients (two kinds of 40) come first, then 10 of the 40 kept as unsubscribed.
    const rows = parse(text).slice(2);
    expect(rows).toHaveLength(90);
    expect(new Set(rows.slice(0, 80).map((r) => r[7]))).toEqual(new Set(['неуспешен']));
    expect(new Set(rows.slice(80).map((r) => r[8]))).toEqual(new Set(['отписан']));
    expect(att.partial!.cut.has('failed')).toBe(false);
    expect([...att.partial!.cut].sort()).toEqual(
      ['kept-unsubscribed', 'kept-pending', 'kept-other', 'skipped-invalid_email', 'skipped-no_email', 'skipped-deleted', 'skipped-other', 'shortened', 'removals', 'created', 'updated'].sort(),
    );

    const email = renderReportEmail(digest, { lang: 'bg', version: '0.1.0', context: 'email' }, att);
    expect(email.csvFileName).toBe(att.fileName);
    expect(email.text).toContain(`Синхронизацията е с 600 клиента — твърде много за един имейл, затова прикаченият файл ${att.fileName} съдържа първите 90 по важност`);
    expect(email.text).toContain('Не са включени 510 клиента.');
    expect(email.text).toContain(`barsy-sync report ${runId} --csv`);
    // A list the file holds whole still points at it; a cut one points at the app's export.
    expect(email.text).not.toContain('Пълният списък с всички клиенти и резултата за всеки е в прикачения файл');
    const failed = email.text.split('\n\n').find((part) => part.startsWith('НЕУСПЕШНИ (80)'))!;
    expect(failed).toContain('…и още 30 — вижте прикачения CSV файл.');
    const kept = email.text.split('\n\n').find((part) => part.startsWith('ЗАПАЗЕН СТАТУС: ОТПИСАН (40)'))!;
    expect(kept).toContain('…и още 30 — не всички са в прикачения файл; пълният списък е в „Експорт в CSV“ на отчета в приложението.');
    const en = renderReportEmail(digest, { lang: 'en', version: '0.1.0', context: 'email' }, att);
    expect(en.text).toContain('This sync has 600 clients — too many for one email, so the attached file');
    expect(en.text).toContain('510 clients are left out.');
  });

  it('cuts by size too: a run of few clients with long rows gets a partial list, and no half-written file is left', () => {
    const runId = storeRun(app.ctx.db, interleavedRun(60));
    const digest = digestOfRun(app.ctx.db, runId, reportCap('email'));
    const att = writeReportAttachment(app.ctx.db, digest, 'bg', app.dir, limits({ fullRows: 1000, partialRows: 1000, bytes: 6000 }));
    expect(att.partial).not.toBeNull();
    expect(att.rows).toBeLessThan(60);
    expect(att.rows).toBeGreaterThan(5);
    expect(fs.statSync(att.path).size).toBeLessThanOrEqual(6000);
    expect(fs.readdirSync(app.dir).filter((f) => f.endsWith('.csv'))).toEqual([att.fileName]);
  });
});

describe('the counts of a stored run, in one packed pass', () => {
  it('equal counting each list by its filter', () => {
    const data = interleavedRun(450);
    const runId = storeRun(app.ctx.db, data);
    const tally = tallyRunItems(app.ctx.db, runId)!;
    expect(tally.all).toBe(450);
    const filters: Record<string, RunItemFilter> = {
      ...Object.fromEntries(Object.entries(SECTIONS).filter(([id]) => id.startsWith('kept-') || id.startsWith('skipped-'))),
      ...Object.fromEntries(outcomeSchema.options.map((o) => [`o:${o}`, { outcome: o }])),
      'o:none': { outcome: null },
      's:shortened': { shortened: true },
      's:removals': { removal: true },
    };
    // The lists' own reads (each filter's rows, in SQL) …
    for (const [key, f] of Object.entries(filters)) expect([key, tally[key]]).toEqual([key, firstRunItemsWhere(app.ctx.db, runId, f, 1_000).length]);
    // And both equal the rows held in memory.
    for (const [key, f] of Object.entries(filters)) expect([key, tally[key]]).toEqual([key, data.items.filter((i) => itemMatches(f, i)).length]);
    expect(tally['o:none']).toBe(30);
    expect(tally['kept-other']).toBe(30);
  });
});

describe('the report email of a run bigger than the attachment holds, through a real SMTP server', () => {
  it('attaches the first rows by importance with the note, and says so in the email', async () => {
    smtp = await startTestSmtpServer({ user: SMTP_USER, pass: SMTP_PASS });
    configureSmtp(app.ctx, smtp.port);
    const n = ATTACHMENT_LIMITS.fullRows + 1;
    const kinds = (k: number): Partial<RunItem> & Pick<RunItem, 'outcome'> =>
      k % 997 === 5 ? { outcome: 'failed', error: { code: 'mailchimp_invalid_email', params: {} } }
      : k % 101 === 7 ? { outcome: 'keptStatus', memberStatus: 'cleaned' }
      : k % 13 === 3 ? { outcome: 'skipped', reason: 'no_email', email: '' }
      : k % 3 === 0 ? { outcome: 'unchanged' }
      : { outcome: 'created' };
    const data = runOf(Array.from({ length: n }, (_, k) => item(k + 2, kinds(k))));
    const runId = storeRun(app.ctx.db, data);
    await sendRunReport(app.ctx, runId);

    const [msg] = await smtp.waitFor(1, 30_000);
    expect(getRunReport(app.ctx.db, runId)).toMatchObject({ status: 'sent' });
    const mail = msg!.mail;
    expect(msg!.raw.length).toBeLessThan(10 * 2 ** 20);
    expect(mail.attachments).toHaveLength(1);
    const att = mail.attachments[0]!;
    expect(att.filename).toMatch(new RegExp(`^barsy-mailchimp-run-${runId}-\\d{4}-\\d{2}-\\d{2}-partial\\.csv$`));
    const rows = parse(att.content.toString('utf8'));
    const shown = ATTACHMENT_LIMITS.partialRows;
    const left = n - shown;
    const fmt = (v: number) => new Intl.NumberFormat('bg-BG').format(v);
    expect(rows[0]![0]).toContain(`Този файл съдържа ${fmt(shown)} от ${fmt(n)} клиента, първо тези, които искат внимание; не са включени ${fmt(left)} клиента.`);
    expect(rows[0]![0]).toContain(`barsy-sync report ${runId} --csv`);
    const lines = rows.slice(2).map((r) => Number(r[0]));
    expect(lines).toEqual(expectedOrder(data.items).slice(0, shown).map((i) => i.line));
    // Failed first, then kept, then skipped, then added: the unchanged ones are the ones left out.
    expect(rows.slice(2).map((r) => r[7]).filter((v, i, all) => all.indexOf(v) === i)).toEqual(['неуспешен', 'запазен статус', 'пропуснат', 'добавен']);
    expect(mail.text).toContain(`затова прикаченият файл ${att.filename} съдържа първите ${fmt(shown)} по важност`);
    expect(mail.text).toContain(`Не са включени ${fmt(left)} клиента.`);
    expect(mail.html).toContain(`barsy-sync report ${runId} --csv --out klienti.csv`);
  }, 60_000);
});
