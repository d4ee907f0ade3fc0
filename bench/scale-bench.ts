/**
 * `npm run bench:scale [-- --clients N] [-- --latency MS] [-- --per-member MS] [-- --concurrency N]`:
 * a 1,000,000-client export through import, first sync and no-change re-sync against the Mailchimp
 * simulator over HTTP on 127.0.0.1, each step in its own process (time and that process's peak RSS),
 * beside floors measured in the same run:
 * - import floor: decode + papaparse parse + one-transaction insert of the same file (plain rows);
 * - first-sync floor: the same number of batch POSTs of 500 at the same concurrency against a fresh
 *   simulator with the same latency (no planning, no SQLite);
 * - re-sync floor: one "members changed since the cursor" read plus one SQL scan comparing every
 *   mirrored member with what we last confirmed.
 * Also: the cost of writing the run items of the run (plan rows + settling, share of the first sync),
 * the time to render the run's report email, and `runs:get` pages of both runs. Not a test.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CONCURRENCY } from '../main/sync/plan-and-push.js';
import { writeBarsyCsv } from './lib/barsy-csv.js';
import { ROOT, startSimProcess, type Sim } from './lib/simulator-process.js';
import { args, numberArg } from './lib/args.js';

const N = numberArg('--clients', 1_000_000);
const LATENCY_MS = numberArg('--latency', 100);
const PER_MEMBER_MS = numberArg('--per-member', 0);
const CONCURRENCY = numberArg('--concurrency', DEFAULT_CONCURRENCY);
/** `--first-only`: import and first sync only (quick iterations on the sync engine). */
const FIRST_ONLY = args.includes('--first-only');
/** `--cpu-prof DIR`: the first sync's process writes a V8 CPU profile to DIR. */
const CPU_PROF = args.includes('--cpu-prof') ? path.resolve(args[args.indexOf('--cpu-prof') + 1]!) : null;

type StepResult = { ms: number; maxRssMb: number; [k: string]: unknown };

/** Runs one step of bench/scale-step.ts in a child process and returns its JSON line. */
function step(name: string, a: Record<string, unknown>, nodeArgs: string[] = []): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(ROOT, 'bench/scale-step.ts'), name, JSON.stringify(a)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`step ${name} exited ${code}: ${out}`));
      else resolve(JSON.parse(line) as StepResult);
    });
  });
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** One line of `runs:get` timings (see the runs-get step of bench/scale-step.ts). */
function pageLine(label: string, r: StepResult): string {
  const ms = (k: string) => `${String((r[k] as { ms: number }).ms)} ms`;
  return `runs:get of the ${label} (100 rows a page): first call ${ms('first')}, again ${ms('again')}, middle ${ms('middle')}, last ${ms('last')}, one outcome ${ms('unchanged')}; runs:list ${String(r.listMs)} ms`;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-scale-bench-'));
  const sims: Sim[] = [];
  const rows: Array<[string, StepResult, string, StepResult | null]> = [];
  try {
    process.stdout.write(`${N} clients; simulator: ${LATENCY_MS} ms latency, ${PER_MEMBER_MS} ms per member, 10 connections; engine: batches of 500, ${CONCURRENCY} in flight\n`);
    const csv = path.join(dir, 'export.csv');
    let t0 = performance.now();
    writeBarsyCsv(csv, N);
    process.stdout.write(`export written (${Math.round(fs.statSync(csv).size / 2 ** 20)} MB) in ${sec(performance.now() - t0)}\n`);
    const sim = await startSimProcess({ latencyMs: LATENCY_MS, perMemberMs: PER_MEMBER_MS });
    sims.push(sim);
    const base = { dir, sim: { baseUrl: sim.baseUrl, apiKey: sim.apiKey, listId: sim.listId } };

    const importFloor = await step('floor-import', { ...base, csv });
    const imported = await step('import', { ...base, csv, concurrency: CONCURRENCY });
    rows.push(['import', imported, 'decode + parse + insert', importFloor]);
    process.stdout.write(`import ${sec(imported.ms)} (floor ${sec(importFloor.ms)})\n`);

    const floorSim = await startSimProcess({ latencyMs: LATENCY_MS, perMemberMs: PER_MEMBER_MS });
    sims.push(floorSim);
    const batchFloor = await step('floor-batch', { ...base, sim: { baseUrl: floorSim.baseUrl, apiKey: floorSim.apiKey, listId: floorSim.listId }, clients: N, concurrency: CONCURRENCY });
    floorSim.close();
    t0 = performance.now();
    const first = await step('sync', base, CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF] : []);
    rows.push(['first sync', first, `${Math.ceil(N / 500)} batch POSTs of 500, ${CONCURRENCY} in flight`, batchFloor]);
    process.stdout.write(
      `first sync ${sec(first.ms)} (floor ${sec(batchFloor.ms)}, ${(first.ms / batchFloor.ms).toFixed(2)}×) ${first.maxRssMb} MB peak, engine ${sec(Number(first.engineMs))} ${JSON.stringify(first.counts)}\n`,
    );
    if (FIRST_ONLY) return;

    const items = await step('items-write', { ...base, runId: first.runId });
    const report = await step('report', { ...base, runId: first.runId });

    const resyncFloor = await step('floor-resync', base);
    const again = await step('sync', base);
    rows.push(['no-change re-sync', again, 'changes since cursor + SQL compare', resyncFloor]);
    const pagesFirst = await step('runs-get', { ...base, runId: first.runId });
    const pagesAgain = await step('runs-get', { ...base, runId: again.runId });

    process.stdout.write(`\n${'step'.padEnd(20)} ${'time'.padStart(10)} ${'peak RSS'.padStart(9)}   ${'floor'.padEnd(40)} ${'time'.padStart(10)}  ratio\n`);
    for (const [label, m, floorLabel, f] of rows) {
      process.stdout.write(
        `${label.padEnd(20)} ${sec(m.ms).padStart(10)} ${`${m.maxRssMb} MB`.padStart(9)}   ${floorLabel.padEnd(40)} ${(f ? sec(f.ms) : '').padStart(10)}  ${f ? `${(m.ms / f.ms).toFixed(2)}×` : ''}\n`,
      );
    }
    process.stdout.write(
      `\nengine durationMs: first ${sec(Number(first.engineMs))}, re-sync ${sec(Number(again.engineMs))}\n` +
        `run items of the first sync (${String(items.rows)} rows: plan written + settled in 500s): ${sec(items.ms)} = ${((100 * items.ms) / first.ms).toFixed(1)} % of the first sync (target < 20 %)\n` +
        `${pageLine('first sync', pagesFirst)}\n${pageLine('re-sync', pagesAgain)}\n` +
        `report email of the first sync (counts and lists from the run's indexes ${String(report.digestMs)} ms + CSV attachment ${String(report.attachmentMs)} ms + HTML and text ${String(report.renderMs)} ms): ${sec(report.ms)} (target < 2 s), ${report.maxRssMb} MB peak, HTML ${String(report.htmlKb)} KB, attachment ${report.partial ? 'first rows by importance' : 'full list'} ${String(report.csvMb)} MB\n`,
    );
    process.stdout.write(
      `${JSON.stringify({ clients: N, latencyMs: LATENCY_MS, perMemberMs: PER_MEMBER_MS, concurrency: CONCURRENCY, importFloor, imported, batchFloor, first, items, report, resyncFloor, again, pagesFirst, pagesAgain })}\n`,
    );
  } finally {
    sims.forEach((s) => s.close());
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
