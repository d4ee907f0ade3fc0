/**
 * One step of `npm run bench:scale`, run in its own process so its peak RSS (`maxRSS`) is its own:
 * `tsx bench/scale-step.ts <step> '<json args>'`. Prints one JSON line: `{ ms, maxRssMb, ... }`.
 * Steps: import, sync, items-write, report, runs-get, floor-import, floor-batch, floor-resync. Not a test.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import Database from 'better-sqlite3';
import { createAppContext } from '../main/app/create-app-context.js';
import type { AppContext } from '../main/context/app-context.js';
import { createDispatcher } from '../main/ipc/dispatcher.js';
import { handlers } from '../main/ipc/handler-map.js';
import { createMailchimpClient } from '../main/mailchimp/sdk-client.js';
import { createRun, itemWriters, writePlan, type ItemRow } from '../main/runs/run-store.js';
import { writeReportAttachment } from '../main/report/report-attachment.js';
import { renderReportEmail, reportCap } from '../main/report/report-document.js';
import { digestOfRun } from '../main/report/report-digest.js';
import { startSync } from '../main/sync/engine.js';
import { mirrorStore } from '../main/sync/mirror-store.js';
import { interestIds, postBatchFloor } from './lib/batch-floor.js';
import type { SimInfo } from './lib/simulator-process.js';

type Args = { dir: string; sim: SimInfo; csv?: string; clients?: number; concurrency?: number; runId?: number };
const [step, json] = process.argv.slice(2) as [string, string];
const a = JSON.parse(json) as Args;

function open(): { ctx: AppContext; call: (c: string, r: unknown) => Promise<unknown> } {
  const ctx = createAppContext({ dbPath: path.join(a.dir, 'barsy-sync.sqlite') });
  const dispatch = createDispatcher(handlers, ctx);
  const call = async (channel: string, req: unknown) => {
    const res = await dispatch(channel, req);
    if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(res.error)}`);
    return res.value;
  };
  return { ctx, call };
}

/** Runs `task` and prints its time and this process's peak RSS. */
async function timed(task: () => Promise<Record<string, unknown> | void>): Promise<void> {
  const t0 = performance.now();
  const extra = (await task()) ?? {};
  const ms = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ ms: extra.ms ?? ms, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...extra })}\n`);
}

const steps: Record<string, () => Promise<void>> = {
  /** The product's import of the export, then the default mappings (settings point at the simulator). */
  import: async () => {
    const { ctx, call } = open();
    ctx.settings.set('mailchimp.apiKey', a.sim.apiKey);
    ctx.settings.set('mailchimp.baseUrl', a.sim.baseUrl);
    ctx.settings.set('mailchimp.listId', a.sim.listId);
    ctx.settings.set('report.email', 'bench@magazin.bg');
    if (a.concurrency) ctx.settings.set('sync.maxConnections', String(a.concurrency));
    await timed(async () => void (await call('import:run', { path: a.csv })));
    await call('mapping:auto', {});
    await ctx.close();
  },
  /** One real sync; its time ends at `sync:finished` (the report email after it is measured on its own). */
  sync: async () => {
    const { ctx } = open();
    await timed(async () => {
      let endedAt = 0;
      const t0 = performance.now();
      const off = ctx.events.on('sync:finished', () => (endedAt = performance.now()));
      const { done } = await startSync(ctx, { dryRun: false, demo: true });
      const s = await done;
      off();
      if (s.status !== 'completed') throw new Error(`run ${s.runId} ${s.status}: ${JSON.stringify(s.error)}`);
      return { ms: endedAt - t0, runId: s.runId, engineMs: s.durationMs, counts: s.counts, requests: s.requests };
    });
    await ctx.close();
  },
  /**
   * What writing a run's items costs: the plan rows of every client of run `runId` written again into a
   * new run (`writePlan`, 5,000 at a time) and settled in batches of 500 (`settleMany`), as a run does.
   */
  'items-write': async () => {
    const { ctx } = open();
    const { db } = ctx;
    const src = db.prepare<[number, number]>('SELECT client_id, line, name, email, email_hash, group_name FROM run_items WHERE run_id = ? AND client_id > ? ORDER BY client_id LIMIT 5000');
    const run = db.prepare<[number], { list_id: string; import_id: number }>('SELECT list_id, import_id FROM sync_runs WHERE id = ?').get(a.runId!)!;
    const to = createRun(db, { listId: run.list_id, audienceName: 'bench', importId: run.import_id, dryRun: true, removalPolicy: 'leave' });
    const writers = itemWriters(db, to);
    let rows = 0;
    await timed(async () => {
      for (let after = 0; ; ) {
        const page = src.all(a.runId!, after) as Array<{ client_id: number; line: number; name: string; email: string; email_hash: string | null; group_name: string }>;
        if (page.length === 0) break;
        after = page[page.length - 1]!.client_id;
        const items: ItemRow[] = page.map((r) => ({
          clientId: r.client_id, line: r.line, name: r.name, email: r.email, group: r.group_name, hash: r.email_hash,
          action: 'create', outcome: null, reason: null, memberStatus: null, error: null, shortened: [],
        }));
        writePlan(db, to, items);
        for (let i = 0; i < items.length; i += 500) {
          const batch = items.slice(i, i + 500);
          db.transaction(() => writers.settleMany(batch.map((it) => ({ clientId: it.clientId, outcome: 'created' as const }))))();
        }
        rows += items.length;
      }
      return { rows };
    });
    db.prepare('DELETE FROM run_items WHERE run_id = ?').run(to);
    db.prepare('DELETE FROM sync_runs WHERE id = ?').run(to);
    await ctx.close();
  },
  /**
   * The report email of run `runId` as it is sent: the counts and the capped lists read from the run's
   * indexes (`digestMs`), the CSV attachment written to a file — the full list within the mail limits, else
   * its first rows by importance, list by list (`attachmentMs`) — and the HTML and text (`renderMs`); `ms`
   * is all three.
   */
  report: async () => {
    const { ctx } = open();
    const dir = fs.mkdtempSync(path.join(a.dir, 'report-'));
    await timed(async () => {
      const t0 = performance.now();
      const digest = digestOfRun(ctx.db, a.runId!, reportCap('email'));
      const t1 = performance.now();
      const att = writeReportAttachment(ctx.db, digest, 'bg', dir);
      const t2 = performance.now();
      const doc = renderReportEmail(digest, { lang: 'bg', version: 'bench', context: 'email' }, att);
      const ms = performance.now() - t0;
      const csvMb = Math.round((fs.statSync(att.path).size / 2 ** 20) * 10) / 10;
      fs.rmSync(dir, { recursive: true, force: true });
      return { ms, digestMs: Math.round(t1 - t0), attachmentMs: Math.round(t2 - t1), renderMs: Math.round(ms - (t2 - t0)), htmlKb: Math.round(doc.html.length / 1024), partial: att.partial, csvMb };
    });
    await ctx.close();
  },
  /**
   * `runs:get` of run `runId` as the app pages it (through the dispatcher, response validated): the first
   * page, a page in the middle, the last page, a page of one outcome, and `runs:list`. The first call is
   * timed on its own: a run finished before its counts were stored computes and stores them then.
   */
  'runs-get': async () => {
    const { ctx, call } = open();
    const one = async (req: Record<string, unknown>) => {
      const t0 = performance.now();
      const res = (await call('runs:get', { runId: a.runId, limit: 100, ...req })) as { total: number; items: unknown[] };
      return { ms: Math.round((performance.now() - t0) * 10) / 10, total: res.total, rows: res.items.length };
    };
    await timed(async () => {
      const first = await one({});
      const total = first.total;
      const pages = { first, again: await one({}), middle: await one({ offset: Math.floor(total / 2) }), last: await one({ offset: Math.max(0, total - 100) }), unchanged: await one({ outcome: 'unchanged' }) };
      const t0 = performance.now();
      await call('runs:list', {});
      return { ...pages, listMs: Math.round(performance.now() - t0) };
    });
    await ctx.close();
  },
  /** Import floor: the file decoded, parsed with papaparse and inserted as plain rows in one transaction. */
  'floor-import': async () => {
    await timed(async () => {
      const text = iconv.decode(fs.readFileSync(a.csv!), 'utf8');
      const rows = Papa.parse<string[]>(text, { delimiter: ';', skipEmptyLines: true }).data;
      const db = new Database(path.join(a.dir, 'floor.sqlite'));
      db.exec('CREATE TABLE r (line INTEGER, cells TEXT)');
      const ins = db.prepare('INSERT INTO r VALUES (?, ?)');
      db.transaction(() => rows.forEach((r, i) => ins.run(i, JSON.stringify(r))))();
      db.close();
      return { rows: rows.length };
    });
  },
  /** Batch floor: the same number of batch POSTs of 500 members, at the same concurrency, to a fresh simulator. */
  'floor-batch': async () => {
    const api = createMailchimpClient({ apiKey: a.sim.apiKey, baseUrl: a.sim.baseUrl, concurrency: a.concurrency! });
    const interests = await interestIds(api, a.sim.listId);
    const n = a.clients!;
    await timed(async () => ({ requests: await postBatchFloor(api, a.sim.listId, interests, n, a.concurrency!) }));
  },
  /**
   * Re-sync floor: what a no-change re-sync cannot avoid — asking Mailchimp for the members changed
   * since the cursor, and comparing every mirrored member with what we last confirmed (one SQL scan).
   */
  'floor-resync': async () => {
    const { ctx } = open();
    const api = createMailchimpClient({ apiKey: a.sim.apiKey, baseUrl: a.sim.baseUrl });
    await timed(async () => {
      const since = mirrorStore(ctx.db, a.sim.listId).cursor().since;
      const changed = await api.listMembers(a.sim.listId, since ? { sinceLastChanged: since } : {});
      const same = ctx.db
        .prepare<[string], { n: number }>(
          `SELECT COUNT(*) AS n FROM audience_members
           WHERE list_id = ? AND status IS NOT NULL AND state_email IS NOT NULL AND confirmed_last_changed IS last_changed`,
        )
        .get(a.sim.listId)!.n;
      return { changed: changed.length, same };
    });
    await ctx.close();
  },
};

const run = steps[step];
if (!run) throw new Error(`unknown step ${step}`);
await run();
