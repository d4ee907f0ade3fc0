import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createSyncEnv, SEEDED, type SyncEnv } from '../helpers/sync-env.js';
import { runCliWith, type CliResult } from '../helpers/run-cli-with.js';

let env: SyncEnv;
let cliEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  // Latency makes every run last a few seconds, so two processes started together meet at the claim.
  env = await createSyncEnv({ latencyMs: 250 });
  await env.importRows(SEEDED);
  await env.autoMap();
  cliEnv = { ...process.env, BARSY_SYNC_DB: path.join(env.app.dir, 'barsy-sync.sqlite'), BARSY_SYNC_LANG: 'en' };
}, 60_000);
afterAll(async () => env.cleanup());

type Span = { id: number; started_at: string; finished_at: string | null; status: string; pid: number };

describe('one sync at a time across processes', () => {
  it('two processes racing `barsy-sync sync` 20 times never both run', async () => {
    const results: CliResult[][] = [];
    for (let race = 0; race < 20; race++) {
      results.push(await Promise.all([runCliWith(['sync', '--json'], cliEnv), runCliWith(['sync', '--json'], cliEnv)]));
    }
    const busy = /^A sync is already running \(#\d+, started \d\d:\d\d\)\. Wait for it or cancel it\.\n$/;
    let refused = 0;
    for (const pair of results) {
      for (const r of pair) {
        if (r.code === 3) {
          refused++;
          expect(r.stderr).toMatch(busy);
          expect(r.stdout).toBe('');
        } else {
          expect(r.code, r.stderr).toBe(0);
          expect(JSON.parse(r.stdout)).toMatchObject({ status: 'completed' });
        }
      }
      // At least one of each pair ran.
      expect(pair.some((r) => r.code === 0)).toBe(true);
    }
    // The runs recorded never overlap in time: no two processes were ever syncing together.
    const runs = env.app.ctx.db.prepare<[], Span>('SELECT id, started_at, finished_at, status, pid FROM sync_runs ORDER BY started_at').all();
    expect(runs.length).toBe(40 - refused);
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i - 1]!.finished_at).not.toBeNull();
      expect(Date.parse(runs[i]!.started_at)).toBeGreaterThanOrEqual(Date.parse(runs[i - 1]!.finished_at!));
    }
    expect(runs.every((r) => r.status === 'completed')).toBe(true);
    // Processes started together really did meet (otherwise this test would prove nothing).
    expect(refused).toBeGreaterThan(0);
    console.info(`claim race: ${refused} of 20 races had the second process refused with exit code 3; the rest ran one after the other`);
  }, 900_000);
});
