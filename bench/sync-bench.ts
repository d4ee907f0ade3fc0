/**
 * `npm run bench:sync [-- --clients N] [-- --per-member MS] [-- --naive N]`: the sync engine against the
 * Mailchimp simulator (run as a separate process, 100 ms latency per request, 10-connection limit,
 * a per-member cost in batch subscribe). Scenarios: first sync of N clients (default 100,000); a
 * re-sync with no changes; a re-sync with 1 % changed; and the same 2,000-client workload through the
 * engine and through a naive client that PUTs one member at a time. Prints wall time, requests, write
 * requests and peak RSS of this process. Not a test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createAppContext } from '../main/app/create-app-context.js';
import type { AppContext } from '../main/context/app-context.js';
import { createDispatcher } from '../main/ipc/dispatcher.js';
import { handlers } from '../main/ipc/handler-map.js';
import { createMailchimpClient } from '../main/mailchimp/sdk-client.js';
import { subscriberHash } from '../main/mailchimp/subscriber-hash.js';
import { startSync } from '../main/sync/engine.js';

const args = process.argv.slice(2);
const arg = (name: string, def: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : def);
const N = arg('--clients', 100_000);
const PER_MEMBER_MS = arg('--per-member', 1);
const NAIVE_N = arg('--naive', 2_000);
/** Requests the engine keeps in flight (`sync.maxConnections`; the product's default is 5). */
const CONNECTIONS = arg('--connections', 5);
const LATENCY_MS = 100;
const ROOT = path.resolve(import.meta.dirname, '..');
const GROUPS = ['Редовни клиенти', 'VIP', 'Заведения', 'Фирми'];
const HEADERS = ['ID', 'Име', 'Email', 'Група', 'Maillist абонамент', 'Изтрит', 'Бележка', 'Управител: Име', 'Управител: Телефон'];

type Sim = { baseUrl: string; apiKey: string; listId: string; stats(): Promise<{ requests: number; writes: number }>; close(): void };

/** Starts `barsy-sync simulator` in its own process, so its CPU does not count against the engine. */
async function startSimProcess(): Promise<Sim> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/barsy-sync.mjs'), 'simulator', '--json', '--port', '0', '--latency', String(LATENCY_MS), '--per-member', String(PER_MEMBER_MS), '--max-connections', '10'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve) => readline.createInterface({ input: child.stdout! }).once('line', resolve));
  const info = JSON.parse(line) as { baseUrl: string; apiKey: string; listId: string };
  const origin = new URL(info.baseUrl).origin;
  return {
    ...info,
    stats: async () => (await (await fetch(`${origin}/__simulator/stats`, { headers: { Authorization: `Basic ${Buffer.from(`bench:${info.apiKey}`).toString('base64')}` } })).json()) as { requests: number; writes: number },
    close: () => child.kill(),
  };
}

/** A Barsy-like export of `n` clients; `changed` ids get another note. */
function writeCsv(file: string, n: number, changed: ReadonlySet<number> = new Set()): void {
  const lines = [HEADERS.join(';')];
  for (let i = 1; i <= n; i++) {
    const rep = i % 3 === 0 ? [`Управител ${i}`, `0888 ${String(i).padStart(6, '0')}`] : ['', ''];
    lines.push(`${i};Клиент Номер${i};client${i}@shop${i % 997}.bg;${GROUPS[i % GROUPS.length]};Да;Не;${changed.has(i) ? 'променена ' : ''}бележка ${i};${rep.join(';')}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

type Measure = { label: string; ms: number; requests: number; writes: number; peakRssMb: number; note?: string };

/** Runs `task`, sampling this process's RSS, and reads the simulator's request counters around it. */
async function measure(label: string, sim: Sim, task: () => Promise<{ note: string; endedAt?: number }>): Promise<Measure> {
  const before = await sim.stats();
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const t0 = performance.now();
  const { note, endedAt } = await task();
  const ms = (endedAt ?? performance.now()) - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  const after = await sim.stats();
  return { label, ms, requests: after.requests - before.requests, writes: after.writes - before.writes, peakRssMb: Math.round(peak / 2 ** 20), note };
}

/** A context whose settings point at `sim`, with `csv` imported and mapped by name. */
async function prepare(dir: string, sim: Sim, csv: string): Promise<{ ctx: AppContext; call: (c: string, r: unknown) => Promise<unknown> }> {
  const ctx = createAppContext({ dbPath: path.join(dir, 'barsy-sync.sqlite') });
  const dispatch = createDispatcher(handlers, ctx);
  const call = async (channel: string, req: unknown) => {
    const res = await dispatch(channel, req);
    if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(res.error)}`);
    return res.value;
  };
  ctx.settings.set('mailchimp.apiKey', sim.apiKey);
  ctx.settings.set('mailchimp.baseUrl', sim.baseUrl);
  ctx.settings.set('mailchimp.listId', sim.listId);
  ctx.settings.set('report.email', 'bench@magazin.bg');
  ctx.settings.set('sync.maxConnections', String(CONNECTIONS));
  await call('import:run', { path: csv });
  await call('mapping:auto', {});
  return { ctx, call };
}

