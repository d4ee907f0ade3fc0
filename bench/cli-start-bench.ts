/**
 * `npm run bench:cli [-- --runs N] [-- --history N] [-- --clients N]`: median start time of the CLI as a
 * fresh clone has it, beside its floors measured in the same run and interleaved (so machine load hits
 * every figure alike):
 * `barsy-sync --version` and `barsy-sync runs` (the command itself, node_modules/.bin/barsy-sync, as a
 * shell or npm runs it) against `node -e 0`, `node bin/barsy-sync.mjs runs` (the ES module entry programs
 * and scheduled tasks name, which loads the same launcher) for comparison, and `npx barsy-sync --version`
 * against `npx --version` and against npx running another local bin (`npx --no-install esbuild
 * --version`: esbuild is a native binary that answers in milliseconds, so that is npx's own cost of
 * running a bin). `runs` reads a database holding a realistic history: `--history` runs (default 50)
 * of `--clients` clients each (default 200), made by real syncs against the in-process demo simulator.
 * The CLI runs in a frozen copy of this checkout (`tests/cli/fresh-clone.ts`, built by its own `npm run
 * prepare`, as `npm install` does; no tsx there, so a start that did not use the build would fail), so
 * edits made meanwhile in this tree cannot send the launcher to the sources. Not a test.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppContext } from '../main/app/create-app-context.js';
import { createDispatcher } from '../main/ipc/dispatcher.js';
import { handlers } from '../main/ipc/handler-map.js';
import { startSync } from '../main/sync/engine.js';
import { freshClone } from '../tests/cli/fresh-clone.js';
import { writeBarsyCsv } from './lib/barsy-csv.js';
import { numberArg } from './lib/args.js';

const RUNS = numberArg('--runs', 15);
const HISTORY = numberArg('--history', 50);
const CLIENTS = numberArg('--clients', 200);
const clone = freshClone('barsy-cli-bench-');
const dir = clone.dir;
const dbPath = path.join(dir, 'data', 'bench.sqlite');
const env = { ...process.env, BARSY_SYNC_DB: dbPath, BARSY_SYNC_LANG: 'en' };
const command = path.join(dir, 'node_modules/.bin/barsy-sync');
const bin = path.join(dir, 'bin/barsy-sync.mjs');

const cases: Array<{ label: string; cmd: string; args: string[] }> = [
  { label: 'node -e 0 (floor)', cmd: process.execPath, args: ['-e', '0'] },
  { label: 'barsy-sync --version', cmd: command, args: ['--version'] },
  { label: 'barsy-sync runs', cmd: command, args: ['runs'] },
  { label: 'node bin/barsy-sync.mjs runs', cmd: process.execPath, args: [bin, 'runs'] },
  { label: 'npx --version (floor)', cmd: 'npx', args: ['--version'] },
  { label: 'npx esbuild --version (floor)', cmd: 'npx', args: ['--no-install', 'esbuild', '--version'] },
  { label: 'npx barsy-sync --version', cmd: 'npx', args: ['--no-install', 'barsy-sync', '--version'] },
];

/** Wall time of one start, failing loudly if the command fails. */
function once(c: (typeof cases)[number]): number {
  const t0 = performance.now();
  const r = spawnSync(c.cmd, c.args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${c.label}: exit ${r.status}: ${r.stderr.toString()}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** `HISTORY` real runs of `CLIENTS` clients (a few changed before each), synced to the demo simulator. */
async function seedHistory(): Promise<void> {
  const ctx = createAppContext({ dbPath });
  const dispatch = createDispatcher(handlers, ctx);
  const call = async (channel: string, req: unknown) => {
    const res = await dispatch(channel, req);
    if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(res.error)}`);
    return res.value;
  };
  try {
    await call('mailchimp:demo', {});
    const csv = path.join(dir, 'data', 'export.csv');
    for (let i = 0; i < HISTORY; i++) {
      writeBarsyCsv(csv, CLIENTS, new Set(Array.from({ length: 5 }, (_, k) => ((i * 5 + k) % CLIENTS) + 1)));
      await call('import:run', { path: csv });
      if (i === 0) await call('mapping:auto', {});
      const s = await (await startSync(ctx, { dryRun: false })).done;
      if (s.status !== 'completed') throw new Error(`seed run ${s.runId} ${s.status}`);
    }
  } finally {
    await ctx.close();
  }
}

try {
  const built = spawnSync('npm', ['run', 'prepare', '--silent'], { cwd: dir, stdio: 'inherit', shell: process.platform === 'win32' });
  if (built.status !== 0) throw new Error('the CLI build failed');
  fs.mkdirSync(path.dirname(dbPath));
  await seedHistory();
  const listed = spawnSync(command, ['runs', '--json'], { cwd: dir, env, encoding: 'utf8', shell: process.platform === 'win32' });
  const history = JSON.parse(listed.stdout) as Array<{ counts: { clients: number } }>;
  for (const c of cases) once(c); // warm the file cache
  const times = cases.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) cases.forEach((c, k) => times[k]!.push(once(c)));
  const m = times.map(median);
  const s = (ms: number) => (ms / 1000).toFixed(3);
  process.stdout.write(
    `median of ${RUNS} starts each, interleaved (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores); ` +
      `\`runs\` lists ${history.length} runs of ${history[0]?.counts.clients ?? 0} clients\n`,
  );
  cases.forEach((c, k) => process.stdout.write(`${c.label.padEnd(30)} ${s(m[k]!).padStart(7)} s\n`));
  process.stdout.write(
    `\n--version: ${s(m[1]!)} s, ${s(m[1]! - m[0]!)} s over node's own start; runs: ${s(m[2]!)} s, ${s(m[2]! - m[0]!)} s over it (target ≤ 0.250 s)\n` +
      `npx barsy-sync --version: ${s(m[6]! - m[5]!)} s over npx running a native bin (the CLI's own --version: ${s(m[1]!)} s); ` +
      `${s(m[6]! - m[4]!)} s over \`npx --version\`\n`,
  );
} finally {
  clone.remove();
}
