import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { mixedRun } from '../helpers/report/synthetic-run.js';
import { storeRun } from '../helpers/report/stored-run.js';

const run = promisify(execFile);
const BIN = path.resolve(__dirname, '../../bin/barsy-sync.mjs');
let app: TempApp;
let runId: number;

/** Runs the real CLI in a child process against the test database. */
async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, '--db', app.ctx.dbPath, ...args], { encoding: 'utf8' });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

beforeAll(() => {
  app = createTempApp('barsy-report-cli-');
  runId = storeRun(app.ctx.db, mixedRun());
});
afterAll(async () => {
  await app.cleanup();
});

describe('barsy-sync report', () => {
  it('prints the text report by default and the full CSV with --csv', async () => {
    const text = await cli('report', String(runId));
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Отчет за синхронизация № ${runId}`);
    expect(text.stdout).toContain('НЕУСПЕШНИ (2)');

    const csv = await cli('report', String(runId), '--csv');
    expect(csv.stdout.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(csv.stdout.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(rows).toHaveLength(17);
  });

  it('writes the HTML report to a file with --out, and fails clearly for an unknown run', async () => {
    const out = path.join(app.dir, 'report.html');
    const res = await cli('report', String(runId), '--html', '--out', out);
    expect(res.code).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    const missing = await cli('--lang', 'en', 'report', '999');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('There is no sync run number 999.');
  });

  it('prints {summary, items} with --json, every client of the run', async () => {
    const res = await cli('report', String(runId), '--json');
    expect(res.code).toBe(0);
    const parsed = JSON.parse(res.stdout) as { summary: { runId: number; counts: { clients: number } }; items: Array<{ line: number }> };
    expect(parsed.summary).toMatchObject({ runId, counts: { clients: 16 } });
    expect(parsed.items.map((i) => i.line)).toEqual(mixedRun().items.map((i) => i.line));
  });

  it('--resend reports a send failure with a clear message and a non-zero exit', async () => {
    const res = await cli('--lang', 'en', 'report', String(runId), '--resend');
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout.trim())).toMatchObject({ runId, reportEmail: { status: 'failed', error: { code: 'report_email_missing' } } });
    expect(res.stderr.trim()).toBe('Enter a report email address (mandatory, as in Barsy) before syncing.');
  });

  it('lists the SMTP presets', async () => {
    const res = await cli('smtp', 'presets', '--json');
    const presets = JSON.parse(res.stdout) as Array<{ id: string }>;
    expect(presets[0]).toEqual({ id: 'abv.bg', label: 'ABV.bg', host: 'smtp.abv.bg', port: 465, secure: true });
  });
});