/** One sync; its time ends at `sync:finished` (the report email that follows is the report domain's job). */
async function sync(ctx: AppContext): Promise<{ note: string; endedAt: number }> {
  let endedAt = 0;
  const off = ctx.events.on('sync:finished', () => (endedAt = performance.now()));
  const { done } = await startSync(ctx, { dryRun: false });
  const s = await done;
  off();
  if (s.status !== 'completed') throw new Error(`run ${s.runId} ${s.status}: ${JSON.stringify(s.error)}`);
  const c = s.counts;
  return { note: `created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, failed ${c.failed}`, endedAt };
}

/** The naive integration: one `PUT /members/{hash}` per client, one after the other. */
async function naivePut(sim: Sim, n: number, interests: Record<string, string>): Promise<{ note: string }> {
  const api = createMailchimpClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, concurrency: 1 });
  for (let i = 1; i <= n; i++) {
    const email = `client${i}@shop${i % 997}.bg`;
    const group = GROUPS[i % GROUPS.length]!;
    await api.upsertMember(sim.listId, subscriberHash(email), {
      email_address: email,
      status_if_new: 'subscribed',
      merge_fields: { FNAME: 'Клиент', LNAME: `Номер${i}`, NOTE: `бележка ${i}` },
      interests: Object.fromEntries(GROUPS.map((g) => [interests[g]!, g === group])),
    });
  }
  return { note: `${n} members` };
}

const fmt = (m: Measure) =>
  `${m.label.padEnd(34)} ${(m.ms / 1000).toFixed(2).padStart(8)} s ${String(m.requests).padStart(8)} ${String(m.writes).padStart(7)} ${String(m.peakRssMb).padStart(8)} MB  ${m.note ?? ''}`;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-sync-bench-'));
  const results: Measure[] = [];
  const sims: Sim[] = [];
  try {
    process.stdout.write(`simulator: ${LATENCY_MS} ms latency, ${PER_MEMBER_MS} ms per member in a batch, 10 connections; engine: 500 a batch, ${CONNECTIONS} in flight\n`);
    const big = path.join(dir, 'big.csv');
    writeCsv(big, N);
    const sim = await startSimProcess();
    sims.push(sim);
    const { ctx } = await prepare(path.join(fs.mkdtempSync(path.join(dir, 'a-'))), sim, big);
    results.push(await measure(`first sync, ${N} clients`, sim, () => sync(ctx)));
    results.push(await measure('re-sync, no changes', sim, () => sync(ctx)));
    const changed = new Set(Array.from({ length: Math.round(N / 100) }, (_, i) => 1 + i * 100));
    const big2 = path.join(dir, 'big-1pc.csv');
    writeCsv(big2, N, changed);
    const dispatch = createDispatcher(handlers, ctx);
    await dispatch('import:run', { path: big2 });
    results.push(await measure(`re-sync, 1 % changed (${changed.size})`, sim, () => sync(ctx)));
    await ctx.close();

    const small = path.join(dir, 'small.csv');
    writeCsv(small, NAIVE_N);
    const simE = await startSimProcess();
    sims.push(simE);
    const e = await prepare(fs.mkdtempSync(path.join(dir, 'b-')), simE, small);
    results.push(await measure(`engine, ${NAIVE_N} clients`, simE, () => sync(e.ctx)));
    await e.ctx.close();
    const simN = await startSimProcess();
    sims.push(simN);
    const api = createMailchimpClient({ apiKey: simN.apiKey, baseUrl: simN.baseUrl });
    const interests: Record<string, string> = {};
    for (const c of await api.listInterestCategories(simN.listId)) for (const i of await api.listInterests(simN.listId, c.id)) interests[i.name] = i.id;
    results.push(await measure(`naive PUT per member, ${NAIVE_N}`, simN, () => naivePut(simN, NAIVE_N, interests)));
  } finally {
    sims.forEach((s) => s.close());
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // The floor at the engine's own concurrency: ⌈requests / connections⌉ rounds of one batch's time.
  const floorMs = Math.ceil(Math.ceil(N / 500) / CONNECTIONS) * (LATENCY_MS + 500 * PER_MEMBER_MS);
  process.stdout.write(`\n${'scenario'.padEnd(34)} ${'wall'.padStart(10)} ${'requests'.padStart(8)} ${'writes'.padStart(7)} ${'peak RSS'.padStart(11)}\n`);
  results.forEach((m) => process.stdout.write(`${fmt(m)}\n`));
  const [first, none, , engine, naive] = results as [Measure, Measure, Measure, Measure, Measure];
  process.stdout.write(
    `\nfloor for the first sync: ${Math.ceil(N / 500)} requests, ${CONNECTIONS} at a time, ${LATENCY_MS} ms + 500 × ${PER_MEMBER_MS} ms = ${(floorMs / 1000).toFixed(2)} s → ` +
      `${(first.ms / floorMs).toFixed(2)}× the floor (target ≤ 2×)\n` +
      `no-change re-sync: ${none.writes} write requests, ${(none.ms / 1000).toFixed(2)} s (target 0 and ≤ 2 s)\n` +
      `naive / engine on ${NAIVE_N} clients: ${(naive.ms / engine.ms).toFixed(1)}× slower (target ≥ 20×)\n`,
  );
  process.stdout.write(`${JSON.stringify({ clients: N, connections: CONNECTIONS, perMemberMs: PER_MEMBER_MS, latencyMs: LATENCY_MS, floorMs, results })}\n`);
}

await main();
