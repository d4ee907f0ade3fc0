/**
 * `npm run bench:sync [-- --clients N] [-- --per-member MS] [-- --naive N]`: the sync engine against the
 * Mailchimp simulator (run as a separate process, 100 ms latency per request, 10-connection limit,
 * a per-member cost in batch subscribe). Scenarios: first sync of N clients (default 100,000); a
 * re-sync with no changes; a re-sync with 1 % changed; and the same 2,000-client workload through the
 * engine and through a naive client that PUTs one member at a time. Prints wall time, requests, write
 * requests and peak RSS of this process. Not a test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppContext } from '../main/app/create-app-context.js';
import type { AppContext } from '../main/context/app-context.js';
import { createDispatcher } from '../main/ipc/dispatcher.js';
import { handlers } from '../main/ipc/handler-map.js';
import { createMailchimpClient } from '../main/mailchimp/sdk-client.js';
import { subscriberHash } from '../main/mailchimp/subscriber-hash.js';
import { startSync } from '../main/sync/engine.js';
import { DEFAULT_CONCURRENCY } from '../main/sync/plan-and-push.js';
import { emailOf, GROUPS, writeBarsyCsv as writeCsv } from './lib/barsy-csv.js';
import { interestIds, postBatchFloor } from './lib/batch-floor.js';
import { startSimProcess as startSim, type Sim } from './lib/simulator-process.js';
import { numberArg } from './lib/args.js';

const N = numberArg('--clients', 100_000);
const PER_MEMBER_MS = numberArg('--per-member', 1);
const NAIVE_N = numberArg('--naive', 2_000);
/** Requests the engine keeps in flight (`sync.maxConnections`; the product's default is 5). */
const CONNECTIONS = numberArg('--connections', DEFAULT_CONCURRENCY);
const LATENCY_MS = 100;
const startSimProcess = () => startSim({ latencyMs: LATENCY_MS, perMemberMs: PER_MEMBER_MS });

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
async function prepare(dir: string, sim: Sim, csv: string, concurrency = CONNECTIONS): Promise<{ ctx: AppContext; call: (c: string, r: unknown) => Promise<unknown> }> {
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
  ctx.settings.set('sync.maxConnections', String(concurrency));
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
    const email = emailOf(i);
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

/** The batch floor: ⌈n / 500⌉ batch POSTs of 500 new members, `concurrency` in flight, to a fresh simulator. */
async function batchFloor(n: number, concurrency: number): Promise<Measure> {
  const sim = await startSimProcess();
  try {
    const api = createMailchimpClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, concurrency });
    const interests = await interestIds(api, sim.listId);
    return await measure(`floor: batch POSTs, ${concurrency} in flight`, sim, async () => ({
      note: `${await postBatchFloor(api, sim.listId, interests, n, concurrency)} requests`,
    }));
  } finally {
    sim.close();
  }
}

const fmt = (m: Measure) =>
  `${m.label.padEnd(34)} ${(m.ms / 1000).toFixed(2).padStart(8)} s ${String(m.requests).padStart(8)} ${String(m.writes).padStart(7)} ${String(m.peakRssMb).padStart(8)} MB  ${m.note ?? ''}`;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-sync-bench-'));
  const results: Measure[] = [];
  const floors: Array<[Measure, Measure]> = [];
  const sims: Sim[] = [];
  try {
    process.stdout.write(`simulator: ${LATENCY_MS} ms latency, ${PER_MEMBER_MS} ms per member in a batch, 10 connections; engine: 500 a batch, ${CONNECTIONS} in flight\n`);
    const big = path.join(dir, 'big.csv');
    writeCsv(big, N);
    const sim = await startSimProcess();
    sims.push(sim);
    const { ctx } = await prepare(path.join(fs.mkdtempSync(path.join(dir, 'a-'))), sim, big);
    results.push(await measure(`first sync, ${N} clients`, sim, () => sync(ctx)));
    const floorDefault = await batchFloor(N, CONNECTIONS);
    results.push(await measure('re-sync, no changes', sim, () => sync(ctx)));
    const changed = new Set(Array.from({ length: Math.round(N / 100) }, (_, i) => 1 + i * 100));
    const big2 = path.join(dir, 'big-1pc.csv');
    writeCsv(big2, N, changed);
    const dispatch = createDispatcher(handlers, ctx);
    await dispatch('import:run', { path: big2 });
    results.push(await measure(`re-sync, 1 % changed (${changed.size})`, sim, () => sync(ctx)));
    await ctx.close();

    // The same first sync with 10 in flight (Mailchimp's per-account limit), beside its floor.
    const sim10 = await startSimProcess();
    sims.push(sim10);
    const ten = await prepare(fs.mkdtempSync(path.join(dir, 'c-')), sim10, big, 10);
    const first10 = await measure(`first sync, ${N} clients, 10 in flight`, sim10, () => sync(ten.ctx));
    await ten.ctx.close();
    const floor10 = await batchFloor(N, 10);
    floors.push([results[0]!, floorDefault], [first10, floor10]);

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

  // The computed floor at the engine's own concurrency: ⌈requests / connections⌉ rounds of one batch's time.
  const floorMs = Math.ceil(Math.ceil(N / 500) / CONNECTIONS) * (LATENCY_MS + 500 * PER_MEMBER_MS);
  process.stdout.write(`\n${'scenario'.padEnd(34)} ${'wall'.padStart(10)} ${'requests'.padStart(8)} ${'writes'.padStart(7)} ${'peak RSS'.padStart(11)}\n`);
  results.forEach((m) => process.stdout.write(`${fmt(m)}\n`));
  const [first, none, , engine, naive] = results as [Measure, Measure, Measure, Measure, Measure];
  process.stdout.write('\nfirst sync beside its measured floor (the same number of batch POSTs of 500, same concurrency, a fresh simulator):\n');
  for (const [m, f] of floors) process.stdout.write(`${fmt(m)}\n${fmt(f)}\n  → ${(m.ms / f.ms).toFixed(2)}× the measured floor (target ≤ 1.3×)\n`);
  process.stdout.write(
    `\ncomputed floor for the first sync: ${Math.ceil(N / 500)} requests, ${CONNECTIONS} at a time, ${LATENCY_MS} ms + 500 × ${PER_MEMBER_MS} ms = ${(floorMs / 1000).toFixed(2)} s → ` +
      `${(first.ms / floorMs).toFixed(2)}× the floor (target ≤ 2×)\n` +
      `no-change re-sync: ${none.writes} write requests, ${(none.ms / 1000).toFixed(2)} s (target 0 and ≤ 2 s)\n` +
      `naive / engine on ${NAIVE_N} clients: ${(naive.ms / engine.ms).toFixed(1)}× slower (target ≥ 20×)\n`,
  );
  process.stdout.write(`${JSON.stringify({ clients: N, connections: CONNECTIONS, perMemberMs: PER_MEMBER_MS, latencyMs: LATENCY_MS, floorMs, results, floors })}\n`);
}

await main();
