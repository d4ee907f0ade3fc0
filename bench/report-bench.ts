/**
 * `npm run bench:report [-- --clients 1000000]`: the report email of a big run. Seeds a run of N clients
 * (a realistic mix: failed, kept, skipped by reason, shortened, added, updated, unchanged) straight into
 * a temporary file database, then measures, each step in its own process (its own peak RSS):
 * - `email`: what is sent — the digest (counts and first rows, from the run's indexes), the CSV attachment
 *   (capped: its first 20,000 clients by importance, list by list) written to a private file and the HTML +
 *   text rendered; target < 2 s for 1,000,000 clients;
 * - the same `email` of a no-change re-sync that took over the run's plan (its rows read through
 *   `run_item_view`, created and updated shown as unchanged);
 * - `floor`: one pass over the run's rows in SQLite (nothing faster can read the run), before and after;
 * - `full-csv`: the full list every client (what the email attached before: ~100 MB at 1M), and gzip
 *   of it and of the capped attachment (is compression worth it?);
 * - `send`: the whole report email delivered through a real SMTP server on 127.0.0.1 (login, no TLS),
 *   with the size of the message on the wire.
 * Prints figures, not a test. Run it under `flock -x /tmp/cpu.lock`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { createAppContext } from '../main/app/create-app-context.js';
import { createRun, finishRun, getRun, writePlan, type ItemAction, type ItemRow } from '../main/runs/run-store.js';
import { takeOverPlan } from '../main/runs/plan-reuse.js';
import { digestOfRun } from '../main/report/report-digest.js';
import { renderReportEmail, reportCap, writeStoredReportCsv } from '../main/report/report-document.js';
import { writeReportAttachment } from '../main/report/report-attachment.js';
import { sendRunReport } from '../main/report/send-run-report.js';
import { getRunReport } from '../main/runs/run-reports-store.js';
import { storeRunCounts } from '../main/runs/run-counts.js';
import type { EligibilityReason } from '../shared/domain/client.js';
import type { MemberStatus, Outcome } from '../shared/domain/sync.js';
import { args, numberArg } from './lib/args.js';

const DB_FILE = 'barsy-sync.sqlite';
const SMTP_USER = 'bench@magazin.bg';
const SMTP_PASS = 'bench-password';
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const sec = (ms: number) => (ms / 1000).toFixed(2);
const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const group = (n: number) => n.toLocaleString('en-US');

type Seed = { outcome: Outcome; reason?: EligibilityReason; status?: MemberStatus; failed?: boolean; shortened?: boolean };

/** Client k's result: a big shop's first sync with messy data (~12 % need attention: more than the attachment holds). */
function seedOf(k: number): Seed {
  if (k % 500 === 0) return { outcome: 'failed', failed: true };
  if (k % 200 === 1) return { outcome: 'keptStatus', status: 'unsubscribed' };
  if (k % 200 === 2) return { outcome: 'keptStatus', status: 'cleaned' };
  if (k % 50 === 3) return { outcome: 'skipped', reason: 'invalid_email' };
  if (k % 20 === 4) return { outcome: 'skipped', reason: 'no_email' };
  if (k % 25 === 5) return { outcome: 'skipped', reason: 'not_subscribed' };
  if (k % 1000 === 6) return { outcome: 'created', shortened: true };
  if (k % 10 === 7) return { outcome: 'updated' };
  if (k % 4 === 0) return { outcome: 'unchanged' };
  return { outcome: 'created' };
}

const ACTION: Record<Outcome, ItemAction> = { created: 'create', updated: 'update', unchanged: 'unchanged', skipped: 'skip', keptStatus: 'kept', failed: 'fail' };

