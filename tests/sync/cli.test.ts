import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSyncEnv, runCli as cli, SEEDED, type SyncEnv } from '../helpers/sync-env.js';

const COUNT_KEYS = ['clients', 'eligible', 'created', 'updated', 'unchanged', 'skipped', 'keptStatus', 'failed'];

describe('CLI: sync, map, runs, demo', () => {
  let env: SyncEnv;
  afterEach(async () => env?.cleanup());

  it('demo runs the whole job with no set-up and prints the run as JSON', async () => {
    const r = await cli(['demo', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { status: string; counts: Record<string, number>; requests: number; durationMs: number };
    expect(out.status).toBe('completed');
    expect(Object.keys(out.counts)).toEqual(COUNT_KEYS);
    expect(out.counts.clients).toBe(30);
    expect(out.counts.created).toBeGreaterThan(0);
    expect(out.requests).toBeGreaterThan(0);
  }, 60_000);

  it('map, sync --dry-run, sync --json and runs --json over one database', async () => {
    env = await createSyncEnv({}, { reportEmail: false });
    await env.importRows(SEEDED);
    const db = path.join(env.app.dir, 'barsy-sync.sqlite');

    expect((await cli(['map', 'auto', '--db', db])).stdout).toMatch(/groups 4, fields/);
    expect((await cli(['map', 'group', 'VIP', 'none', '--db', db])).code).toBe(0);
    const bad = await cli(['map', 'field', 'Телефон', 'PHONE', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Field "PHONE" is of type phone/);
    const list = JSON.parse((await cli(['map', 'list', '--json', '--db', db])).stdout) as { groups: Array<{ barsyGroup: string; interestId: string | null; mapped: boolean }> };
    expect(list.groups.find((g) => g.barsyGroup === 'VIP')).toMatchObject({ interestId: null, mapped: true });

    const noEmail = await cli(['sync', '--json', '--db', db]);
    expect(noEmail.code).toBe(1);
    expect(noEmail.stderr).toMatch(/report email/);

    const writes = env.writes();
    const dry = JSON.parse((await cli(['sync', '--dry-run', '--json', '--db', db])).stdout) as { status: string; counts: Record<string, number> };
    expect(dry.status).toBe('completed');
    expect(env.writes()).toBe(writes);

    env.app.ctx.settings.set('report.email', 'owner@magazin.bg');
    const real = await cli(['sync', '--json', '--db', db]);
    expect(real.code, real.stderr).toBe(0);
    const out = JSON.parse(real.stdout) as { runId: number; status: string; counts: Record<string, number>; requests: number; durationMs: number };
    expect(Object.keys(out)).toEqual(['runId', 'status', 'counts', 'requests', 'durationMs']);
    expect(Object.keys(out.counts)).toEqual(COUNT_KEYS);
    // VIP is not synced (4 clients); of the rest Иван matches, Липа and Николай change, two keep their status, Стефан is forgotten.
    expect(out.counts).toEqual({ clients: 10, eligible: 6, skipped: 4, created: 0, updated: 2, unchanged: 1, keptStatus: 2, failed: 1 });
    expect(env.writes()).toBeGreaterThan(writes);

    const text = await cli(['sync', '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Sync run #3 — completed/);
    expect(text.stdout).toMatch(/unchanged 3/);

    const runs = JSON.parse((await cli(['runs', '--json', '--db', db])).stdout) as Array<{ runId: number; dryRun: boolean; status: string }>;
    expect(runs.map((r) => [r.runId, r.dryRun, r.status])).toEqual([
      [3, false, 'completed'],
      [2, false, 'completed'],
      [1, true, 'completed'],
    ]);
  }, 90_000);
});
