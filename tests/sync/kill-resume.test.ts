import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../main/mailchimp-simulator/index.js';
import { createMailchimpClient } from '../../main/mailchimp/sdk-client.js';
import type { Member } from '../../main/mailchimp/mailchimp-api.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { manyRows, runCli as cli, SEEDED, writeCsv, type Row } from '../helpers/sync-env.js';

const N = 8000;

/** A database with the settings pointing at `sim`, `rows` imported and mapped by name. */
async function prepare(sim: SimulatorHandle, rows: readonly Row[]): Promise<TempApp> {
  const app = createTempApp('barsy-kill-');
  const s = app.ctx.settings;
  s.set('mailchimp.apiKey', sim.apiKey);
  s.set('mailchimp.baseUrl', sim.baseUrl);
  s.set('mailchimp.listId', sim.listId);
  s.set('report.email', 'owner@magazin.bg');
  for (const [channel, req] of [['import:run', { path: writeCsv(app.dir, rows) }], ['mapping:auto', {}]] as const) {
    const res = await app.dispatch(channel, req);
    if (!res.ok) throw new Error(JSON.stringify(res.error));
  }
  return app;
}

/** The audience as a client reads it: what matters of every member, by email. */
async function audience(sim: SimulatorHandle): Promise<Array<Pick<Member, 'email_address' | 'status' | 'merge_fields' | 'interests'>>> {
  const api = createMailchimpClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, concurrency: 4 });
  const all = [...(await api.listMembers(sim.listId)), ...(await api.listMembers(sim.listId, { status: 'archived' }))];
  return all
    .map(({ email_address, status, merge_fields, interests }) => ({ email_address, status, merge_fields, interests }))
    .sort((a, b) => a.email_address.localeCompare(b.email_address));
}

describe('a sync killed half-way (SIGKILL) and restarted', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('ends with the audience identical to an uninterrupted run, resuming the same run without re-sending confirmed members', async () => {
    const rows = [...SEEDED, ...manyRows(N, 100)];
    // Slow enough (about 0.8 s a 500-member batch) that the kill lands while batches are in flight.
    const sim = await startSimulator({ port: 0, seed: 3, latencyMs: 50, perMemberMs: 1.5 });
    const app = await prepare(sim, rows);
    const db = path.join(app.dir, 'barsy-sync.sqlite');
    await app.ctx.close();
    cleanups.push(async () => {
      await app.cleanup();
      await sim.close();
    });

    const watcher = new Database(db, { readonly: true });
    let killedAt: { created: number } | null = null;
    const first = await cli(['sync', '--db', db, '--json'], (pid) => {
      const timer = setInterval(() => {
        const row = watcher.prepare("SELECT COUNT(*) AS n FROM run_items WHERE outcome = 'created'").get() as { n: number } | undefined;
        if (row && row.n > 0) {
          clearInterval(timer);
          killedAt = { created: row.n };
          process.kill(pid, 'SIGKILL');
        }
      }, 20);
    });
    expect(first.signal).toBe('SIGKILL');
    expect(killedAt).not.toBeNull();
    const mid = watcher.prepare("SELECT id, status FROM sync_runs").all() as Array<{ id: number; status: string }>;
    expect(mid).toEqual([{ id: 1, status: 'running' }]);
    const unsettled = (watcher.prepare('SELECT COUNT(*) AS n FROM run_items WHERE outcome IS NULL').get() as { n: number }).n;
    expect(unsettled).toBeGreaterThan(0);
    watcher.close();
    // The batches the killed process had in flight still land (the simulator finishes each, ~0.8 s): the
    // restart comes after them, as a user's would, so what they wrote is found in Mailchimp and not sent
    // again. (Restarted at once, a faster CLI start raced them and re-sent those members: still correct,
    // as writes are upserts, but not what this test measures.)
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const batchesBefore = sim.stats().byRoute['POST /lists/{list_id}'] ?? 0;
    const second = await cli(['sync', '--db', db, '--json']);
    expect(second.code, second.stderr).toBe(0);
    const result = JSON.parse(second.stdout) as { runId: number; status: string; counts: Record<string, number> };
    expect(result.runId).toBe(1);
    expect(result.status).toBe('completed');
    const c = result.counts;
    expect(c.clients).toBe(rows.length);
    expect(c.created! + c.updated! + c.unchanged! + c.skipped! + c.keptStatus! + c.failed!).toBe(c.clients);
    // Confirmed members are not sent again: at most the unsettled ones, 500 a batch.
    const resent = (sim.stats().byRoute['POST /lists/{list_id}'] ?? 0) - batchesBefore;
    expect(resent).toBeLessThanOrEqual(Math.ceil(unsettled / 500));

    // The same job, uninterrupted, on a fresh simulator with the same seed.
    const ref = await startSimulator({ port: 0, seed: 3 });
    const refApp = await prepare(ref, rows);
    const refDb = path.join(refApp.dir, 'barsy-sync.sqlite');
    await refApp.ctx.close();
    cleanups.push(async () => {
      await refApp.cleanup();
      await ref.close();
    });
    const refRun = await cli(['sync', '--db', refDb, '--json']);
    expect(refRun.code, refRun.stderr).toBe(0);
    expect(JSON.parse(refRun.stdout).counts).toEqual(result.counts);

    const [got, want] = [await audience(sim), await audience(ref)];
    expect(got.length).toBe(want.length);
    expect(got).toEqual(want);

    // Nothing changed since: the next sync takes over the resumed run's plan (no row copied, nothing sent)
    // and shows its rows, what it created or updated now unchanged.
    const batches = sim.stats().byRoute['POST /lists/{list_id}'] ?? 0;
    const third = await cli(['sync', '--db', db, '--json']);
    expect(third.code, third.stderr).toBe(0);
    const again = JSON.parse(third.stdout) as typeof result;
    expect(again.runId).toBe(2);
    expect(again.counts).toEqual({ ...c, created: 0, updated: 0, unchanged: c.unchanged! + c.created! + c.updated! });
    expect(sim.stats().byRoute['POST /lists/{list_id}'] ?? 0).toBe(batches);
    const after = new Database(db, { readonly: true });
    expect(after.prepare('SELECT items_run_id FROM sync_runs WHERE id = 2').get()).toEqual({ items_run_id: 1 });
    expect(after.prepare('SELECT COUNT(*) AS n FROM run_items WHERE run_id = 2').get()).toEqual({ n: 0 });
    expect(after.prepare('SELECT COUNT(*) AS n FROM run_item_view WHERE run_id = 2').get()).toEqual({ n: rows.length });
    after.close();
  }, 120_000);
});