/** A completed run of `n` clients, with its import's clients, written as the engine's run store writes them. */
async function seed(dir: string, n: number): Promise<number> {
  const ctx = createAppContext({ dbPath: path.join(dir, DB_FILE) });
  const { db } = ctx;
  const importId = Number(
    db
      .prepare(
        `INSERT INTO imports (file_name, file_path, file_size, sha256, encoding, delimiter, column_mapping, rows, client_count,
           representative_count, duplicates, created_at)
         VALUES ('klienti.csv', '/tmp/klienti.csv', 0, 'x', 'cp1251', ';', '[]', ?, ?, 0, 0, ?)`,
      )
      .run(n, n, new Date().toISOString()).lastInsertRowid,
  );
  const client = db.prepare(
    `INSERT INTO clients (id, import_id, line, barsy_id, code, name, company, email, group_name, subscribed, deleted, extra, reasons)
     VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, 1, 0, '{}', '[]')`,
  );
  const runId = createRun(db, { listId: 'bench-list', audienceName: 'Клиенти на магазина', importId, dryRun: false, removalPolicy: 'leave' });
  const CHUNK = 20_000;
  for (let from = 0; from < n; from += CHUNK) {
    const items: ItemRow[] = [];
    db.transaction(() => {
      for (let k = from; k < Math.min(n, from + CHUNK); k += 1) {
        const s = seedOf(k);
        const id = k + 1;
        const name = `Клиент Иванов-Петров ${id}`;
        const email = s.reason === 'no_email' ? '' : s.reason === 'invalid_email' ? `klient${id}@abv,bg` : `klient${id}@abv.bg`;
        client.run(id, importId, k + 2, String(100000 + id), `C${id}`, name, email, 'Редовни');
        items.push({
          clientId: id,
          line: k + 2,
          name,
          email,
          hash: null,
          group: 'Редовни',
          action: ACTION[s.outcome],
          outcome: s.outcome,
          reason: s.reason ?? null,
          memberStatus: s.status ?? null,
          error: s.failed ? { code: 'mailchimp_invalid_email', params: { detail: 'looks fake or invalid' } } : null,
          shortened: s.shortened ? [{ tag: 'ADDRESS', originalBytes: 412, sentValue: 'ул. „Иван Вазов“ 12, вх. Б, ет. 3, ап. 14, гр. София'.repeat(2) }] : [],
        });
      }
    })();
    writePlan(db, runId, items);
  }
  // As the engine settles a run: its end and its counts (stored once, so no report recounts them).
  db.transaction(() => {
    finishRun(db, runId, { status: 'completed', activeMs: 3_600_000, requests: 2_100 });
    storeRunCounts(db, runId);
  })();
  await ctx.close();
  return runId;
}

/** A completed no-change re-sync that took over run `from`'s plan (it shows that run's rows, created and updated as unchanged). */
async function takenOverRun(dir: string, from: number): Promise<number> {
  const ctx = createAppContext({ dbPath: path.join(dir, DB_FILE) });
  const { db } = ctx;
  const runId = createRun(db, { listId: 'bench-list', audienceName: 'Клиенти на магазина', importId: getRun(db, from)!.import_id, dryRun: false, removalPolicy: 'leave' });
  db.transaction(() => {
    takeOverPlan(db, from, runId);
    finishRun(db, runId, { status: 'completed', activeMs: 1_000, requests: 3 });
    storeRunCounts(db, runId);
  })();
  await ctx.close();
  return runId;
}

/** Runs one measuring step in a new process (its own peak RSS) and returns the JSON line it prints. */
async function step(name: string, dir: string, runId: number, extra: Record<string, unknown> = {}): Promise<Record<string, number | string | boolean>> {
  const me = fileURLToPath(import.meta.url);
  // Not blocking: the SMTP server the `send` step talks to runs in this process.
  const out = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [...process.execArgv, me, '--step', name, JSON.stringify({ dir, runId, ...extra })], { encoding: 'utf8', maxBuffer: 1 << 20 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    ),
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, number | string | boolean>;
}

