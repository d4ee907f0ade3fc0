import Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../main/mailchimp-simulator/index.js';
import { createMailchimpClient } from '../../main/mailchimp/sdk-client.js';
import type { Member } from '../../main/mailchimp/mailchimp-api.js';
import { createSyncEnv, manyRows, runCli, type SyncEnv } from '../helpers/sync-env.js';

/** What matters of every member, by email (as a client reads the audience). */
async function audience(sim: Pick<SimulatorHandle, 'apiKey' | 'baseUrl' | 'listId'>): Promise<Array<Pick<Member, 'email_address' | 'status' | 'merge_fields' | 'interests'>>> {
  const api = createMailchimpClient({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, concurrency: 4 });
  const all = [...(await api.listMembers(sim.listId)), ...(await api.listMembers(sim.listId, { status: 'archived' }))];
  return all
    .map(({ email_address, status, merge_fields, interests }) => ({ email_address, status, merge_fields, interests }))
    .sort((a, b) => a.email_address.localeCompare(b.email_address));
}

describe('outages interrupt instead of failing members', () => {
  const envs: SyncEnv[] = [];
  const sims: SimulatorHandle[] = [];
  afterEach(async () => {
    for (const s of sims.splice(0)) await s.close();
    for (const e of envs.splice(0)) await e.cleanup();
  });

  it('the simulator stopped mid-push → interrupted with 0 failed; the next sync completes identical to an uninterrupted run', async () => {
    const rows = manyRows(3000);

    // The reference: the same export synced without an outage.
    const reference = await createSyncEnv({ seed: 5 });
    envs.push(reference);
    await reference.importRows(rows);
    await reference.autoMap();
    const uninterrupted = await reference.sync({ batchSize: 100 });
    expect(uninterrupted.status).toBe('completed');

    const env = await createSyncEnv({ seed: 5, latencyMs: 20, perMemberMs: 1, stateFile: path.join(reference.app.dir, 'outage-sim.json') });
    envs.push(env);
    await env.importRows(rows);
    await env.autoMap();
    let stopping: Promise<void> | undefined;
    const off = env.app.ctx.events.on('sync:progress', (p) => {
      if (!stopping && p.phase === 'pushing' && p.counts.created >= 800) stopping = env.sim.close();
    });
    const first = await env.sync({ batchSize: 100 });
    off();
    await stopping;
    expect(stopping).toBeDefined();
    expect(first.status).toBe('interrupted');
    expect(first.counts.failed).toBe(0);
    expect(first.counts.created).toBeGreaterThanOrEqual(800);
    expect(first.counts.created).toBeLessThan(3000);
    expect(first.error?.code).toBe('sync_outage');

    // Mailchimp is back (same port, same state): the next sync resumes the same run and completes it.
    const back = await startSimulator({ port: env.sim.port, seed: 5, stateFile: path.join(reference.app.dir, 'outage-sim.json') });
    sims.push(back);
    const resumed = await env.sync({ batchSize: 100 });
    expect(resumed.runId).toBe(first.runId);
    expect(resumed.status).toBe('completed');
    expect(resumed.counts).toEqual(uninterrupted.counts);
    expect(await audience(back)).toEqual(await audience(reference.sim));
  }, 120_000);

  it('Mailchimp answering 503 to every write → interrupted, nobody failed, then resumed', async () => {
    const env = await createSyncEnv({ seed: 9 });
    envs.push(env);
    await env.importRows(manyRows(1500));
    await env.autoMap();
    env.sim.setFaults('POST /lists/*:503:1');
    const first = await env.sync({ batchSize: 100 });
    expect(first.status).toBe('interrupted');
    expect(first.counts).toMatchObject({ created: 0, failed: 0 });
    env.sim.setFaults('');
    const again = await env.sync({ batchSize: 100 });
    expect(again.runId).toBe(first.runId);
    expect(again.counts).toMatchObject({ clients: 1500, created: 1500, failed: 0 });
  }, 60_000);

  it('the CLI: a sync whose Mailchimp goes away exits non-zero with status "interrupted"; the next one completes', async () => {
    const stateFile = path.join(os.tmpdir(), `barsy-cli-outage-${process.pid}-${Date.now()}.json`);
    const env = await createSyncEnv({ seed: 4, latencyMs: 30, perMemberMs: 1, stateFile });
    envs.push(env);
    await env.importRows(manyRows(4000));
    await env.autoMap();
    const db = path.join(env.app.dir, 'barsy-sync.sqlite');
    const watcher = new Database(db, { readonly: true });
    let stopping: Promise<void> | undefined;
    const timer = setInterval(() => {
      const row = watcher.prepare("SELECT COUNT(*) AS n FROM run_items WHERE outcome = 'created'").get() as { n: number } | undefined;
      if (!stopping && row && row.n > 0) stopping = env.sim.close();
    }, 20);
    const first = await runCli(['sync', '--json', '--db', db]).finally(() => {
      clearInterval(timer);
      watcher.close();
    });
    await stopping;
    expect(stopping).toBeDefined();
    expect(first.code).toBe(1);
    const out = JSON.parse(first.stdout) as { status: string; counts: Record<string, number>; error?: { code: string } };
    expect(out.status, JSON.stringify(out)).toBe('interrupted');
    expect(out.counts.failed).toBe(0);
    expect(out.error?.code).toBe('sync_outage');

    const back = await startSimulator({ port: env.sim.port, seed: 4, stateFile });
    sims.push(back);
    const second = await runCli(['sync', '--json', '--db', db]);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'completed', counts: { clients: 4000, created: 4000, failed: 0 } });
  }, 120_000);
});
