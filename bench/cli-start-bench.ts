/**
 * `npm run bench:cli [-- --runs N]`: median start time of the built CLI, beside its floors measured in
 * the same run and interleaved (so machine load hits every figure alike):
 * `node bin/barsy-sync.mjs --version` and `… runs` (an empty database) against `node -e 0`, and
 * `npx barsy-sync --version` against `npx --version`. Builds the CLI first (`scripts/build-cli.mjs`), so
 * `bin/barsy-sync.mjs` runs the JavaScript build, not the TypeScript sources. Not a test.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './lib/simulator-process.js';

const args = process.argv.slice(2);
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 15;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-cli-bench-'));
const env = { ...process.env, BARSY_SYNC_DB: path.join(dir, 'bench.sqlite') };
const bin = path.join(ROOT, 'bin/barsy-sync.mjs');

const cases: Array<{ label: string; cmd: string; args: string[] }> = [
  { label: 'node -e 0 (floor)', cmd: process.execPath, args: ['-e', '0'] },
  { label: 'barsy-sync --version', cmd: process.execPath, args: [bin, '--version'] },
  { label: 'barsy-sync runs', cmd: process.execPath, args: [bin, 'runs'] },
  { label: 'npx --version (floor)', cmd: 'npx', args: ['--version'] },
  { label: 'npx barsy-sync --version', cmd: 'npx', args: ['--no-install', 'barsy-sync', '--version'] },
];

/** Wall time of one start, failing loudly if the command fails. */
function once(c: (typeof cases)[number]): number {
  const t0 = performance.now();
  const r = spawnSync(c.cmd, c.args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${c.label}: exit ${r.status}: ${r.stderr.toString()}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

try {
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the CLI build failed');
  for (const c of cases) once(c); // warm the file cache and create the empty database
  const times = cases.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) cases.forEach((c, k) => times[k]!.push(once(c)));
  const m = times.map(median);
  process.stdout.write(`median of ${RUNS} starts each, interleaved (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)\n`);
  cases.forEach((c, k) => process.stdout.write(`${c.label.padEnd(28)} ${(m[k]! / 1000).toFixed(3).padStart(7)} s\n`));
  process.stdout.write(
    `\n--version: ${((m[1]! - m[0]!) / 1000).toFixed(3)} s over node's own start; runs: ${((m[2]! - m[0]!) / 1000).toFixed(3)} s over it (target ≤ 0.25 s in all)\n` +
      `npx adds ${((m[4]! - m[3]!) / 1000).toFixed(3)} s over \`npx --version\` (its own overhead) + the CLI's ${((m[1]! - m[0]!) / 1000).toFixed(3)} s\n`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