const steps: Record<string, (a: { dir: string; runId: number; port?: number }) => Promise<Record<string, unknown>>> = {
  /** What the email costs to prepare: digest + capped attachment + HTML/text (as `report-delivery.ts` does). */
  email: async ({ dir, runId }) => {
    const ctx = createAppContext({ dbPath: path.join(dir, DB_FILE) });
    const out = fs.mkdtempSync(path.join(dir, 'att-'));
    const t0 = performance.now();
    const digest = digestOfRun(ctx.db, runId, reportCap('email'));
    const t1 = performance.now();
    const att = writeReportAttachment(ctx.db, digest, 'bg', out);
    const t2 = performance.now();
    const doc = renderReportEmail(digest, { lang: 'bg', version: 'bench', context: 'email' }, att);
    const t3 = performance.now();
    const bytes = fs.statSync(att.path).size;
    const gz0 = performance.now();
    const gz = zlib.gzipSync(fs.readFileSync(att.path)).length;
    const gzMs = performance.now() - gz0;
    await ctx.close();
    return {
      ms: t3 - t0, digestMs: t1 - t0, attachmentMs: t2 - t1, renderMs: t3 - t2, htmlKb: Math.round(Buffer.byteLength(doc.html) / 1024),
      textKb: Math.round(Buffer.byteLength(doc.text) / 1024), rows: att.rows, partial: att.partial !== null, clients: digest.listed.all,
      attachmentBytes: bytes, gzipBytes: gz, gzipMs: gzMs, maxRssMb: maxRssMb(),
    };
  },
  /** One pass over the run's rows in SQLite, touching every row's longest text: the floor of reading the run. */
  floor: async ({ dir, runId }) => {
    const ctx = createAppContext({ dbPath: path.join(dir, DB_FILE) });
    const t0 = performance.now();
    const row = ctx.db.prepare('SELECT COUNT(*) AS n, SUM(LENGTH(name) + LENGTH(email)) AS chars FROM run_item_view WHERE run_id = ?').get(runId) as { n: number };
    const ms = performance.now() - t0;
    await ctx.close();
    return { ms, rows: row.n, maxRssMb: maxRssMb() };
  },
  /** The full list (every client), as the email used to attach it, and its gzip. */
  'full-csv': async ({ dir, runId }) => {
    const ctx = createAppContext({ dbPath: path.join(dir, DB_FILE) });
    const file = path.join(dir, `full-${process.pid}.csv`);
    const t0 = performance.now();
    const rows = writeStoredReportCsv(ctx.db, runId, 'bg', file);
    const ms = performance.now() - t0;
    const bytes = fs.statSync(file).size;
    const g0 = performance.now();
    const gz = await new Promise<number>((resolve, reject) => {
      let size = 0;
      fs.createReadStream(file)
        .pipe(zlib.createGzip({ level: 1 }))
        .on('data', (c: Buffer) => (size += c.length))
        .on('end', () => resolve(size))
        .on('error', reject);
    });
    const gzipMs = performance.now() - g0;
    fs.rmSync(file);
    await ctx.close();
    return { ms, rows, bytes, gzipBytes: gz, gzipMs, maxRssMb: maxRssMb() };
  },
  /** `sendRunReport` as after a real sync: the report rendered and delivered to the SMTP server on `port`. */
  send: async ({ dir, runId, port }) => {
    const ctx = createAppContext({ dbPath: path.join(dir, DB_FILE) });
    const settings: Array<[Parameters<typeof ctx.settings.set>[0], string]> = [
      ['smtp.host', '127.0.0.1'], ['smtp.port', String(port)], ['smtp.secure', 'false'], ['smtp.noEncryption', 'true'],
      ['smtp.user', SMTP_USER], ['smtp.pass', SMTP_PASS], ['smtp.from', SMTP_USER], ['report.email', 'owner@magazin.bg'],
    ];
    for (const [k, v] of settings) ctx.settings.set(k, v);
    const t0 = performance.now();
    await sendRunReport(ctx, runId);
    const ms = performance.now() - t0;
    const report = getRunReport(ctx.db, runId);
    await ctx.close();
    return { ms, status: report?.status ?? 'none', error: report?.error?.code ?? '', maxRssMb: maxRssMb() };
  },
};

/** A real SMTP server on 127.0.0.1 that takes up to 25 MB (Gmail's and abv.bg's limit) and counts what it receives. */
async function smtpServer(): Promise<{ port: number; sizes: number[]; close: () => Promise<void> }> {
  const sizes: number[] = [];
  const server = new SMTPServer({
    authOptional: false, allowInsecureAuth: true, disabledCommands: ['STARTTLS'], logger: false, size: 25 * 1000 * 1000,
    onAuth: (auth, _s, cb) => (auth.username === SMTP_USER && auth.password === SMTP_PASS ? cb(null, { user: SMTP_USER }) : cb(new Error('auth'))),
    onData(stream, _s, cb) {
      let size = 0;
      stream.on('data', (c: Buffer) => (size += c.length));
      stream.on('end', () => {
        sizes.push(size);
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, sizes, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function main(): Promise<void> {
  if (process.argv[2] === '--step') {
    const [name, json] = process.argv.slice(3) as [string, string];
    const result = await steps[name]!(JSON.parse(json) as { dir: string; runId: number; port?: number });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const n = numberArg('--clients', 1_000_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-report-bench-'));
  let runId = 0;
  try {
    const s0 = performance.now();
    runId = await seed(dir, n);
    console.log(`seeded a run of ${group(n)} clients in ${sec(performance.now() - s0)} s (${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)})`);

    const reuseId = await takenOverRun(dir, runId);
    // Floors before and after the emails: the machine's speed drifts within minutes.
    const floor = await step('floor', dir, runId);
    const e = await step('email', dir, runId);
    const reuse = await step('email', dir, reuseId);
    const floor2 = await step('floor', dir, runId);
    const full = await step('full-csv', dir, runId);
    const smtp = await smtpServer();
    let send: Record<string, unknown>;
    try {
      send = await step('send', dir, runId, { port: smtp.port });
    } finally {
      await smtp.close();
    }
    const n2 = (v: unknown) => Number(v);
    console.log(`floor: one pass over the run's ${group(n2(floor.rows))} rows in SQLite: ${sec(n2(floor.ms))} s before the emails, ${sec(n2(floor2.ms))} s after`);
    console.log(
      `report email (capped, HTML + text + CSV attachment): ${sec(n2(e.ms))} s  [target < 2 s] = digest ${sec(n2(e.digestMs))} s + attachment ${sec(n2(e.attachmentMs))} s + HTML/text ${sec(n2(e.renderMs))} s; peak RSS ${e.maxRssMb} MB`,
    );
    console.log(
      `the same run taken over by a no-change re-sync (rows read through run_item_view): ${sec(n2(reuse.ms))} s = digest ${sec(n2(reuse.digestMs))} s + attachment ${sec(n2(reuse.attachmentMs))} s + HTML/text ${sec(n2(reuse.renderMs))} s; ${group(n2(reuse.rows))} rows attached`,
    );
    console.log(
      `  attachment: ${group(n2(e.rows))} of ${group(n2(e.clients))} clients (${e.partial ? 'partial' : 'full'}), ${mb(n2(e.attachmentBytes))} MB` +
        ` (~${mb(n2(e.attachmentBytes) * 4 / 3)} MB base64); HTML ${e.htmlKb} KB, text ${e.textKb} KB; gzip would give ${mb(n2(e.gzipBytes))} MB for ${sec(n2(e.gzipMs))} s more`,
    );
    console.log(
      `full list (not attached): ${group(n2(full.rows))} rows, ${mb(n2(full.bytes))} MB in ${sec(n2(full.ms))} s; gzip -1 of it ${mb(n2(full.gzipBytes))} MB for ${sec(n2(full.gzipMs))} s more; peak RSS ${full.maxRssMb} MB`,
    );
    console.log(`sent through SMTP on 127.0.0.1 (sendRunReport): ${sec(n2(send.ms))} s, ${send.status}${send.error ? ` (${send.error})` : ''}, message ${mb(smtp.sizes[0] ?? 0)} MB on the wire (limit 25 MB); peak RSS ${send.maxRssMb} MB`);
  } finally {
    if (args.includes('--keep')) console.log(`kept ${dir} (run ${runId})`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
